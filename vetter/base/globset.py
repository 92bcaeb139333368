"""Which of many shell patterns match a string, usually in time linear in the string (the gate's waivers).

``fnmatch.fnmatchcase(s, p)`` for each of W patterns costs W regex matches per string; with many
strings (findings) and many patterns (waivers of a ``vetter.toml``, which may come with the
scanned repository) that is a product of two inputs. ``GlobSet`` reads the patterns once into
one automaton (each pattern a sequence of literal characters, ``?``, ``*`` and ``[...]`` classes,
exactly as ``fnmatch.translate`` splits it) and walks each string through it one character at a
time; the sets of pattern positions it reaches are interned as states and each state's successor
on a character is computed once, so strings that share a prefix (JSON pointers, package paths)
share the work. The answer is the same as ``fnmatchcase`` pattern by pattern (case-sensitive,
``*`` and ``?`` match any character including ``/``; a class's members are decided by the same
regex ``fnmatch`` builds for it).

A state's successor costs the number of pattern positions in it, and some pattern sets make
the reachable states many and large (``*a??...?`` remembers where each ``a`` was). So the steps
computed are budgeted: all together at most ``STEP_BUDGET`` positions per pattern for each string
read so far, and for ``SLACK`` strings more (the first strings build the states later ones share). A
string that would go over it is matched pattern by pattern with ``fnmatchcase`` instead, and after
``GIVE_UPS`` such strings the set stops building states at all. The worst case is then about the
cost of trying every pattern on every string (the way this replaces: a product that remains for
such pattern sets), and the usual one is linear in the strings. The positions kept in states are
bounded (``MAX_POSITIONS``): past it the cache starts again, so memory stays bounded. The answer
never depends on any of this.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Sequence

MAX_POSITIONS = 500_000  # pattern positions held by the cached states, all together
STEP_BUDGET = 4  # positions stepped through, per pattern and string read (see the module's docstring)
SLACK = 64  # strings' worth of steps allowed beyond that, for the states the first strings build
GIVE_UPS = 64  # strings over budget before the set matches every string pattern by pattern

_LIT, _ANY, _STAR, _CLASS, _END = range(5)
_DEAD = -1  # the state of a string no pattern can match


def _tokens(pattern: str) -> list[tuple[int, object]]:
    """The pattern as ``fnmatch.translate`` reads it: (kind, argument) per token, runs of ``*`` as one."""
    out: list[tuple[int, object]] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "*":
            if not out or out[-1][0] != _STAR:
                out.append((_STAR, None))
        elif c == "?":
            out.append((_ANY, None))
        elif c == "[":
            j = i
            if j < n and pattern[j] == "!":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 1
            if j >= n:  # no closing bracket: a literal "["
                out.append((_LIT, "["))
            else:
                out.append((_CLASS, _class_matcher(pattern[i - 1 : j + 1])))
                i = j + 1
        else:
            out.append((_LIT, c))
    return out


def _class_matcher(token: str) -> Callable[[str], object]:
    """Whether one character is in the class ``token`` (``[...]``), by fnmatch's own regex for it."""
    return re.compile(fnmatch.translate(token)).match


class GlobSet:
    """Patterns in order (their index is their slot); ``first(s)`` is the lowest slot whose pattern matches ``s``."""

    def __init__(self, patterns: Sequence[str]) -> None:
        kinds: list[int] = []
        args: list[object] = []
        slots: list[int] = []
        starts: list[int] = []
        for slot, pattern in enumerate(patterns):
            starts.append(len(kinds))
            for kind, arg in _tokens(pattern):
                kinds.append(kind)
                args.append(arg)
                slots.append(slot)
            kinds.append(_END)
            args.append(None)
            slots.append(slot)
        self._patterns = list(patterns)
        self._give_ups = 0
        self._work = 0  # positions stepped through, all strings together
        self._reads = 0  # strings read
        self._kinds = kinds
        self._args = args
        self._slots = slots
        self._start = self._closure(starts)
        self._sets_matched: list[tuple[int, ...]] = [()]  # match_id -> the slots, kept across resets
        self._matched_ids: dict[tuple[int, ...], int] = {(): 0}
        self._reset()

    def _reset(self) -> None:
        self._ids: dict[frozenset[int], int] = {}
        self._sets: list[frozenset[int]] = []
        self._size = 0  # positions in self._sets
        self._next: dict[tuple[int, str], int] = {}
        self._first: dict[int, int | None] = {}
        self._match_id: dict[int, int] = {}
        self._intern(self._start)

    def _intern(self, states: frozenset[int]) -> int:
        sid = self._ids.get(states)
        if sid is None:
            sid = self._ids[states] = len(self._sets)
            self._sets.append(states)
            self._size += len(states)
        return sid

    def _closure(self, positions: list[int]) -> frozenset[int]:
        kinds = self._kinds
        out = set(positions)
        out.update(g + 1 for g in positions if kinds[g] == _STAR)  # a star may match nothing (never two in a row)
        return frozenset(out)

    def _step(self, states: frozenset[int], c: str) -> frozenset[int]:
        kinds, args = self._kinds, self._args
        nxt: list[int] = []
        for g in states:
            kind = kinds[g]
            if kind == _STAR:
                nxt.append(g)
            elif kind == _ANY or (kind == _LIT and args[g] == c) or (kind == _CLASS and args[g](c)):  # type: ignore[operator]
                nxt.append(g + 1)
        return self._closure(nxt)

    def _state_of(self, s: str) -> int | None:
        """The state after reading ``s`` (``_DEAD`` when no pattern can match any more), or None when
        ``s`` went over its budget and is to be matched pattern by pattern."""
        if self._give_ups >= GIVE_UPS:
            return None
        sid = 0  # the start is interned first
        self._reads += 1
        budget = STEP_BUDGET * (self._reads + SLACK) * len(self._patterns)
        for c in s:
            nid = self._next.get((sid, c))
            if nid is None:
                states = self._sets[sid]
                self._work += len(states)
                if self._work > budget:
                    self._give_ups += 1
                    return None
                if self._size >= MAX_POSITIONS:
                    self._reset()
                    sid = self._intern(states)
                nid = self._next[(sid, c)] = self._intern(self._step(states, c))
            if not self._sets[nid]:
                return _DEAD
            sid = nid
        return sid

    def first(self, s: str) -> int | None:
        """The lowest slot whose pattern matches all of ``s`` (``fnmatch.fnmatchcase``), or None."""
        sid = self._state_of(s)
        if sid is None:
            return next((i for i, p in enumerate(self._patterns) if fnmatch.fnmatchcase(s, p)), None)
        if sid == _DEAD:
            return None
        if sid not in self._first:
            ends = [self._slots[g] for g in self._sets[sid] if self._kinds[g] == _END]
            self._first[sid] = min(ends) if ends else None
        return self._first[sid]

    def match_id(self, s: str) -> int:
        """A number for the set of slots whose patterns match all of ``s``: the same set, the same number
        (``matched(n)`` gives the set back), so a caller can key a cache by it without hashing the set."""
        sid = self._state_of(s)
        if sid is None:
            return self._matched_id(tuple(i for i, p in enumerate(self._patterns) if fnmatch.fnmatchcase(s, p)))
        if sid == _DEAD:
            return 0
        mid = self._match_id.get(sid)
        if mid is None:
            ends = tuple(sorted(self._slots[g] for g in self._sets[sid] if self._kinds[g] == _END))
            mid = self._match_id[sid] = self._matched_id(ends)
        return mid

    def _matched_id(self, slots: tuple[int, ...]) -> int:
        mid = self._matched_ids.get(slots)
        if mid is None:
            mid = self._matched_ids[slots] = len(self._sets_matched)
            self._sets_matched.append(slots)
        return mid

    def matched(self, match_id: int) -> tuple[int, ...]:
        """The slots (in order) of a ``match_id``."""
        return self._sets_matched[match_id]

    def matching(self, s: str) -> tuple[int, ...]:
        """Every slot whose pattern matches all of ``s``, in order."""
        return self.matched(self.match_id(s))
