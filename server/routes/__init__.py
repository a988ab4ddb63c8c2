"""The API's routes, one module per seam of the contract (briefs: api.md)."""
