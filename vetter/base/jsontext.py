"""Pretty JSON text for reports, fast and byte-identical to ``json.dumps(indent=2, ensure_ascii=False)``.

orjson serialises in native code (the standard library's encoder falls back to pure
Python as soon as ``indent`` is set, which made writing a corpus-sized report cost
more than scanning it). Where orjson's output would differ from the standard
library's, or it refuses the value, the standard library writes it instead, so the
text never depends on which path was taken:

- strings holding lone surrogates (valid JSON escapes, invalid Unicode: orjson refuses
  them; ``pretty``'s caller passes its text through ``safe_text``, and ``pretty_bytes``
  writes them as the same ``\\uXXXX`` escapes itself);
- integers beyond 64 bits, non-string keys, and non-finite floats (``json`` writes
  ``Infinity``, orjson ``null``);
- every float, since the two libraries spell some floats differently (``1e-07`` /
  ``1e-7``, ``2.5e-05`` / ``0.000025``): reports hold almost none, so this costs nothing in
  practice (``tests/test_jsontext.py`` checks the two paths give the same text).
"""

from __future__ import annotations

import json
from typing import Any


def pretty(data: Any) -> str:
    """``data`` as indented JSON text (two spaces, non-ASCII kept), without a final newline."""
    fast = _orjson_text(data, newline=False)
    return fast.decode("utf-8") if fast is not None else json.dumps(data, indent=2, ensure_ascii=False, default=_unpacked)


def pretty_bytes(data: Any) -> bytes:
    """``pretty(data)`` and a final newline, as the UTF-8 bytes a report file holds: straight from
    orjson, without a text in between. A lone surrogate (only ever on the standard library's path)
    is written as its ``\\uXXXX`` escape, as ``safe_text`` writes it: the bytes are
    ``safe_text(pretty(data) + "\\n")`` encoded."""
    fast = _orjson_text(data, newline=True)
    if fast is not None:
        return fast
    return (json.dumps(data, indent=2, ensure_ascii=False, default=_unpacked) + "\n").encode("utf-8", "backslashreplace")


class Packed:
    """A part of a report already written as ``pretty`` writes it at its place (``pretty_part``).

    A scan's worker writes each package's part of the JSON report while the parent waits for the
    others, so that the parent only joins them. ``pretty`` and ``pretty_bytes`` write it as it
    stands, or, on the standard library's path, as the value it was made from.
    """

    __slots__ = ("text",)

    def __init__(self, text: bytes) -> None:
        self.text = text


def pretty_part(data: Any, depth: int) -> Packed | None:
    """``data`` written as ``pretty_bytes`` writes it ``depth`` containers deep, or None where that
    needs the standard library's path (``data`` not plain, or refused by orjson)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency
        return None
    if not hasattr(orjson, "Fragment") or not _plain(data):  # pragma: no cover - orjson before 3.9.15
        return None
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except (TypeError, orjson.JSONEncodeError):
        return None
    # orjson escapes a newline inside a string: every newline in its text is the layout's
    return Packed(text.replace(b"\n", b"\n" + b"  " * depth) if depth else text)


def _fragment(value: Any) -> Any:
    """orjson's hook for a ``Packed`` part: its text as it stands."""
    if type(value) is not Packed:
        raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")
    import orjson

    return orjson.Fragment(value.text)


def _unpacked(value: Any) -> Any:
    """The standard library's hook for a ``Packed`` part: the plain value it was written from."""
    if type(value) is not Packed:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    return json.loads(value.text)


def _orjson_text(data: Any, *, newline: bool) -> bytes | None:
    """orjson's indented text of ``data`` (and a final newline), or None where it would differ from the standard library's."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency; stay correct without it
        return None
    if not _plain(data):
        return None
    try:
        return orjson.dumps(data, default=_fragment, option=orjson.OPT_INDENT_2 | (orjson.OPT_APPEND_NEWLINE if newline else 0))
    except (TypeError, orjson.JSONEncodeError):
        return None


def _plain(data: Any) -> bool:
    """True when ``data`` holds only dicts, lists, tuples, strings, bools, None and ints (no subclass of any).

    What orjson refuses on its own is not looked at here: a key that is not exactly a ``str`` and
    an integer beyond 64 bits make it raise, and the standard library then writes the value (the
    ``except`` in ``_orjson_text``). What it would write differently is: floats (their spelling,
    and NaN as ``null``) and the types it writes natively that the standard library refuses or
    writes otherwise (subclasses, enums, dataclasses, dates). One test of the type per value: a
    corpus report holds 580,000 of them. A ``Packed`` part was checked when it was written.
    """
    stack = [data]
    pop, push = stack.pop, stack.extend
    while stack:
        value = pop()
        kind = type(value)
        if kind is str or kind is int or value is None or kind is bool or kind is Packed:
            continue
        if kind is dict:
            push(value.values())
        elif kind is list or kind is tuple:
            push(value)
        else:
            return False
    return True
