"""Read one JSON file once: decode, parse, record defects, map pointers to lines.

Real connector files are not always valid JSON (BOMs, Latin-1 bytes, trailing
commas, raw control characters, duplicate keys; see ``docs/architecture.md``).
``parse_json`` reports each defect as a ``JsonProblem`` with its line and
column, repairs what can be repaired without moving any character (so line and
column stay true to the original file), and parses the rest with the C
decoder of the standard library. A text with none of these defects is read by
msgspec's faster decoder instead (``_plain_parse``), to the same data.

Positions are found lazily: ``JsonFile.locate(pointer)`` walks from the root
to the pointer, indexing each container it passes once (keys are read with the
C string scanner, values skipped with the C decoder), so a file with no
findings costs nothing beyond ``json.loads``. A pointer to a missing key
resolves to its nearest existing ancestor.
"""

from __future__ import annotations

import contextlib
import json
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cached_property
from itertools import accumulate
from operator import call
from typing import Any

import msgspec
from msgspec import Struct

from vetter.base import digest
from vetter.base import pointer as jp

_WS = re.compile(r"[ \t\n\r]*")
_AFTER = re.compile(r"[ \t\n\r]*(?:,[ \t\n\r]*)?")  # past a value: whitespace, one comma, whitespace
_COLON = re.compile(r"(?<![ \t\n\r])[ \t\n\r]*:[ \t\n\r]*")  # past a key (a quote precedes): to its value; linear when searched
_DECODER = json.JSONDecoder(  # skips values to find where they end: builds no numbers or objects
    strict=False,
    # ``len``, a C function, for every hook: no Python frame per number or object skipped, and
    # never int() (a 5,000-digit literal must not fail, or cost, here)
    parse_int=len,
    parse_float=len,
    parse_constant=len,
    object_pairs_hook=len,
)
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]
_scan_once = _DECODER.scan_once  # type: ignore[attr-defined]  # raw_decode without its Python frame: (value, end), StopIteration when no value

_COUNTED_POSITIONS = 8
"""Positions found by counting newlines before a file's line table is built."""

MAX_REPAIRS = 200
"""Give up repairing a file after this many defects and report it unparseable."""

REPAIR_BUDGET = 64 * 1024 * 1024
"""Characters re-parsed over all repairs of one file: a large file with many defects
stops being repaired sooner, so reading it stays linear in its size."""

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_HIGH = re.compile(r"[dD][89abAB]")


class JsonProblem(Struct, frozen=True):
    """A defect found while decoding or parsing a JSON file."""

    kind: str  # bom | encoding | invalid-utf8 | trailing-comma | control-character |
    #            duplicate-key | non-standard-number | number-too-long | lone-surrogate |
    #            syntax | too-deep | empty
    message: str
    line: int
    column: int
    pointer: str | None = None  # set when the defect belongs to a node (duplicate keys)
    offset: int | None = None  # character offset in the text as read, for defects a fix edits in place
    identical: bool = False  # duplicate keys: every occurrence has the same value


class Member(Struct, frozen=True):
    """One member of an object (``key`` set) or item of an array, by character offsets."""

    key: str | None
    start: int  # the key's opening quote, or the item's first character
    value_start: int
    value_end: int  # just past the value


class _Unparseable(Exception):
    pass


class JsonFile:
    """A parsed JSON file: its bytes, its data, its defects and a source map."""

    def __init__(self, name: str, raw: bytes) -> None:
        self.name = name
        self.raw = raw
        self.problems: tuple[JsonProblem, ...] = ()
        self.text = ""
        self._source = ""
        self.data: Any = None
        self.parsed = False
        self._line_starts: list[int] | None = None
        self._counted: list[tuple[int, int]] = [(0, 1)]  # (offset, line) counted before the line table was built
        self._located: dict[str, tuple[int, int]] = {}  # pointer -> (line, column), counted together by ``prefetch``
        self._starts: dict[int, int] = {}  # line -> offset of its first character, for the lines ``prefetch`` counted
        self._containers: dict[int, dict[str, tuple[int, int]] | list[int]] = {}
        self._unindexable: set[int] = set()
        self._ends: dict[int, int] = {}  # offset just past each container indexed or skipped
        self._members: dict[int, tuple[int, int, list[Member]]] = {}  # containers listed for fixes
        self._keyed: dict[int, dict[str, list[int]]] = {}  # objects' members by key, for fixes
        self._by_start: dict[int, tuple[list[int], list[tuple[str, int]]]] = {}  # objects' members in text order, for pointer_at
        self._parse()

    @cached_property
    def problem_kinds(self) -> frozenset[str]:
        """The kinds of the file's defects (``problems``): asked once per fix, counted once."""
        return frozenset(p.kind for p in self.problems)

    @cached_property
    def sha256(self) -> str:
        """The SHA-256 of the bytes, computed when first asked for (a DLP policy's key; most files never are)."""
        return digest.sha256(self.raw).hexdigest()

    # -- parsing -----------------------------------------------------------
    def _parse(self) -> None:
        problems: list[JsonProblem] = []
        self.text = _decode(self.raw, problems, self._position_of_byte)
        self._source = self.text  # positions count lines here: a repaired raw newline still ends a line
        if not self.text or self.text.isspace():  # ``strip`` would copy the text to answer
            problems.append(JsonProblem("empty", "The file is empty.", 1, 1))
            self.problems = tuple(problems)
            return
        if not problems or (len(problems) == 1 and problems[0].kind == "bom"):  # the text is the bytes' UTF-8
            data = _plain_parse(self.raw, 3 if problems else 0, self.text)
            if data is not _NOT_PLAIN:
                self.data = data
                self.parsed = True
                problems.extend(self._lone_surrogates(self.text))
                self.problems = tuple(problems)
                return
        duplicates: list[tuple[dict[str, Any], list[str], set[str]]] = []

        def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            obj = dict(pairs)
            if len(obj) != len(pairs):
                seen: set[str] = set()
                dups = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
                values: dict[str, list[Any]] = {k: [] for k in dups}  # each repeated key's values, in one pass
                for k, v in pairs:
                    if k in values:
                        values[k].append(v)
                same = {k for k, vs in values.items() if _same_values(vs)}
                duplicates.append((obj, dups, same))
            return obj

        constants: list[str] = []
        long_numbers: list[str] = []

        def parse_constant(name: str) -> float:
            constants.append(name)
            return float(name)

        def parse_int(digits: str) -> int | float:
            try:
                return int(digits)
            except ValueError:  # more digits than Python converts (4,300): keep a number, report it
                long_numbers.append(digits)
                return float("-inf") if digits.startswith("-") else float("inf")

        text = self.text
        budget = REPAIR_BUDGET
        for attempt in range(MAX_REPAIRS + 1):
            try:
                self.data = json.loads(
                    text, object_pairs_hook=pairs_hook, parse_constant=parse_constant, parse_int=parse_int
                )
                self.parsed = True
                break
            except json.JSONDecodeError as err:
                duplicates.clear()
                constants.clear()
                long_numbers.clear()
                budget -= len(text)
                if attempt == MAX_REPAIRS or budget < 0:
                    line, col = self.position(err.pos)
                    problems.append(
                        JsonProblem(
                            "syntax",
                            f"The file has too many defects to repair (vetter stopped after {attempt}), "
                            f"so it was not read; the next one is here: {_reason(err.msg)}.",
                            line,
                            col,
                        )
                    )
                    break
                repaired = self._repair(text, err, problems)
                if repaired is None:
                    break
                text = repaired
            except RecursionError:
                problems.append(
                    JsonProblem("too-deep", "The file is nested too deeply to be read.", 1, 1)
                )
                break
        self.text = text  # same length as the original: offsets hold (lines are counted in ``_source``)
        if self.parsed:
            places = _find_objects(self.data, {id(obj) for obj, _, _ in duplicates}) if duplicates else {}
            for obj, keys, same in duplicates:
                where = places.get(id(obj))
                for key in dict.fromkeys(keys):
                    ptr = None if where is None else jp.join(where, key)
                    line, col = self.locate(ptr) if ptr is not None else (1, 1)
                    problems.append(
                        JsonProblem(
                            "duplicate-key",
                            f"Key '{key}' appears more than once in the same object; "
                            "only the last value is kept.",
                            line,
                            col,
                            ptr,
                            identical=key in same,
                        )
                    )
            for name in dict.fromkeys(constants):
                problems.append(
                    JsonProblem(
                        "non-standard-number", f"'{name}' is not a valid JSON number.", 1, 1
                    )
                )
            after = 0  # the integers come in the file's order: each is looked for after the one before
            for digits in dict.fromkeys(long_numbers):
                at = text.find(digits, after)
                if at >= 0:
                    after = at + len(digits)
                line, col = self.position(at) if at >= 0 else (1, 1)
                problems.append(
                    JsonProblem(
                        "number-too-long",
                        f"An integer of {len(digits.lstrip('-'))} digits ({digits[:12]}...) is too long "
                        "to read exactly; it was read as infinity.",
                        line,
                        col,
                    )
                )
            problems.extend(self._lone_surrogates(text))
        self.problems = tuple(problems)

    def _lone_surrogates(self, text: str) -> list[JsonProblem]:
        r"""``\uD800``-style escapes that are not half of a surrogate pair (invalid Unicode).

        A text with no backslash has no escape: one ``memchr`` pass (most files) instead of a
        search for a two-character needle, which costs more than the C decoder's parse of the file
        (0.04 s against 0.005 s over the corpus)."""
        if "\\" not in text:
            return []
        out = []
        pending: tuple[int, str] | None = None  # a high surrogate waiting for its low half
        for match in _SURROGATE_ESCAPE.finditer(text):
            start = match.start()
            back = start
            while back > 0 and text[back - 1] == "\\":
                back -= 1
            if (start - back) % 2:  # an escaped backslash followed by "u...": plain text
                continue
            code = match.group()
            high = _HIGH.fullmatch(code[2:4]) is not None
            if pending is not None and not high and pending[0] == start - 6:
                pending = None  # a proper pair
                continue
            if pending is not None:
                out.append(pending)
                pending = None
            if high:
                pending = (start, code)
            else:
                out.append((start, code))
        if pending is not None:
            out.append(pending)
        problems = []
        for start, code in out:
            line, col = self.position(start)
            problems.append(
                JsonProblem(
                    "lone-surrogate",
                    f"The escape '{code}' is half of a UTF-16 surrogate pair with no other half: "
                    "it is not a Unicode character.",
                    line,
                    col,
                )
            )
        return problems

    def _repair(
        self, text: str, err: json.JSONDecodeError, problems: list[JsonProblem]
    ) -> str | None:
        pos = err.pos
        if err.msg.startswith("Invalid control character"):
            line, col = self.position(pos)
            problems.append(
                JsonProblem(
                    "control-character",
                    f"Raw control character U+{ord(text[pos]):04X} inside a string.",
                    line,
                    col,
                    offset=pos,
                )
            )
            return text[:pos] + " " + text[pos + 1 :]
        if err.msg.startswith(("Expecting property name", "Expecting value")):
            back = pos - 1
            while back >= 0 and text[back] in " \t\r\n":
                back -= 1
            if back >= 0 and text[back] == "," and pos < len(text) and text[pos] in "}]":
                line, col = self.position(back)
                problems.append(
                    JsonProblem(
                        "trailing-comma",
                        f"Trailing comma before '{text[pos]}'.",
                        line,
                        col,
                        offset=back,
                    )
                )
                return text[:back] + " " + text[back + 1 :]
        line, col = self.position(pos)
        problems.append(JsonProblem("syntax", f"Invalid JSON: {_reason(err.msg)}.", line, col))
        return None

    # -- positions -----------------------------------------------------------
    def pointer_at(self, offset: int) -> str:
        """The pointer of the innermost JSON value (or key) that holds character ``offset``."""
        text = self.text
        pos = len(text) - len(text.lstrip())
        tokens: list[str | int] = []
        for _ in range(200):
            index = self._index(pos)  # cached per container
            if isinstance(index, dict):
                ordered = self._by_start.get(pos)
                if ordered is None:  # sorted once per object: a secret scan asks for thousands of places in one
                    members = sorted(index.items(), key=lambda kv: kv[1][0])
                    ordered = self._by_start[pos] = ([kv[1][0] for kv in members], [(kv[0], kv[1][1]) for kv in members])
                starts, keys = ordered
                i = bisect_right(starts, offset) - 1
                if i < 0:
                    break
                key, value_pos = keys[i]
                tokens.append(key)
                if offset < value_pos:
                    break  # inside the key itself
                pos = value_pos
            elif isinstance(index, list):
                i = bisect_right(index, offset) - 1
                if i < 0:
                    break
                tokens.append(i)
                pos = index[i]
            else:
                break
        return jp.join("", *tokens) if tokens else ""

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in the decoded text."""
        # The first few positions of a file are counted in C (``str.count``, ``str.rfind``) from the
        # nearest position already counted: a file with a handful of findings never builds a table
        # of its lines. From the ninth on, the table is built once (linear), so many findings cost a
        # binary search each.
        text = self._source
        if self._line_starts is None:
            marks = self._counted
            if len(marks) <= _COUNTED_POSITIONS:
                i = bisect_right(marks, (offset, 1 << 62)) - 1
                near, line = marks[i]
                line += text.count("\n", near, offset)
                marks.insert(i + 1, (offset, line))
                return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
            self._line_starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))
        index = bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def _position_of_byte(self, offset: int) -> tuple[int, int]:
        head = self.raw[:offset]
        line = head.count(b"\n") + 1
        column = offset - (head.rfind(b"\n") + 1) + 1
        return line, column

    def locate(self, pointer: str) -> tuple[int, int]:
        """Line and column of ``pointer``, or of its nearest existing ancestor.

        A key pointer (``/paths/~1x``) resolves to the key's position; an array
        item to the item's first character.
        """
        if not self.parsed:
            return 1, 1
        known = self._located.get(pointer)
        if known is not None:
            return known
        return self.position(self._offset(pointer))

    def prefetch(self, pointers: Iterable[str]) -> None:
        """Index, in one pass over the text, every container the given pointers pass through.

        ``locate`` of these pointers then reads cached indexes only. Locating pointers one at
        a time re-reads a container's text once per level above it (the root for ``/paths``,
        ``/paths`` again for an operation); here each byte is read at most once, as the
        containers on the pointers' paths are indexed on the way down instead of skipped.
        """
        if not self.parsed:
            return
        located = self._located
        trie: dict[str, Any] = {}
        last_tokens: dict[int, list[tuple[str, str]]] = {}  # id of a trie node -> (last token, pointer) of the pointers ending below it
        at_root: list[str] = []
        for pointer in pointers:
            if pointer in located:  # located by an earlier call (the findings' before the evidence's)
                continue
            try:
                tokens = jp.split(pointer)
            except ValueError:
                tokens = []
            if not tokens:
                at_root.append(pointer)
                continue
            node = trie
            for token in tokens[:-1]:  # the last token is looked up in its parent's index
                child = node.get(token)
                if child is None:
                    child = node[token] = {}
                node = child
            last = tokens[-1]
            if last not in node:
                node[last] = {}
            last_tokens.setdefault(id(node), []).append((last, pointer))
        root = _WS.match(self.text, 0).end()  # type: ignore[union-attr]
        offsets = [(root, pointer) for pointer in at_root]
        if trie:
            # on a defect, what was indexed stays cached and the offsets index the rest one container at a time
            with contextlib.suppress(ValueError, IndexError, RecursionError):
                self._deep(root, trie)
            self._offsets(trie, root, last_tokens, offsets)
        self._count_lines(offsets)

    def _offsets(self, trie: dict[str, Any], root: int, last_tokens: dict[int, list[tuple[str, str]]], out: list[tuple[int, str]]) -> None:
        """The offset ``_offset`` gives each pointer ``prefetch`` put in ``trie``, as ``(offset, pointer)``
        added to ``out``: one walk down the trie, each container on the way looked up once for all
        the pointers below it, whose tokens were split once."""
        stack = [(trie, root)]
        containers = self._containers
        while stack:
            node, pos = stack.pop()
            index = containers.get(pos)
            if index is None:
                index = self._index(pos)
            leaves = last_tokens.get(id(node), ())
            if isinstance(index, dict):
                for token, pointer in leaves:
                    hit = index.get(token)
                    out.append((pos if hit is None else hit[0], pointer))  # a member: its key
                for token, sub in node.items():
                    if sub:
                        hit = index.get(token)
                        if hit is not None:
                            stack.append((sub, hit[1]))
                        else:
                            _below(sub, pos, last_tokens, out)
            else:
                for token, pointer in leaves:
                    child = None if index is None else _child(index, token)
                    out.append((pos if child is None else child, pointer))  # an item: its value
                for token, sub in node.items():
                    if sub:
                        child = None if index is None else _child(index, token)
                        if child is not None:
                            stack.append((sub, child))
                        else:
                            _below(sub, pos, last_tokens, out)

    def _count_lines(self, offsets: list[tuple[int, str]]) -> None:
        """Line and column of each ``(offset, pointer)`` of ``offsets``, for ``locate``, in one sweep of
        the text in offset order (each newline counted once, each column found from the last newline
        before it): the same figures ``position`` gives one offset at a time, without its table of
        line starts. A later call (the security profile's evidence after the findings) counts from the
        nearest line an earlier one counted, not from the start of the text again."""
        located, starts = self._located, self._starts
        text = self._source
        line, at, line_start = 1, 0, 0
        offsets.sort()
        known = sorted(starts.items())  # (line, its start): in the order of both
        k, size = 0, len(known)
        for offset, pointer in offsets:
            if offset != at:
                while k < size and known[k][1] <= offset:
                    k += 1
                if k and known[k - 1][1] > at:  # a line start counted before, between here and the offset
                    line, at = known[k - 1]
                    line_start = at
                line += text.count("\n", at, offset)
                newline = text.rfind("\n", at, offset)
                if newline != -1:
                    line_start = newline + 1
                at = offset
            starts[line] = line_start
            located[pointer] = (line, offset - line_start + 1)

    def lines_around(self, line: int, context: int) -> tuple[int, list[str]] | None:
        """The lines ``line - context`` to ``line + context`` (those that exist) of the text as read, and
        the first one's number, as ``text_lines`` numbers and spells them (split at each ``"\n"``, the one
        CR before it dropped); found by slicing around a line whose start ``prefetch`` counted, without
        splitting the whole text. None for a line it did not count."""
        start = self._starts.get(line)
        if start is None:
            return None
        text = self._source
        first, begin = line, start
        lowest = max(1, line - context)
        while first > lowest:  # the lines before: each ends just before the next one's start
            begin = text.rfind("\n", 0, begin - 1) + 1
            first -= 1
        end = text.find("\n", start)
        for _ in range(context):  # the lines after, while the text has them (a final newline ends the last line)
            if end == -1 or end + 1 >= len(text):
                break
            end = text.find("\n", end + 1)
        window = text[begin:] if end == -1 else text[begin:end]
        shown = window.split("\n")  # one slice split in C, not a slice per line
        if "\r" in window:  # the one CR before each newline goes (not at the end of a text without a final newline)
            last = len(shown) - 1
            shown = [s[:-1] if s[-1:] == "\r" and (i < last or end != -1) else s for i, s in enumerate(shown)]
        return first, shown

    def _deep(self, pos: int, trie: dict[str, Any]) -> int:
        """Index the container at ``pos`` and, inside it, the containers ``trie`` names; its end offset.

        Only for a parsed text, which is valid JSON: after a member's comma comes the next key's
        quote (found with ``str.find``), after a key's quote its colon. Keys and string values are
        read with the C string scanner, other values skipped with the C decoder; a regular
        expression (slower to call) only steps over unusual whitespace.
        """
        index = self._containers.get(pos)
        if index is not None:
            for token, sub in trie.items():
                if sub:
                    child = _child(index, token)
                    if child is not None and self.text[child : child + 1] in ("{", "["):
                        self._deep(child, sub)
            return self._ends[pos]
        text = self.text
        scanstring = _scanstring
        opener = text[pos : pos + 1]
        if opener == "{":
            found: dict[str, tuple[int, int]] = {}
            find = text.find
            cur = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            while text[cur] != "}":
                key, end = scanstring(text, cur + 1, False)
                if text[end] == ":":
                    value_pos = end + 1
                    c = text[value_pos]
                    if c == " ":
                        value_pos += 1
                        c = text[value_pos]
                    if c in " \t\n\r":
                        value_pos = _WS.match(text, value_pos).end()  # type: ignore[union-attr]
                        c = text[value_pos]
                else:
                    colon = _COLON.match(text, end)
                    value_pos = colon.end() if colon is not None else _WS.match(text, _WS.match(text, end).end() + 1).end()  # type: ignore[union-attr]
                    c = text[value_pos]
                found[key] = (cur, value_pos)
                if c == '"':
                    end = scanstring(text, value_pos + 1, False)[1]
                elif c == "{" or c == "[":
                    end = self._past(value_pos, trie.get(key))
                else:
                    end = _scan_value(text, value_pos)
                c = text[end]
                if c == ",":
                    cur = find('"', end + 1)  # only whitespace comes before the next key
                    if cur < 0:
                        raise ValueError(f"no key after the comma at offset {end}")
                elif c == "}":
                    cur = end
                else:
                    cur = _AFTER.match(text, end).end()  # type: ignore[union-attr]
            self._containers[pos] = found
        elif opener == "[":
            items: list[int] = []
            cur = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            while text[cur] != "]":
                items.append(cur)
                c = text[cur]
                if c == '"':
                    end = scanstring(text, cur + 1, False)[1]
                elif c == "{" or c == "[":
                    end = self._past(cur, trie.get(str(len(items) - 1)))
                else:
                    end = _scan_value(text, cur)
                c = text[end]
                if c == ",":
                    cur = end + 1
                    if text[cur] in " \t\n\r":
                        cur = _WS.match(text, cur).end()  # type: ignore[union-attr]
                elif c == "]":
                    cur = end
                else:
                    cur = _AFTER.match(text, end).end()  # type: ignore[union-attr]
            self._containers[pos] = items
        else:
            raise ValueError("not a container")
        self._ends[pos] = cur + 1
        return cur + 1

    def _past(self, pos: int, sub: dict[str, Any] | None) -> int:
        """Offset just past the container at ``pos``: indexed with the containers ``sub`` names inside
        it when it names any (``_deep``), else skipped with the C decoder (its end kept, as ``_skip``)."""
        if sub:
            return self._deep(pos, sub)
        end = self._ends.get(pos)
        if end is None:
            end = self._ends[pos] = _scan_value(self.text, pos)
        return end

    def _offset(self, pointer: str) -> int:
        text = self.text
        pos = _WS.match(text, 0).end()  # type: ignore[union-attr]
        try:
            tokens = jp.split(pointer)
        except ValueError:
            return pos
        last = len(tokens) - 1
        for depth, token in enumerate(tokens):
            index = self._index(pos)
            if isinstance(index, dict):
                hit = index.get(token)
                if hit is None:
                    return pos
                key_pos, value_pos = hit
                if depth == last:
                    return key_pos
                pos = value_pos
            elif isinstance(index, list):
                if not token.isdigit() or int(token) >= len(index):
                    return pos
                pos = index[int(token)]
            else:
                return pos
        return pos

    # -- spans, for fixes ------------------------------------------------------
    @property
    def source(self) -> str:
        """The text as read (after any BOM), before repairs: what a fix edits."""
        return self._source

    def members(self, pointer: str) -> tuple[int, int, list[Member]] | None:
        """The object or array at exactly ``pointer``: its opening and closing offsets and its
        members in order, repeated keys included; None when it does not exist or is no container."""
        pos = self._value_pos(pointer)
        if pos is None or self._index(pos) is None:
            return None
        if pos in self._members:
            return self._members[pos]
        text = self.text
        out: list[Member] = []
        if text[pos] == "{":
            cur = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            while text[cur] != "}":
                key, end = _scanstring(text, cur + 1, False)
                value_pos = _WS.match(text, _WS.match(text, end).end() + 1).end()  # type: ignore[union-attr]
                value_end = self._value_end(value_pos)
                out.append(Member(key, cur, value_pos, value_end))
                cur = _after(text, value_end)
        else:
            cur = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            while text[cur] != "]":
                value_end = self._value_end(cur)
                out.append(Member(None, cur, cur, value_end))
                cur = _after(text, value_end)
        self._members[pos] = (pos, cur, out)
        return pos, cur, out

    def member_keys(self, pointer: str) -> dict[str, list[int]] | None:
        """The object at exactly ``pointer``'s members by key: each key's indexes in ``members``, in
        order (built once an object, so a fix per member costs no walk along the others); None when
        it is no object."""
        found = self.members(pointer)
        if found is None or self.text[found[0]] != "{":
            return None
        keyed = self._keyed.get(found[0])
        if keyed is None:
            keyed = {}
            for i, m in enumerate(found[2]):
                keyed.setdefault(m.key, []).append(i)  # type: ignore[arg-type]
            self._keyed[found[0]] = keyed
        return keyed

    def span(self, pointer: str) -> Member | None:
        """The member or item at exactly ``pointer`` (the last of a repeated key), or None."""
        try:
            tokens = jp.split(pointer)
        except ValueError:
            return None
        if not tokens:
            pos = _WS.match(self.text, 0).end()  # type: ignore[union-attr]
            return Member(None, pos, pos, self._value_end(pos)) if self.parsed else None
        found = self.members(jp.join("", *tokens[:-1]))
        if found is None:
            return None
        last = tokens[-1]
        members = found[2]
        if members and members[0].key is None:
            return members[int(last)] if last.isdigit() and int(last) < len(members) else None
        hits = (self.member_keys(jp.join("", *tokens[:-1])) or {}).get(last)
        return members[hits[-1]] if hits else None

    def _value_pos(self, pointer: str) -> int | None:
        """Offset of the value at exactly ``pointer`` (None when any step is missing)."""
        if not self.parsed:
            return None
        try:
            tokens = jp.split(pointer)
        except ValueError:
            return None
        pos = _WS.match(self.text, 0).end()  # type: ignore[union-attr]
        for token in tokens:
            index = self._index(pos)
            if index is None:
                return None
            child = _child(index, token)
            if child is None:
                return None
            pos = child
        return pos

    def _value_end(self, pos: int) -> int:
        end = self._ends.get(pos)
        if end is None:
            _, end = _DECODER.raw_decode(self.text, pos)
        return end

    def _index(self, pos: int) -> dict[str, tuple[int, int]] | list[int] | None:
        """Index the object or array starting at ``pos`` (cached)."""
        cached = self._containers.get(pos)
        if cached is not None:
            return cached
        if pos in self._unindexable:  # a failure is remembered too: never re-scan per finding
            return None
        text = self.text
        opener = text[pos] if pos < len(text) else ""
        index: dict[str, tuple[int, int]] | list[int]
        try:
            if opener == "{":
                index = {}
                cur = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                while cur < len(text) and text[cur] != "}":
                    key, end = _scanstring(text, cur + 1, False)
                    colon = _COLON.match(text, end)
                    value_pos = colon.end() if colon is not None else _WS.match(text, _WS.match(text, end).end() + 1).end()  # type: ignore[union-attr]
                    index[key] = (cur, value_pos)  # a duplicate key keeps its last position
                    cur = self._skip(value_pos)
            elif opener == "[":
                index = []
                cur = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                while cur < len(text) and text[cur] != "]":
                    index.append(cur)
                    cur = self._skip(cur)
            else:
                return None
            if cur >= len(text):
                raise IndexError("unterminated container")
        except (ValueError, IndexError, RecursionError):
            self._unindexable.add(pos)
            return None
        self._containers[pos] = index
        self._ends[pos] = cur + 1
        return index

    def _skip(self, pos: int) -> int:
        """Offset after the value at ``pos`` and its trailing comma and whitespace.

        The end of a container, once decoded to skip it, is kept: a later pass (the security
        profile's evidence after the findings) steps over it without decoding it again.
        """
        text = self.text
        end = self._ends.get(pos)
        if end is None:
            first = text[pos]
            if first == '"':  # the commonest value skipped: scanned in C without the decoder's frame
                end = _scanstring(text, pos + 1, False)[1]
            else:
                try:
                    end = _scan_once(text, pos)[1]
                except StopIteration:
                    raise ValueError(f"no JSON value at offset {pos}") from None
                if first in "{[":
                    self._ends[pos] = end
        return _AFTER.match(text, end).end()  # type: ignore[union-attr]


_NOT_PLAIN: Any = object()
"""``_plain_parse``'s answer when the text must go through the decoder with its hooks."""
_PLAIN_DECODE = msgspec.json.Decoder().decode
_PLAIN_ENCODE = msgspec.json.Encoder().encode
_PLAIN_FRAMES = 8
"""Calls through C (``operator.call``) ``_plain_parse`` makes before msgspec's decoder: each takes a
frame from the recursion limit (3.11) or the C stack's (3.12 on), as the standard decoder's own
frames and hooks do, so a text nested too deep for ``json.loads`` is too deep for msgspec too
(msgspec alone reaches a few levels deeper; ``test_jsonfile`` tries the edge)."""


def _plain_parse(raw: bytes, start: int, text: str) -> Any:
    """The data of a text with no defect the hooks of ``JsonFile._parse`` report (no repeated key,
    ``NaN``, integer too long to convert or character it must repair), read by msgspec's decoder;
    ``_NOT_PLAIN`` when the text has one or msgspec refuses it (then the standard decoder reads it).

    msgspec builds the same values as ``json.loads`` where it accepts a text (and refuses NaN,
    infinities, numbers out of range, lone surrogates, control characters and trailing commas), in
    about a quarter less time than ``json.loads`` with a pairs hook. A repeated key is found exactly by
    counting colons: every colon of a valid text is either a member's or a literal one inside a
    string, and the data written back out (one colon per member kept, each string's colons as they
    are) has as many unless a member was dropped; an escaped colon (``\\u003a``) is the one string
    colon that is not literal in the text, and such a text takes the hooks' path."""
    if "\\" in text and "\\u003" in text and ("\\u003a" in text or "\\u003A" in text):  # one search in most texts
        return _NOT_PLAIN
    try:
        data = _deeper(_PLAIN_FRAMES, memoryview(raw)[start:] if start else raw)
        if _PLAIN_ENCODE(data).count(b":") != raw.count(b":"):
            return _NOT_PLAIN  # a key repeated: the hook finds which and where
    except (msgspec.MsgspecError, RecursionError, ValueError, MemoryError):
        return _NOT_PLAIN
    return data


def _deeper(frames: int, buf: bytes | memoryview) -> Any:
    """msgspec's decode of ``buf``, called through ``frames`` calls from C further down the stack."""
    return call(_deeper, frames - 1, buf) if frames else _PLAIN_DECODE(buf)


def _scan_value(text: str, pos: int) -> int:
    """Offset just past the value at ``pos``, skipped with the C decoder (as ``JsonFile._skip``)."""
    try:
        return _scan_once(text, pos)[1]
    except StopIteration:
        raise ValueError(f"no JSON value at offset {pos}") from None


def _same_values(values: list[Any]) -> bool:
    """Whether the values of a repeated key are all the same JSON value (1, 1.0 and true kept apart).

    Types and sizes are compared first, and the texts only until two differ: a key repeated many
    times costs once per value, and a large value is written out only beside one of its own kind."""
    first = values[0]
    kind = type(first)
    if any(type(v) is not kind for v in values):
        return False
    if (kind is dict or kind is list) and any(len(v) != len(first) for v in values):
        return False
    text = _canonical(first)
    return all(_canonical(v) == text for v in values[1:])


def _canonical(value: Any) -> str:
    """A value's JSON text with sorted keys: equal texts, equal values (1 and 1.0 and true kept apart)."""
    try:
        return json.dumps(value, sort_keys=True)
    except (TypeError, ValueError):
        return repr(value)


def _reason(msg: str) -> str:
    """The decoder's message without its dangling " at" ("Invalid control character at")."""
    return msg.removesuffix(" at")


def _child(index: dict[str, tuple[int, int]] | list[int], token: str) -> int | None:
    """Offset of the value ``token`` names in a container's index, or None."""
    if isinstance(index, dict):
        hit = index.get(token)
        return hit[1] if hit is not None else None
    return index[int(token)] if token.isdigit() and int(token) < len(index) else None


def _below(node: dict[str, Any], pos: int, last_tokens: dict[int, list[tuple[str, str]]], out: list[tuple[int, str]]) -> None:
    """Every pointer ending in ``node`` or below it at ``pos``: the nearest value that exists."""
    nodes = [node]
    while nodes:
        inner = nodes.pop()
        out.extend((pos, pointer) for _, pointer in last_tokens.get(id(inner), ()))
        nodes.extend(n for n in inner.values() if n)


def _after(text: str, end: int) -> int:
    """Offset of the next member after a value ending at ``end``: past whitespace and one comma."""
    return _AFTER.match(text, end).end()  # type: ignore[union-attr]


def _decode(raw: bytes, problems: list[JsonProblem], byte_position: Any) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            JsonProblem("bom", "The file starts with a UTF-8 byte order mark (BOM).", 1, 1)
        )
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        problems.append(
            JsonProblem("encoding", "The file is UTF-32 encoded; JSON files must be UTF-8.", 1, 1)
        )
        return raw.decode("utf-32", errors="replace")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            JsonProblem("encoding", "The file is UTF-16 encoded; JSON files must be UTF-8.", 1, 1)
        )
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = byte_position(err.start + (3 if problems and problems[-1].kind == "bom" else 0))
        problems.append(
            JsonProblem(
                "invalid-utf8",
                f"Byte 0x{raw[err.start]:02X} at offset {err.start} is not valid UTF-8 "
                "(the file looks Latin-1/Windows-1252 encoded).",
                line,
                col,
            )
        )
        return raw.decode("utf-8", errors="replace")


def _find_objects(data: Any, targets: set[int]) -> dict[int, str]:
    """Pointer of each container inside ``data`` whose ``id`` is in ``targets``, found in one walk
    (a walk per container would cost the square of the file for many objects with a duplicate key)."""
    found: dict[int, str] = {}
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack and len(found) < len(targets):
        node, where = stack.pop()
        if id(node) in targets:
            found[id(node)] = where
        if isinstance(node, dict):
            stack.extend((v, jp.join(where, k)) for k, v in node.items() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, jp.join(where, i)) for i, v in enumerate(node) if isinstance(v, (dict, list)))
    return found
