"""The devices layer: scanners and scales, and emulators of them (see DESIGN.md, devices/).

`wedge` tells a keyboard-wedge scan from typing (pure); `wedge_qt` is its Qt event filter, the
only module here that imports Qt. `serial_link` runs one reader thread per serial port, under
`serial_scanner` and `scale` (parsers in `scale_protocols`). `emulators` puts a scanner or a
scale on a pseudo-terminal for demo mode and tests.
"""
