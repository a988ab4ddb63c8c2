"""The reference order server (DESIGN.md, "server/"): `server.app.create_app` builds it,
`server.harness.start_server` runs it for tests and demo mode, `prepdesk server` serves it.
"""
