"""What a rule is and what it yields.

A rule module has three parts: its docstring (the user docs, with ``## Why``
and ``## How to fix`` sections), ``RULE = Rule(...)`` (the metadata) and
``check(package)``, a generator of ``Violation``s. The engine adds the rule
id, the severity after overrides, the line and column, and the fingerprint.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"  # blocks certification or a CI gate
    WARNING = "warning"  # should be fixed
    INFO = "info"  # advice, inventory

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Rule:
    """A rule's metadata. The summary is the first line of the module docstring."""

    id: str  # AAA000: area prefix and number, never reused
    name: str  # kebab-case, names the problem
    category: str  # package | json | swagger | properties | security | ...
    severity: Severity
    aliases: tuple[str, ...] = ()  # e.g. Microsoft validator codes this rule mirrors
    tags: tuple[str, ...] = ()
    section: str | None = None  # section of ../shared/docs/rules-catalog.md it implements, e.g. "1.1"
    scope: str = "package"  # package: check(package[, options]) per package; policy: check(policy) once per --dlp-policy


@dataclass(frozen=True)
class Location:
    """Where a finding is: a package file plus a JSON pointer or a line."""

    file: str
    pointer: str | None = None  # RFC 6901 pointer into a JSON file
    line: int | None = None  # 1-based; set by rules for text files, by the engine for JSON
    column: int | None = None

    def __str__(self) -> str:
        if self.pointer is not None:
            return f"{self.file}#{self.pointer}"
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass(frozen=True)
class Violation:
    """What a rule reports: where, what, and optionally how to fix this one."""

    location: Location
    message: str
    hint: str | None = None
    key: str | None = None  # extra identity for the fingerprint when a location repeats
    severity: Severity | None = None  # this violation only (e.g. info for an acknowledged change)


class InputUnavailable(Exception):
    """Raised by package views when a file a rule needs is missing or unreadable.

    The engine records the rule as skipped with this reason; a package or JSON
    rule reports the cause itself.
    """
