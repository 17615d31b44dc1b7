"""Assignments and supervision (督办): create, progress, status, chasing, extension, transfer, closing, reports."""

from bot.tasks import create, export, flow, home, jobs, lists, progress, pushes, templates  # noqa: F401
from bot.tasks.from_notice import assign_for_notice

__all__ = ["assign_for_notice"]
