"""printing layer (see DESIGN.md)."""
