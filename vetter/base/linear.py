"""Regular expressions that vetter did not write, run in linear time (RE2).

Python's ``re`` backtracks: a pattern such as ``\\.documents\\.azure\\.com.+X`` costs the
square of its input, and a publisher's ``pattern: "^(a+)+$"`` is exponential in a 30-character
default. Package text is hostile, so a pattern vetter cannot review once and for all runs
in RE2 (``google-re2``), whose automaton reads each character a bounded number of times:

* Microsoft's secret rules (``vetter.security.secrets``: data shipped by another package, which can
  change with its next release);
* the ``pattern`` of a schema in the package (SWG013 matches defaults and examples against it).

vetter's own patterns stay in ``re`` (20 times cheaper a call on short strings, no import,
Unicode ``\\s`` and ``\\b``), each written so that no two repetitions can take the same
character, or with bounded repetitions, or replaced by a plain string scan;
``tests/test_hostile.py`` pumps every one of them (docs/robustness.md).

RE2 refuses look-arounds and back-references. ``compile_linear`` then returns None and the
caller decides: a secret rule falls back to ``re`` on a bounded window, a publisher's pattern
is not matched at all (the value is neither accepted nor reported on that keyword). The
module ``re2`` (3 to 5 ms to import) is imported on first use, which is the first file the
secret scan reads: it looks for its sets of literals (the detectors' signatures, the names of
secrets), and the AGT rules' screen for the literals of its patterns, with RE2 (``literal_set``),
one automaton reading each character once where ``re`` tries every literal at every position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol


class LinearPattern(Protocol):
    """What vetter uses of a compiled pattern (``re.Pattern`` and RE2's ``_Regexp`` both have it)."""

    groupindex: Any
    groups: int

    def search(self, text: str, pos: int = ..., endpos: int = ...) -> Any: ...
    def finditer(self, text: str, pos: int = ..., endpos: int = ...) -> Any: ...


MAX_PATTERN = 4096
"""Longer patterns (characters) are not compiled: no real connector's pattern comes near it."""


@lru_cache(maxsize=512)
def compile_linear(source: str, flags: int = 0) -> LinearPattern | None:
    """``source`` compiled by RE2, or None when RE2 cannot run it (look-arounds, back-references,
    syntax errors, a pattern past ``MAX_PATTERN``).

    ``flags`` may hold ``re.IGNORECASE`` and ``re.ASCII``: RE2's ``\\w``, ``\\d``, ``\\s`` and
    ``\\b`` are ASCII in any case, as Python's are under ``re.ASCII``.
    """
    if not isinstance(source, str) or len(source) > MAX_PATTERN or flags & ~(re.IGNORECASE | re.ASCII):
        return None
    import re2

    options = re2.Options()
    options.log_errors = False  # a refused pattern is an answer here, not an error to print
    try:
        pattern: LinearPattern = re2.compile(("(?i)" if flags & re.IGNORECASE else "") + source, options)
        return pattern
    except Exception:  # re2.error, or a pattern its wrapper cannot take (a NUL, lone surrogates)
        return None


def literal_set(literals: Iterable[str]) -> Any:
    """``literals`` (ASCII) as one RE2 set: ``Match(data)`` on UTF-8 bytes gives the indexes of
    those ``data`` holds (None when it holds none), in one pass that makes no match object, where
    ``re`` or ``in`` would read the text once per literal. An ASCII literal is in a text exactly
    when it is in its UTF-8 bytes (no byte of a longer sequence is below 128)."""
    import re2

    found = re2.Set.SearchSet(re2.Options())
    for literal in literals:
        found.Add(re.escape(literal).encode("ascii"))
    found.Compile()
    return found


def search(source: str, text: str) -> bool | None:
    """Whether ``source`` finds a match in ``text`` (RE2), or None when RE2 cannot run the pattern."""
    pattern = compile_linear(source)
    if pattern is None:
        return None
    try:
        return pattern.search(text) is not None
    except Exception:  # text RE2 cannot take (lone surrogates do not encode as UTF-8)
        return None


def group_start(match: Any, group: int | str) -> int:
    """``match.start(group)`` for ``re`` and RE2 matches alike (RE2's takes only numbers)."""
    if isinstance(group, str):
        group = match.re.groupindex[group]
    return int(match.start(group))
