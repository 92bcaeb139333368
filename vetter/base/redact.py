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

import heapq
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


def redact(text: str, secrets: Iterable[tuple[str, str]] | Redactor) -> str:
    """``text`` with every occurrence of each ``(kind, value)`` secret replaced by its redacted form.

    Escaped forms (JSON, repr, ``\\/``) and runs of at least ``MIN_FRAGMENT``
    characters that start or end a secret are replaced too. Longer secrets go first. A caller
    with many texts passes a ``Redactor``, which prepares its secrets once.
    """
    if not text:
        return text
    return (secrets if isinstance(secrets, Redactor) else Redactor(secrets))(text)


class _Secrets:
    """A set of secrets prepared for ``redact``: in the order they are replaced (longest first), each
    with its forms and its redacted form, and indexed by the keys any occurrence must hold.

    Every occurrence of a form holds the form's first ``MIN_FRAGMENT`` characters (all of a shorter
    form), and every fragment the secret's first or last ``MIN_FRAGMENT``. With many secrets a text
    is read once for those keys, and only the secrets whose keys it holds are tried, in order; a
    replacement can make a key appear only across a redacted form it put in, so the text around
    each of those is read again: thousands of secrets in one text cost its length and their number,
    not their product."""

    __slots__ = ("_inert", "keys", "lengths", "order")

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.order = [
            (kind, value, _forms(value), redacted_form(kind, value))
            for kind, value in sorted(set(pairs), key=lambda s: (-len(s[1]), s))
            if len(value) >= MIN_SECRET
        ]
        self.keys: dict[str, list[int]] = {}
        for i, (_kind, value, forms, _mark) in enumerate(self.order):
            wanted = {form[:MIN_FRAGMENT] for form in forms}
            if len(value) > MIN_FRAGMENT:
                wanted |= {value[:MIN_FRAGMENT], value[-MIN_FRAGMENT:]}
            for key in wanted:
                self.keys.setdefault(key, []).append(i)
        self.lengths = sorted({len(k) for k in self.keys})
        self._inert: bool | None = None

    def __call__(self, text: str) -> str:
        if len(self.order) <= FEW_SECRETS:  # each secret tried in turn: a few searches in native code
            for i in range(len(self.order)):
                text = self._replace(i, text)
            return text
        if len(text) > LONG_TEXT and self.inert():
            return self._claimed(text)
        todo = self._found(text, 0, len(text))
        heapq.heapify(todo)
        done = -1
        while todo:
            i = heapq.heappop(todo)
            if i <= done:
                continue
            done = i
            replaced = self._replace(i, text)
            if replaced == text:
                continue
            text, mark = replaced, self.order[i][3]
            # a key can newly appear only where a redacted form went in: look around each one
            at = text.find(mark)
            while at != -1:
                end = at + len(mark)
                for j in self._found(text, at - MIN_FRAGMENT + 1, end):
                    if j > i:
                        heapq.heappush(todo, j)
                at = text.find(mark, end)
        return text

    def inert(self) -> bool:
        """Whether no form or fragment of these secrets can match a redacted form or any part of one.

        A redacted form starts with ``[`` and ends with ``]``: a form without either cannot run into
        or out of one, and one that does not start with a stretch of a redacted form's text cannot
        lie inside it. Then each replacement leaves the rest of the text as it was, and all of them
        can be worked out on the text as written (``_claimed``)."""
        if self._inert is None:
            self._inert = not any("[" in form or "]" in form for _kind, _value, forms, _mark in self.order for form in forms)
            if self._inert:
                inside: set[str] = set()
                for length in self.lengths:
                    for *_, mark in self.order:
                        inside.update(mark[at : at + length] for at in range(len(mark) - length + 1))
                self._inert = not any(key in inside for key in self.keys)
        return self._inert

    def _claimed(self, text: str) -> str:
        """``text`` redacted as ``__call__`` does, in one read, when the secrets are ``inert``.

        Trying each secret in turn on the whole text costs the text's length for each secret: a
        line of thousands of tokens, shown as a finding's excerpt, cost their number times its
        length. A replacement never touches a redacted form (``inert``), so the text each secret
        sees is the text as written with the stretches already replaced taken out. Each secret's
        occurrences are then looked for only where its keys are, in the order ``__call__`` tries
        them (longest secret first; within one, each form, then starts and ends of it), each taking
        its stretch if no earlier one holds any of it, leftmost first as ``str.replace`` does; then
        the text is written once."""
        keys = self.keys
        found: dict[str, list[int]] = {}
        for length in self.lengths:
            for at in range(len(text) - length + 1):
                key = text[at : at + length]
                if key in keys:
                    found.setdefault(key, []).append(at)
        taken = bytearray(len(text))  # 1 where a stretch already replaced lies
        marks: dict[int, tuple[int, str]] = {}

        def take(start: int, end: int, mark: str) -> None:
            taken[start:end] = b"\x01" * (end - start)
            marks[start] = (end, mark)

        size = len(text)
        for i in sorted({i for key in found for i in keys[key]}):
            _kind, value, forms, mark = self.order[i]
            for form in forms:  # str.replace: leftmost occurrences that do not overlap
                after = 0
                for at in found.get(form[:MIN_FRAGMENT], ()):
                    if at >= after and text.startswith(form, at) and taken.find(1, at, at + len(form)) == -1:
                        take(at, at + len(form), mark)
                        after = at + len(form)
            if len(value) <= MIN_FRAGMENT:
                continue
            after = 0
            for at in found.get(value[:MIN_FRAGMENT], ()):  # a start of the secret, cut short
                if at < after or taken.find(1, at, at + MIN_FRAGMENT) != -1:
                    continue
                end = at + MIN_FRAGMENT
                while end < size and end - at < len(value) and not taken[end] and text[end] == value[end - at]:
                    end += 1
                take(at, end, mark)
                after = end
            after = 0
            for at in found.get(value[-MIN_FRAGMENT:], ()):  # an end of the secret, its start cut off
                if at < after or taken.find(1, at, at + MIN_FRAGMENT) != -1:
                    continue
                start, k = at, len(value) - MIN_FRAGMENT
                while start > after and k > 0 and not taken[start - 1] and text[start - 1] == value[k - 1]:
                    start -= 1
                    k -= 1
                take(start, at + MIN_FRAGMENT, mark)
                after = at + MIN_FRAGMENT
        out, pos = [], 0
        for start in sorted(marks):
            end, mark = marks[start]
            out.append(text[pos:start])
            out.append(mark)
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def _found(self, text: str, start: int, stop: int) -> list[int]:
        """The secrets with a key that starts in ``text[start:stop]``."""
        keys, found = self.keys, []
        start = max(start, 0)
        for length in self.lengths:
            for at in range(start, min(stop, len(text) - length + 1)):
                hits = keys.get(text[at : at + length])
                if hits is not None:
                    found.extend(hits)
        return found

    def _replace(self, i: int, text: str) -> str:
        _kind, value, forms, mark = self.order[i]
        for form in forms:
            if form in text:
                text = text.replace(form, mark)
        if len(value) > MIN_FRAGMENT:
            text = _redact_fragments(text, mark, value)
        return text


FEW_SECRETS = 8
"""Up to this many secrets, each is searched for in every text; past it, a text is read once for all."""

LONG_TEXT = 4096
"""Past this length (and ``FEW_SECRETS``) a text is redacted in one read (``_Secrets._claimed``) when the
secrets allow it; a shorter one is cheaper to search in native code, one secret at a time."""


def _redact_fragments(text: str, mark: str, value: str) -> str:
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


def redact_tree(data: Any, secrets: Iterable[tuple[str, str]] | Redactor) -> Any:
    """A copy of a JSON-like value (dicts, lists, strings) with ``redact`` applied to every string and key."""
    redactor = secrets if isinstance(secrets, Redactor) else Redactor(secrets)
    return _tree(data, redactor) if redactor else data


def _tree(data: Any, redactor: Redactor) -> Any:
    if isinstance(data, str):
        return redactor(data)
    if isinstance(data, dict):
        return {redactor(k) if isinstance(k, str) else k: _tree(v, redactor) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_tree(v, redactor) for v in data]
    return data


class Redactor:
    """One package's redaction step: its secrets out of every text that leaves its analysis
    (findings, source excerpts, the security profile). False when the package has no secret."""

    __slots__ = ("_prepared", "pairs")

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.pairs = tuple(pairs)
        self._prepared: _Secrets | None = None

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def __call__(self, text: str) -> str:
        if not self.pairs or not text:
            return text
        prepared = self._prepared
        if prepared is None:
            prepared = self._prepared = _Secrets(self.pairs)
        return prepared(text)

    def tree(self, data: Any) -> Any:
        return _tree(data, self) if self.pairs and data is not None else data


def remember(secrets: Iterable[tuple[str, str]]) -> None:
    """Add secrets to the process-wide set that ``scrub`` removes from all output."""
    for kind, value in secrets:
        if len(value) >= MIN_SECRET:
            _KNOWN.setdefault(value, kind)


def scrub(text: str) -> str:
    """``text`` without any secret found so far in this process (the last step before output)."""
    global _SCRUB
    if not _KNOWN or not text:
        return text
    pairs = tuple((kind, value) for value, kind in _KNOWN.items())
    if _SCRUB is None or _SCRUB.pairs != pairs:  # prepared again only when the set has changed
        _SCRUB = Redactor(pairs)
    return _SCRUB(text)


_SCRUB: Redactor | None = None


def known_count() -> int:
    return len(_KNOWN)


def known_after(count: int) -> list[tuple[str, str]]:
    """``(kind, value)`` of the secrets remembered after the first ``count`` (in the order found):
    what a worker process found, handed to the parent so that its ``scrub`` knows them too."""
    from itertools import islice

    return [(kind, value) for value, kind in islice(_KNOWN.items(), count, None)]
