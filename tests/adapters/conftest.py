"""Fixtures for adapter tests: the fake Telegram and Slack API servers."""

from __future__ import annotations

from tests.fakes.slack_api import fake_slack
from tests.fakes.telegram_api import fake_telegram

__all__ = ["fake_slack", "fake_telegram"]
