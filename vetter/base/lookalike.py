"""Letters that pass for others: look-alikes of other scripts, invisible characters, a name's skeleton.

Moved from ``vetter.agent.texts`` (where AGT015 and AGT017 read tool names with them) so that the
security layer, below the agent one, reads host names with the same tables: a host that mixes
Latin letters with Cyrillic ones reads as another.
"""

from __future__ import annotations

import unicodedata

_BIDI_CONTROLS = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))  # embeddings, overrides, isolates
_ZERO_WIDTH = {0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x180E, 0xFEFF, 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0}
_JOINERS = {0x200C, 0x200D}
_MARKS = {0x200E, 0x200F, 0x061C}  # left-to-right, right-to-left and Arabic letter marks


def invisible_kind(ch: str) -> str | None:
    cp = ord(ch)
    if 0xE0000 <= cp <= 0xE007F:
        return "tag"  # Unicode tag characters: invisible ASCII ("ASCII smuggling")
    if cp in _BIDI_CONTROLS:
        return "bidi"
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return "variation"
    if cp in _ZERO_WIDTH:
        return "zero-width"
    if cp in _JOINERS:
        return "joiner"
    if cp in _MARKS:
        return "mark"
    if 0xFFF9 <= cp <= 0xFFFB:
        return "zero-width"  # interlinear annotation controls
    return None


# confusables: letters of other scripts that look like ASCII (a subset of Unicode's confusables.txt)
_CONFUSABLE = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ӏ": "l", "һ": "h", "ɡ": "g", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y", "ο": "o", "α": "a",
    "ν": "v", "ρ": "p", "τ": "t", "ι": "i", "κ": "k", "υ": "u", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H",
    "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ı": "i", "ℓ": "l",
})


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    if ch.isascii():
        return "LATIN"
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return None


def confusable_name(name: str) -> str | None:
    """Why ``name`` can pass for another (letters of two scripts, look-alikes, full-width forms), or None."""
    if name.isascii():
        return None
    scripts = {s for s in map(_script, name) if s is not None}
    if any(0xFF01 <= ord(ch) <= 0xFF5E for ch in name):
        return "full-width characters that look like ASCII"
    lookalikes = [ch for ch in name if ch.translate(_CONFUSABLE) != ch]
    if "LATIN" in scripts and len(scripts) > 1:
        other = sorted(scripts - {"LATIN"})
        return f"Latin letters mixed with {', '.join(s.title() for s in other)} ones" + (f" ('{lookalikes[0]}' looks like '{lookalikes[0].translate(_CONFUSABLE)}')" if lookalikes else "")
    if lookalikes and skeleton(name).isascii():
        return f"letters that look like ASCII ('{lookalikes[0]}' looks like '{lookalikes[0].translate(_CONFUSABLE)}')"
    return None


def skeleton(name: str) -> str:
    """What a name looks like: NFKC, look-alikes mapped to ASCII, invisible characters dropped."""
    text = unicodedata.normalize("NFKC", name).translate(_CONFUSABLE)
    return "".join(ch for ch in text if invisible_kind(ch) is None)
