"""Adapter tests: real python-telegram-bot and slack-bolt code against local fake API servers."""
