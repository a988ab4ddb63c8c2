"""The order list as the core reads it (no Qt): its columns, filters and sort keys over the
store's light rows (`rows`), and reading them from the store on the store lane (`loading`).
The screen (`ui/models/order_table.py`, `ui/pages/orders.py`) only shows what these return."""
