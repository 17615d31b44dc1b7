"""Alembic migrations of Mishu's schema."""
