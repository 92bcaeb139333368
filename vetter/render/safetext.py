"""The one safe-text step every renderer passes its output through.

Strings in a report come from untrusted input: a JSON escape such as ``\\ud800``
(valid JSON, invalid Unicode) reaches messages, pointers and keys as a lone
surrogate, and a file name read from disk may carry undecodable bytes as
surrogate escapes. Neither can be written as UTF-8. ``safe_text`` replaces each
such code point with its ``\\uXXXX`` escape, so nothing crashes and the finding
still names the exact key: inside a JSON report the escape is a JSON escape that
decodes back to the same string; in text, Markdown, HTML or XML it reads as the
escape the file itself holds.
"""

from __future__ import annotations


def safe_text(text: str) -> str:
    """``text`` with every code point UTF-8 cannot encode (lone surrogates) as ``\\uXXXX``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def visible(text: str) -> str:
    """``text`` with format characters (bidi controls, zero-width and tag characters) as ``\\u{XXXX}``.

    For connector text shown verbatim where a reader should see what a model reads (an MCP
    tool's description): a bidi override must not reorder the page around it.
    """
    if text.isascii():
        return text
    import unicodedata

    return "".join(f"\\u{{{ord(ch):04X}}}" if unicodedata.category(ch) == "Cf" else ch for ch in text)
