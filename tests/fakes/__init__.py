"""Local fake Telegram Bot API and Slack Web API servers for adapter tests."""

from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.telegram_api import FakeTelegramAPI

__all__ = ["FakeSlackAPI", "FakeTelegramAPI"]
