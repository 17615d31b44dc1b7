"""Which language a message is in (zh-Hans, zh-Hant, en) and script conversion."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from types import ModuleType


def _import_zhconv() -> ModuleType:
    """Import zhconv without pkg_resources: zhconv then reads its dictionary as a plain file.

    pkg_resources costs ~160 ms at import, more than the whole first-parse budget allows.
    """
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import zhconv as module
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return module


zhconv = _import_zhconv()

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

ZH_HANS = "zh-Hans"
ZH_HANT = "zh-Hant"
EN = "en"
LANGUAGES = (ZH_HANS, ZH_HANT, EN)


def has_cjk(text: str) -> bool:
    """True when the text holds at least one Chinese character."""
    return bool(_CJK.search(text))


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """The text with traditional characters converted to simplified ones."""
    if not has_cjk(text):
        return text
    return str(zhconv.convert(text, "zh-hans"))


def to_traditional(text: str) -> str:
    """The text converted to traditional characters (Taiwan usage)."""
    return str(zhconv.convert(text, "zh-tw"))


def detect_language(text: str, default: str = ZH_HANS) -> str:
    """The reply language for a message: zh-Hant when it uses traditional characters."""
    cjk = _CJK.findall(text)
    if cjk:
        chinese = "".join(cjk)
        return ZH_HANT if to_simplified(chinese) != chinese else ZH_HANS
    if _LATIN_WORD.search(text):
        return EN
    return default


def is_chinese(lang: str) -> bool:
    """True for zh-Hans and zh-Hant."""
    return lang.startswith("zh")


def from_platform_hint(hint: str | None) -> str | None:
    """A platform's language code (zh-hans, zh-TW, en-US) as one of ours, or None."""
    if not hint:
        return None
    code = hint.lower().replace("_", "-")
    if code.startswith("zh"):
        return ZH_HANT if any(tag in code for tag in ("hant", "tw", "hk", "mo")) else ZH_HANS
    if code.startswith("en"):
        return EN
    return None
