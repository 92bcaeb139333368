"""One redaction step that every renderer and every message passes secrets through.

A secret is never echoed: reports show ``redacted_form(kind, value)`` (kind,
length, at most the first 4 characters and a short hash, so a reviewer can
match two findings of the same value), and any text shown from the package
(a source line around a finding) goes through ``redact(text, secrets)``.

Each package is redacted once, with its own secrets, as its results leave its analysis:

* the scan loop (``vetter.commands.scan.add_source``) makes the package's ``Redactor`` from its
  secrets (``vetter.security.secrets.secret_pairs``, found once per package) and passes through it
  every finding's message, hint and pointer, every source line shown around a finding
  (before it is cut to length) and the security profile; with ``scan --against`` its secrets
  include the previous version's (the edge keeps them with the changes, diffed unredacted), so a
  change quoting an old value is redacted by the same one step. ``vetter diff`` redacts every
  change's message with the secrets of both versions (``vetter.compare.diff_packages``). The report
  *models* then hold no secret, and every format is rendered from them (``vetter report``
  gives the scan's bytes again), whichever process checked the package;
* another package's secrets never touch a package's results: a fragment of one package's
  secret (``www.google.com`` ending a default) is ordinary text in the next one;
* ``vetter.security.secrets.find_secrets`` ``remember``\\ s each secret it finds for the rest of the
  process (a scan's worker processes hand theirs back to the parent: ``known_after``), and
  ``scrub`` removes them from what does not come from a report model: error lines on
  stderr, the language server's messages and ``vetter fix --diff``, which shows the
  package's own text.

Fragments count: a message that cut a long value after 57 characters still
contains a run of the secret, so any run of at least ``MIN_FRAGMENT``
characters that starts or ends a secret is replaced too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from vetter.base.digest import sha256

MIN_FRAGMENT = 8
"""Shortest start or end of a secret that is still replaced on its own."""

MIN_SECRET = 4
"""Secrets shorter than this are never searched for (they would mangle ordinary text)."""

_KNOWN: dict[str, str] = {}  # value -> kind: every secret found in this process


def fingerprint(value: str) -> str:
    return sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def redacted_form(kind: str, value: str) -> str:
    """``[redacted <kind>: <n> chars, starts 'abcd', sha256 1a2b3c4d]``."""
    head = value[:4] if len(value) >= 12 else value[:2]
    return f"[redacted {kind}: {len(value)} chars, starts {head!r}, sha256 {fingerprint(value)}]"


def _forms(value: str) -> list[str]:
    """The value as written, as JSON or a Python repr would escape it, and as each output format
    escapes it (HTML and XML entities, GitHub's percent escapes, Markdown table cells)."""
    forms = [value]
    escaped = [json.dumps(value, ensure_ascii=False)[1:-1], json.dumps(value)[1:-1], repr(value)[1:-1], value.replace("/", "\\/")]
    if any(c in value for c in _SPECIAL):
        escaped.extend(escape(value) for escape in _OUTPUT_ESCAPES)
    for form in escaped:
        if form not in forms:
            forms.append(form)
    return forms


def _replacing(*pairs: tuple[str, str]) -> Any:
    def escape(text: str) -> str:
        for old, new in pairs:
            text = text.replace(old, new)
        return text

    return escape


_AMP = ("&", "&amp;")
_OUTPUT_ESCAPES = (
    _replacing(_AMP, ("<", "&lt;"), (">", "&gt;"), ('"', "&#34;"), ("'", "&#39;")),  # HTML (jinja2's markupsafe)
    _replacing(_AMP, ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;")),  # HTML (html.escape)
    _replacing(_AMP, ("<", "&lt;"), (">", "&gt;")),  # XML text (JUnit)
    _replacing(_AMP, ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#09;"), ("\r", "&#13;")),  # XML attributes
    _replacing(("%", "%25"), ("\r", "%0D"), ("\n", "%0A")),  # GitHub annotation message
    _replacing(("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C")),  # GitHub annotation property
    _replacing(("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;")),  # Markdown table cell
    _replacing(("|", "\\|"),),  # Markdown code span in a table
)
_SPECIAL = "&<>\"'%\r\n\t:,|\\"


def redact(text: str, secrets: Iterable[tuple[str, str]]) -> str:
    """``text`` with every occurrence of each ``(kind, value)`` secret replaced by its redacted form.

    Escaped forms (JSON, repr, ``\\/``) and runs of at least ``MIN_FRAGMENT``
    characters that start or end a secret are replaced too.
    """
    if not text:
        return text
    for kind, value in sorted(set(secrets), key=lambda s: (-len(s[1]), s)):
        if len(value) < MIN_SECRET:
            continue
        for form in _forms(value):
            if form in text:
                text = text.replace(form, redacted_form(kind, value))
        if len(value) > MIN_FRAGMENT:
            text = _redact_fragments(text, kind, value)
    return text


def _redact_fragments(text: str, kind: str, value: str) -> str:
    mark = redacted_form(kind, value)
    head, tail = value[:MIN_FRAGMENT], value[-MIN_FRAGMENT:]
    if head in text:  # a start of the secret, cut short
        out, pos = [], 0
        while (at := text.find(head, pos)) != -1:
            end = at + MIN_FRAGMENT
            while end < len(text) and end - at < len(value) and text[end] == value[end - at]:
                end += 1
            out.append(text[pos:at])
            out.append(mark)
            pos = end
        text = "".join(out) + text[pos:]
    if tail in text:  # an end of the secret, with its start cut off
        out, pos = [], 0
        while (at := text.find(tail, pos)) != -1:
            start, k = at, len(value) - MIN_FRAGMENT
            while start > pos and k > 0 and text[start - 1] == value[k - 1]:
                start -= 1
                k -= 1
            out.append(text[pos:start])
            out.append(mark)
            pos = at + MIN_FRAGMENT
        text = "".join(out) + text[pos:]
    return text


def redact_tree(data: Any, secrets: Iterable[tuple[str, str]]) -> Any:
    """A copy of a JSON-like value (dicts, lists, strings) with ``redact`` applied to every string and key."""
    pairs = list(secrets)
    if not pairs:
        return data
    if isinstance(data, str):
        return redact(data, pairs)
    if isinstance(data, dict):
        return {redact(k, pairs) if isinstance(k, str) else k: redact_tree(v, pairs) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [redact_tree(v, pairs) for v in data]
    return data


class Redactor:
    """One package's redaction step: its secrets out of every text that leaves its analysis
    (findings, source excerpts, the security profile). False when the package has no secret."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.pairs = tuple(pairs)

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def __call__(self, text: str) -> str:
        return redact(text, self.pairs) if self.pairs and text else text

    def tree(self, data: Any) -> Any:
        return redact_tree(data, self.pairs) if self.pairs and data is not None else data


def remember(secrets: Iterable[tuple[str, str]]) -> None:
    """Add secrets to the process-wide set that ``scrub`` removes from all output."""
    for kind, value in secrets:
        if len(value) >= MIN_SECRET:
            _KNOWN.setdefault(value, kind)


def scrub(text: str) -> str:
    """``text`` without any secret found so far in this process (the last step before output)."""
    if not _KNOWN or not text:
        return text
    return redact(text, ((kind, value) for value, kind in _KNOWN.items()))


def known_count() -> int:
    return len(_KNOWN)


def known_after(count: int) -> list[tuple[str, str]]:
    """``(kind, value)`` of the secrets remembered after the first ``count`` (in the order found):
    what a worker process found, handed to the parent so that its ``scrub`` knows them too."""
    from itertools import islice

    return [(kind, value) for value, kind in islice(_KNOWN.items(), count, None)]
