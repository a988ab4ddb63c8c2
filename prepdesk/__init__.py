"""The `prepdesk` command and the wiring that sits above every layer."""
