"""Stage 3: keep plans, editions and action history in a SQL database (SQLAlchemy)."""
