"""Assignments and supervision (督办): create, progress, status, chasing, extension, transfer, closing, reports."""

from bot.tasks import create, export, flow, jobs, lists, progress, templates  # noqa: F401
