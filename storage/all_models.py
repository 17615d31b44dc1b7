"""Imports every table module so SQLModel.metadata knows the whole schema."""

from storage import models  # noqa: F401

# Capability table modules register here, e.g.: from storage import models_rooms  # noqa: F401
