"""The small UI layer between pages and the analytics core: cached data, filters, charts, export, auth."""
