"""Imports every table module so SQLModel.metadata knows the whole schema."""

# Capability table modules register here, e.g.: from storage import models_rooms  # noqa: F401
from storage import (
    models,  # noqa: F401
    models_notices,  # noqa: F401
    models_reminders,  # noqa: F401
    models_rooms,  # noqa: F401
    models_tasks,  # noqa: F401
    models_visitors,  # noqa: F401
)
