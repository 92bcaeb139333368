"""What a rule is and what it yields.

A rule module has three parts: its docstring (the user docs, with ``## Why``
and ``## How to fix`` sections), ``RULE = Rule(...)`` (the metadata) and
``check(package)``, a generator of ``Violation``s. The engine adds the rule
id, the severity after overrides, the line and column, and the fingerprint.

``Rule``, ``Location``, ``Violation``, ``Edit`` and ``Fix`` are frozen ``msgspec.Struct``
records (built in C, with no code compiled when vetter starts): made with the positional and
keyword arguments shown in docs/writing-rules.md, compared and hashed by value, copied with
changes by ``msgspec.structs.replace``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from msgspec import Struct


class Fixability(str, Enum):
    """Whether a rule's findings come with a fix that ``vetter fix`` and the editor can apply.

    ``safe``: what the connector does at run time is unchanged (a value's formatting, an implied
    default made explicit, a repeated entry removed); some findings of such a rule may still carry
    an unsafe fix (the ``Fix`` says so). ``unsafe``: every fix changes behaviour or wording a human
    should read, and is applied only with ``--unsafe-fixes``.
    """

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


_RANKS = {"error": 3, "warning": 2, "info": 1}


class Severity(str, Enum):
    ERROR = "error"  # blocks certification or a CI gate
    WARNING = "warning"  # should be fixed
    INFO = "info"  # advice, inventory

    @property
    def rank(self) -> int:
        return _RANKS[self._value_]  # read per finding when the gate is decided: no table built, no descriptor

    def __str__(self) -> str:
        return self.value


class Rule(Struct, frozen=True):
    """A rule's metadata. The summary is the first line of the module docstring."""

    id: str  # AAA000: area prefix and number, never reused
    name: str  # kebab-case, names the problem
    category: str  # package | json | swagger | properties | security | ...
    severity: Severity
    aliases: tuple[str, ...] = ()  # e.g. Microsoft validator codes this rule mirrors
    tags: tuple[str, ...] = ()
    section: str | None = None  # section of ../shared/docs/rules-catalog.md it implements, e.g. "1.1"
    scope: str = "package"  # package: check(package[, options]) per package; policy: check(policy) once per --dlp-policy
    fix: Fixability = Fixability.NONE  # what `vetter fix` and the editor can do for its findings


class Location(Struct, frozen=True):
    """Where a finding is: a package file plus a JSON pointer or a line."""

    file: str
    pointer: str | None = None  # RFC 6901 pointer into a JSON file
    line: int | None = None  # 1-based; set by rules for text files, by the engine for JSON
    column: int | None = None

    def __str__(self) -> str:
        return location_text(self.file, self.pointer, self.line)


def location_text(file: str, pointer: str | None, line: int | None) -> str:
    """``file#pointer`` for JSON, ``file:line`` for text, else ``file``: how a location is written
    (``Location``'s string, and a finding's, which is made without building one)."""
    if pointer is not None:
        return f"{file}#{pointer}"
    if line is not None:
        return f"{file}:{line}"
    return file


class Violation(Struct, frozen=True):
    """What a rule reports: where, what, and optionally how to fix this one."""

    location: Location
    message: str
    hint: str | None = None
    key: str | None = None  # extra identity for the fingerprint when a location repeats
    severity: Severity | None = None  # this violation only (e.g. info for an acknowledged change)
    fix: Fix | None = None  # the edits that remove this violation, if the rule offers them
    left_to: str | None = None  # a rule that reports the same slip in its own terms: dropped when that rule ran on the package


class Edit(Struct, frozen=True):
    """One change to a JSON file, named by its place rather than by offsets.

    ``vetter.commands.fix`` turns it into a minimal text edit at the node's own span, so every byte
    outside it stays as it was. Build edits with the constructors below.
    """

    op: str  # remove | replace | add | rename | dedupe | text | bom
    location: Location  # the node (remove, replace, rename, dedupe) or the new key (add)
    value: Any = None  # replace and add: the new JSON value; rename: the new key; text: the new text
    start: int = 0  # text: character offsets in the file as vetter read it (after any BOM)
    end: int = 0

    @classmethod
    def remove(cls, location: Location) -> Edit:
        """Remove an object member or array item, with its comma."""
        return cls("remove", location)

    @classmethod
    def replace(cls, location: Location, value: Any) -> Edit:
        """Replace a value (only the characters that differ are rewritten)."""
        return cls("replace", location, value)

    @classmethod
    def add(cls, location: Location, value: Any) -> Edit:
        """Add the member the location's last token names to the existing object above it."""
        return cls("add", location, value)

    @classmethod
    def rename(cls, location: Location, key: str) -> Edit:
        """Rename an object member's key, keeping its value."""
        return cls("rename", location, key)

    @classmethod
    def dedupe(cls, location: Location) -> Edit:
        """Remove every occurrence of a repeated key but the last (the one JSON readers keep)."""
        return cls("dedupe", location)

    @classmethod
    def text(cls, file: str, start: int, end: int, text: str) -> Edit:
        """Replace characters ``start:end`` of the file as read (for defects below the JSON level)."""
        return cls("text", Location(file), text, start, end)

    @classmethod
    def strip_bom(cls, file: str) -> Edit:
        """Remove the file's UTF-8 byte order mark."""
        return cls("bom", Location(file))


class Fix(Struct, frozen=True):
    """How to remove one violation: a title for people and the edits that do it."""

    title: str  # imperative, e.g. 'Add "x-ms-url-encoding": "single"'
    edits: tuple[Edit, ...]
    unsafe: bool = False  # changes behaviour or wording: applied only with --unsafe-fixes


class InputUnavailable(Exception):
    """Raised by package views when a file a rule needs is missing or unreadable.

    The engine records the rule as skipped with this reason; a package or JSON
    rule reports the cause itself.
    """


def first_named(names: Sequence[str], shown: int) -> str:
    """``names`` joined with commas, at most ``shown`` of them, then how many more: ``a, b and 1,234 more``.
    A message that names every member of a list an attacker controls grows with the list."""
    text = ", ".join(names[:shown])
    return text + f" and {len(names) - shown:,} more" if len(names) > shown else text
