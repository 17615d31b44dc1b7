"""A message prepared for the rules: half-width, simplified, with the original's words kept."""

from __future__ import annotations

from dataclasses import dataclass

from bot.understanding.lang import has_cjk, to_simplified

# Full-width ASCII forms (，：；！？（）０-９Ａ-ｚ) and the ideographic space become ASCII;
# one character for one, so offsets in the working text are offsets in the original.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
SEPARATORS = ",.;:!?、。\n\t "


@dataclass(frozen=True)
class Message:
    """The original text and its working form (half-width, simplified Chinese)."""

    original: str
    work: str
    aligned: bool

    def words(self, start: int, end: int) -> str:
        """The words the person wrote at [start, end) of the working text, trimmed."""
        source = self.original if self.aligned else self.work
        return source[start:end].strip(SEPARATORS + "\"'“”‘’")

    def masked(self, spans: list[tuple[int, int]]) -> str:
        """The working text with the given spans blanked out (same length)."""
        chars = list(self.work)
        for start, end in spans:
            for i in range(max(start, 0), min(end, len(chars))):
                chars[i] = " "
        return "".join(chars)


def prepare(text: str) -> Message:
    """Half-width punctuation and digits, traditional characters made simplified."""
    work = text.translate(_HALF_WIDTH)
    if has_cjk(work):
        work = to_simplified(work)
    return Message(original=text, work=work, aligned=len(work) == len(text))
