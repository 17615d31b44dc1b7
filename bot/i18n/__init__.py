"""Reply templates per language and the renderer (zh-Hant is derived from zh-Hans)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import en, zh_hans
from bot.understanding.lang import EN, ZH_HANT, to_traditional

_TEMPLATES: dict[str, dict[str, str]] = {"zh-Hans": zh_hans.TEMPLATES, "en": en.TEMPLATES}
_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def register(lang: str, templates: dict[str, str]) -> None:
    """Add a capability's templates for one language (zh-Hans or en)."""
    _TEMPLATES[lang].update(templates)
    _template.cache_clear()


@lru_cache(maxsize=2048)
def _template(key: str, lang: str) -> str:
    order = ("en", "zh-Hans") if lang == EN else ("zh-Hans", "en")
    # An empty template is a real answer (nothing to add), so test presence, not truthiness.
    text = next((_TEMPLATES[name][key] for name in order if key in _TEMPLATES[name]), key)
    return to_traditional(text) if lang == ZH_HANT else text


def render(key: str, lang: str, **params: Any) -> str:
    """The text of a template in a language, with its parameters filled in."""
    template = _template(key, lang)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def has_template(key: str) -> bool:
    """True when some language defines this key."""
    return any(key in table for table in _TEMPLATES.values())


def format_datetime(instant: datetime, lang: str, tz: ZoneInfo) -> str:
    """An instant for people: 11月25日(周三) 15:00 / Wed 25 Nov 15:00."""
    local = instant.astimezone(tz)
    if lang == EN:
        return f"{_WEEKDAYS_EN[local.weekday()]} {local.day} {local:%b} {local:%H:%M}"
    text = f"{local.month}月{local.day}日(周{_WEEKDAYS_ZH[local.weekday()]}) {local:%H:%M}"
    return to_traditional(text) if lang == ZH_HANT else text


def format_date(instant: datetime, lang: str, tz: ZoneInfo) -> str:
    """A day for people: 11月25日(周三) / Wed 25 Nov."""
    local = instant.astimezone(tz)
    if lang == EN:
        return f"{_WEEKDAYS_EN[local.weekday()]} {local.day} {local:%b}"
    text = f"{local.month}月{local.day}日(周{_WEEKDAYS_ZH[local.weekday()]})"
    return to_traditional(text) if lang == ZH_HANT else text


def join_names(names: list[str], lang: str) -> str:
    """A list of names joined the way the language does it."""
    return ", ".join(names) if lang == EN else "、".join(names)
