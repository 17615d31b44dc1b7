"""Reminders (提醒): personal and group reminders, once or recurring, with snooze and done."""

# Leader digests share this capability's entry in CAPABILITY_MODULES, so they load here too.
import bot.digests  # noqa: F401
from bot.reminders import firing, listing, setting, templates  # noqa: F401 - importing registers the handlers
