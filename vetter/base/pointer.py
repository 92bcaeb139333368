"""RFC 6901 JSON pointer helpers.

Pointers are plain strings everywhere in vetter ("" is the document root,
"/paths/~1items/get" an operation). These helpers are the only place that
escapes or splits them, so no rule builds a pointer by hand.
"""

from __future__ import annotations

from collections.abc import Iterable


def escape(token: str | int) -> str:
    """Escape one reference token (``~`` -> ``~0``, ``/`` -> ``~1``)."""
    t = str(token)
    return t.replace("~", "~0").replace("/", "~1") if ("~" in t or "/" in t) else t


def unescape(token: str) -> str:
    """``~1`` -> ``/``, then ``~0`` -> ``~`` (RFC 6901's order, as jsonpointer.unescape)."""
    return token.replace("~1", "/").replace("~0", "~") if "~" in token else token


def join(base: str, *tokens: str | int) -> str:
    """Append tokens to a pointer: ``join("/paths", "/a")`` -> ``/paths/~1a``."""
    # the same escaping as jsonpointer.escape, inlined: this runs for every schema node walked
    if len(tokens) == 1:
        t = tokens[0]
        if type(t) is not str:
            t = str(t)
        return base + "/" + (t.replace("~", "~0").replace("/", "~1") if ("~" in t or "/" in t) else t)
    return base + "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def split(pointer: str) -> list[str]:
    """Split a pointer into unescaped tokens; ``""`` -> ``[]``."""
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    tokens = pointer[1:].split("/")
    if "~" not in pointer:
        return tokens
    return [t.replace("~1", "/").replace("~0", "~") if "~" in t else t for t in tokens]  # ``unescape``, inlined: no call per token


def from_tokens(tokens: Iterable[str | int]) -> str:
    return join("", *tokens)


def parent(pointer: str) -> str:
    return pointer[: pointer.rfind("/")] if pointer else ""


def resolve(document: object, pointer: str) -> object:
    """Return the value at ``pointer``; raise ``LookupError`` when it is absent."""
    import jsonpointer  # imported when first needed (a finding's error path): not on every start

    try:
        return jsonpointer.resolve_pointer(document, pointer)
    except jsonpointer.JsonPointerException as exc:
        raise LookupError(pointer) from exc
