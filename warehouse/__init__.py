"""DuckDB warehouse: numbered migrations, analyst views, bulk loading, queries."""
