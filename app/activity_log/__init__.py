"""The activity log as people read it (no Qt): its entries in words (`words`) and the newest
entries of the whole table with their order numbers (`entries`). The activity page and the
order's timeline only show what these return."""
