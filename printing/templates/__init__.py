"""Label and document templates: each builds `LabelLayout`s (millimetres) from orders."""
