"""The one safe-text step every renderer passes its output through.

Strings in a report come from untrusted input: a JSON escape such as ``\\ud800``
(valid JSON, invalid Unicode) reaches messages, pointers and keys as a lone
surrogate, and a file name read from disk may carry undecodable bytes as
surrogate escapes. Neither can be written as UTF-8. ``safe_text`` replaces each
such code point with its ``\\uXXXX`` escape, so nothing crashes and the finding
still names the exact key: inside a JSON report the escape is a JSON escape that
decodes back to the same string; in text, Markdown, HTML or XML it reads as the
escape the file itself holds.

``inert`` and ``inert_model`` make package text inert before any format but JSON
is rendered (``vetter.render.formats.render``): control characters, line
separators and bidirectional controls are shown as escapes, so a file name or a
value cannot move the cursor, clear a terminal, forge a line or reorder text.
``inert_json`` does the same for the characters JSON leaves raw.
"""

from __future__ import annotations

import re
from typing import Any


def safe_text(text: str) -> str:
    """``text`` with every code point UTF-8 cannot encode (lone surrogates) as ``\\uXXXX``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


# -- inert text: nothing from a package steers a terminal, a log or a page ---------------------
_STEERING = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def inert(text: str) -> str:
    """``text`` with every control character (C0 but tab, DEL, C1), line or paragraph separator and
    bidirectional control shown as its escape (``\\x1b``, ``\\n``, ``\\u202e``): one line, no terminal
    sequence, no reordering."""
    if text.isprintable():  # C speed; False for every character above (and for tabs, kept below)
        return text
    return _STEERING.sub(_escape, text)


def inert_model(data: Any, skip: frozenset[str] = frozenset({"rules", "tool"})) -> Any:
    """A report model with every string and key made ``inert``, except the top-level parts vetter
    writes itself (``rules``: the catalogue's docs, which are multi-line Markdown). The model itself
    when nothing in it needs escaping (found in one pass at C speed), else a copy."""
    if isinstance(data, dict) and not _may_steer({k: v for k, v in data.items() if k not in skip}):
        return data
    return _inert(data, skip)


def _inert(data: Any, skip: frozenset[str] = frozenset()) -> Any:
    if isinstance(data, dict):
        return {(inert(k) if isinstance(k, str) else k): (v if k in skip else _inert(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [_inert(v) for v in data]
    if isinstance(data, str):
        return inert(data)
    return data


_ESCAPE = re.compile(r"\\(?:[bfnr]|u00[01][0-9a-f])")  # in JSON text: how the C0 controls but tab are written


def _may_steer(data: Any) -> bool:
    """False when no string of ``data`` holds a character ``inert`` escapes, told from its JSON text
    at C speed. An escape counts when an even number of backslashes precedes it (``\\\\n`` is a
    backslash and an n)."""
    try:
        import orjson

        text = orjson.dumps(data).decode("utf-8")
    except Exception:  # lone surrogates, odd values, no orjson: walk it
        return True
    if not text.isprintable() and _STEERING.search(text):
        return True
    for m in _ESCAPE.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] == "\\":
            start -= 1
        if (m.start() - start) % 2 == 0:
            return True
    return False


_JSON_STEERING = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def inert_json(text: str) -> str:
    """JSON text with the characters JSON leaves raw but a terminal or an editor acts on (DEL, C1,
    separators, bidirectional controls) as ``\\uXXXX`` escapes: the same JSON value, inert bytes.
    (JSON itself escapes the C0 controls.)"""
    if text.isascii() and "\x7f" not in text:
        return text
    return _JSON_STEERING.sub(_json_escape, text) if _may_steer_json(text.encode("utf-8", "surrogatepass")) else text


def inert_json_bytes(data: bytes) -> bytes:
    """``inert_json`` of UTF-8 JSON text held as bytes: ``data`` itself when nothing in it needs escaping."""
    if not _may_steer_json(data):
        return data
    return _JSON_STEERING.sub(_json_escape, data.decode("utf-8", "surrogatepass")).encode("utf-8", "surrogatepass")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


_ASCII_BUT_DEL = bytes(range(0x7F))


def _may_steer_json(data: bytes) -> bool:
    """Whether the UTF-8 ``data`` holds a character ``inert_json`` escapes, told at C speed: every such
    character but DEL is outside ASCII, so only the non-ASCII characters (and DEL) are searched; a
    report is mostly ASCII, and a regular expression over all of it is the slower pass."""
    rest = data.translate(None, _ASCII_BUT_DEL)  # whole characters are dropped: still UTF-8
    return bool(rest) and _JSON_STEERING.search(rest.decode("utf-8", "surrogatepass")) is not None


def visible(text: str) -> str:
    """``text`` with format characters (bidi controls, zero-width and tag characters) as ``\\u200b``, the escape ``inert`` writes.

    For connector text shown verbatim where a reader should see what a model reads (an MCP
    tool's description): a bidi override must not reorder the page around it.
    """
    if text.isascii():
        return text
    import unicodedata

    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) == "Cf" else ch for ch in text)
