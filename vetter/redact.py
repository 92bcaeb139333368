"""One redaction step that every renderer and every message passes secrets through.

A secret is never echoed: reports show ``redacted_form(kind, value)`` (kind,
length, at most the first 4 characters and a short hash, so a reviewer can
match two findings of the same value), and any text shown from the package
(a source line around a finding) goes through ``redact(text, secrets)``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def redacted_form(kind: str, value: str) -> str:
    """``[redacted <kind>: <n> chars, starts 'abcd', sha256 1a2b3c4d]``."""
    head = value[:4] if len(value) >= 12 else value[:2]
    return f"[redacted {kind}: {len(value)} chars, starts {head!r}, sha256 {fingerprint(value)}]"


def redact(text: str, secrets: Iterable[tuple[str, str]]) -> str:
    """``text`` with every occurrence of each ``(kind, value)`` secret replaced by its redacted form."""
    for kind, value in sorted(set(secrets), key=lambda s: -len(s[1])):
        if value and value in text:
            text = text.replace(value, redacted_form(kind, value))
    return text
