"""printing layer (see DESIGN.md): label layouts in millimetres, renderers, printer transports.

- `layout` the model (LabelLayout, Text, Barcode, Box, Rule, Picture); `resolve` turns it into
  dots once per dpi; `zpl`, `pdf`, `raster` (PNG), `tspl` and `preview` (Qt) draw from that.
- `templates` build layouts from orders; `render` is the face: `render(layouts, format, dpi)`,
  `documents(kind, orders)`, `OrderDocumentMaker` (what the print station prints).
- `transports` (`open_printer(uri)`, `PrinterFault`), `hoststatus` (~HS), `emulator` (a loopback
  ZPL printer for tests and demo mode), `fonts` (font 0 widths, the bundled fonts).
"""
