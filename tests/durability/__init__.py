"""Durability and scale: restarts, several processes on one PostgreSQL, unique keys against repeats."""
