"""Alembic migrations of the store (run from code by :func:`planingest.store.migrate.upgrade`)."""
