"""Apply the fixes rules offer: ``vetter fix`` and the editor's code actions.

A rule attaches a ``Fix`` to a violation: a title and ``Edit``s that name places by JSON
pointer (``vetter.base.rule``). Here each edit becomes a minimal text edit at the node's own span,
found with the file's source map (``JsonFile.members``/``span``): a removed member takes its
comma with it, a replaced value rewrites only the characters that differ, an added member
copies the indentation, key separator and line ending of its siblings. Every byte outside the
edited spans stays as it was (indentation, key order, line endings, BOM).

``fix_package`` runs the rules, applies the fixes that do not overlap (edit the same characters,
or give one object the same key), checks each edited file still parses (with no defect it did
not have: a fix that would break the JSON is dropped and reported; fixes valid alone but not
together are told apart by halving, and the later ones wait), and runs the rules again on the
result until nothing is left to fix, so a second run changes nothing. A file vetter could not
parse, or that is not UTF-8, is never edited.
"""

from __future__ import annotations

import difflib
import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from vetter.base import pointer as jp
from vetter.base.rule import Edit, Fix
from vetter.engine.runner import Finding
from vetter.model.jsonfile import JsonFile, Member

if TYPE_CHECKING:
    from pathlib import Path

    from vetter.engine.catalog import Catalog
    from vetter.engine.settings import Settings
    from vetter.model.loader import PackageSource
    from vetter.model.options import RunOptions
    from vetter.model.package import ConnectorPackage

MAX_ROUNDS = 8
"""Rule runs of one ``fix_package``: fixes that overlap in one round are applied in the next."""

UNEDITABLE = frozenset({"syntax", "too-deep", "empty", "encoding", "invalid-utf8"})
"""JSON defects that keep a file from being edited: it did not parse, or re-encoding would change it."""

BOM = "\ufeff"
_LEADING = re.compile(r"[ \t]*")


class TextEdit(Struct, frozen=True):
    """Replace characters ``start:end`` of a file's text (a BOM counts as its first character)."""

    start: int
    end: int
    text: str


class FixError(Exception):
    """An edit that cannot be made on this file (its node is gone, the file cannot be edited)."""


def editable_text(file: JsonFile) -> str:
    """The text ``file``'s fixes edit (BOM included), or ``FixError`` when it must not be edited."""
    _editable(file)
    return (BOM if file.raw.startswith(b"\xef\xbb\xbf") else "") + file.source


def _editable(file: JsonFile) -> None:
    """``FixError`` when ``file`` must not be edited (asked once per edit: no copy of the text)."""
    bad = sorted(file.problem_kinds & UNEDITABLE)
    if not file.parsed or bad:
        raise FixError(f"{file.name} is not edited: {', '.join(bad) or 'it did not parse'}")


def resolve(fix: Fix, files: Mapping[str, JsonFile]) -> dict[str, list[TextEdit]]:
    """The text edits of ``fix``, file by file (``FixError`` when any edit cannot be made)."""
    out: dict[str, list[TextEdit]] = {}
    for edit in fix.edits:
        file = files.get(edit.location.file)
        if file is None:
            raise FixError(f"{edit.location.file} is not a JSON file of the package")
        _editable(file)
        shift = 1 if file.raw.startswith(b"\xef\xbb\xbf") else 0
        for t in _text_edits(edit, file):
            out.setdefault(file.name, []).append(TextEdit(t.start + shift, t.end + shift, t.text))
    for edits in out.values():
        edits.sort(key=lambda t: (t.start, t.end))
        if any(_overlap(a, b) for a, b in pairwise(edits)):
            raise FixError("the fix's own edits overlap")
    return out


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """``text`` with non-overlapping ``edits`` applied."""
    out, pos = [], 0
    for t in sorted(edits, key=lambda t: (t.start, t.end)):
        out.append(text[pos : t.start])
        out.append(t.text)
        pos = t.end
    out.append(text[pos:])
    return "".join(out)


def _overlap(a: TextEdit, b: TextEdit) -> bool:
    """Two edits touch the same characters, or insert at the same place (their order would matter)."""
    if a.start < b.end and b.start < a.end:
        return True
    return a.start == b.start and (a.start == a.end or b.start == b.end)


# -- one edit -> text edits (offsets in the file's text after any BOM) --------------------------
def _text_edits(edit: Edit, file: JsonFile) -> list[TextEdit]:
    src = file.source
    where = edit.location
    if edit.op == "bom":
        if not file.raw.startswith(b"\xef\xbb\xbf"):
            raise FixError("the file has no byte order mark")
        return [TextEdit(-1, 0, "")]  # the BOM stands just before the text as read
    if edit.op == "text":
        if not 0 <= edit.start <= edit.end <= len(src):
            raise FixError("the text edit is outside the file")
        return [TextEdit(edit.start, edit.end, str(edit.value))]
    pointer = where.pointer
    if pointer is None:
        raise FixError(f"a {edit.op} edit needs a pointer")
    tokens = jp.split(pointer)
    if edit.op == "add":
        return _add(file, tokens, edit.value)
    if not tokens:
        raise FixError("the document root cannot be removed or renamed")
    parent = file.members(jp.join("", *tokens[:-1]))
    if parent is None:
        raise FixError(f"{pointer} is not in the file")
    opening, closing, members = parent
    last = tokens[-1]
    keyed = file.member_keys(jp.join("", *tokens[:-1]))
    if keyed is None:
        hits = [int(last)] if last.isdigit() and int(last) < len(members) else []
    else:
        hits = keyed.get(last, [])
    if not hits:
        raise FixError(f"{pointer} is not in the file")
    if edit.op == "remove":
        return _remove(src, opening, closing, members, set(hits))
    if edit.op == "dedupe":
        if len(hits) < 2:
            raise FixError(f"{pointer} is not repeated")
        return _remove(src, opening, closing, members, set(hits[:-1]))
    member = members[hits[-1]]
    if edit.op == "replace":
        old = src[member.value_start : member.value_end]
        new = _render(edit.value, _line_indent(file, member.start), _unit(src), _newline(src), _key_separator(src, members))
        return [_minimal(member.value_start, old, new)]
    if edit.op == "rename":
        if member.key is None or not isinstance(edit.value, str):
            raise FixError("only an object member can be renamed")
        if keyed is None or edit.value in keyed:
            raise FixError(f"the object already has {edit.value!r}")
        end = _key_end(file, member)
        return [_minimal(member.start, src[member.start : end], json.dumps(edit.value, ensure_ascii=False))]
    raise FixError(f"unknown edit {edit.op!r}")


def _remove(src: str, opening: int, closing: int, members: list[Member], gone: set[int]) -> list[TextEdit]:
    """Remove the members at indexes ``gone``, each run of them with the comma that joins it."""
    n = len(members)
    if len(gone) == n:
        return [TextEdit(opening + 1, closing, "")]
    out = []
    order = sorted(gone)  # the runs, from these alone: a member removed from a long list costs no walk along it
    k = 0
    while k < len(order):
        i = j = order[k]
        while k + 1 < len(order) and order[k + 1] == j + 1:
            k += 1
            j += 1
        if j + 1 < n:  # up to the next kept member
            out.append(TextEdit(members[i].start, members[j + 1].start, ""))
        else:  # a run at the end: from just after the kept member before it
            out.append(TextEdit(members[i - 1].value_end, members[j].value_end, ""))
        k += 1
    return out


def _add(file: JsonFile, tokens: list[str], value: Any) -> list[TextEdit]:
    if not tokens:
        raise FixError("nothing to add at the document root")
    found = file.members(jp.join("", *tokens[:-1]))
    src = file.source
    if found is None or src[found[0]] != "{":
        raise FixError(f"{jp.join('', *tokens[:-1])} is not an object in the file")
    opening, closing, members = found
    key = tokens[-1]
    if key in (file.member_keys(jp.join("", *tokens[:-1])) or {}):
        raise FixError(f"the object already has {key!r}")
    unit, newline, sep = _unit(src), _newline(src), _key_separator(src, members)
    key_text = json.dumps(key, ensure_ascii=False)
    if not members:
        indent = _line_indent(file, opening)
        body = f"{newline}{indent}{unit}{key_text}{sep}{_render(value, indent + unit, unit, newline, sep)}{newline}{indent}"
        return [TextEdit(opening + 1, closing, body)]
    last = members[-1]
    if "\n" not in src[opening : members[0].start]:  # an object on one line: stay on it
        joiner = src[members[0].value_end : members[1].start] if len(members) > 1 else ", "
        compact = json.dumps(value, ensure_ascii=False, separators=(", ", sep))
        return [TextEdit(last.value_end, last.value_end, f"{joiner}{key_text}{sep}{compact}")]
    indent = _line_indent(file, members[0].start)
    return [TextEdit(last.value_end, last.value_end, f",{newline}{indent}{key_text}{sep}{_render(value, indent, unit, newline, sep)}")]


def _render(value: Any, indent: str, unit: str, newline: str, sep: str) -> str:
    """``value`` as JSON text, laid out like the file: nested lines indented from ``indent``."""
    if not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, ensure_ascii=False)
    text = json.dumps(value, ensure_ascii=False, indent=unit, separators=(",", sep))
    return text.replace("\n", newline + indent)


def _minimal(start: int, old: str, new: str) -> TextEdit:
    """The edit turning ``old`` (at ``start``) into ``new``, without the characters they share at either end."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    return TextEdit(start + head, start + len(old) - tail, new[head : len(new) - tail])


def _key_end(file: JsonFile, member: Member) -> int:
    end: int = json.decoder.scanstring(file.text, member.start + 1, False)[1]  # type: ignore[attr-defined]
    return end


def _line_indent(file: JsonFile, pos: int) -> str:
    """The indentation of the line holding ``pos``: its start from the file's line table, not
    searched for (one search per edit went back to the file's start on a file of one line)."""
    start = pos - file.position(pos)[1] + 1
    return _LEADING.match(file.source, start).group()  # type: ignore[union-attr]


@lru_cache(maxsize=4)  # once a text, not once an edit
def _unit(src: str) -> str:
    """The file's indentation step: the shortest indentation of its first lines (two spaces if none)."""
    best = None
    for line in src[:20000].split("\n")[1:200]:
        lead = _LEADING.match(line).group()  # type: ignore[union-attr]
        if lead and line.strip() and (best is None or len(lead) < len(best)):
            best = lead
    return best or "  "


@lru_cache(maxsize=4)  # a file of one line is searched to its end
def _newline(src: str) -> str:
    at = src.find("\n")
    return "\r\n" if at > 0 and src[at - 1] == "\r" else "\n"


def _key_separator(src: str, members: list[Member]) -> str:
    """What stands between a key and its value in this object (``": "`` when it has no member, or is an array)."""
    if not members or members[0].key is None:
        return ": "
    for m in members:
        if m.key is not None:
            gap = src[m.start : m.value_start]
            colon = gap.rfind(":")
            if colon >= 0:
                end = gap.rfind('"', 0, colon)
                return gap[end + 1 :] if end >= 0 else ": "
    return ": "


# -- a package, round after round -------------------------------------------------------------
class Dropped(Struct):
    """A fix that was not applied, and why."""

    finding: Finding
    reason: str


class FixResult(Struct):
    files: dict[str, bytes]  # every file of the package after fixing
    changed: list[str] = field(default_factory=list)  # the JSON files whose bytes changed
    fixed: Counter[str] = field(default_factory=Counter)  # rule id -> fixes applied
    fixed_findings: list[Finding] = field(default_factory=list)  # the findings those fixes were for
    dropped: list[Dropped] = field(default_factory=list)
    unsafe_left: int = 0  # findings whose fix is unsafe and was not applied (no --unsafe-fixes)
    remaining: list[Finding] = field(default_factory=list)  # findings of the last rule run
    kept: dict[str, list[int | None]] = field(default_factory=dict)  # edited file -> per line, the original line it keeps


Check = Callable[[dict[str, bytes]], tuple[dict[str, JsonFile], list[Finding]]]
"""Build the package from these files and run the rules: its JSON files and findings."""


def fix_files(files: dict[str, bytes], check: Check, *, unsafe: bool = False, rounds: int = MAX_ROUNDS) -> FixResult:
    """Apply the fixes of ``check``'s findings to ``files`` until none is left (or ``rounds`` ran)."""
    current = dict(files)
    result = FixResult(current)
    refused: set[tuple[str, str]] = set()  # (fingerprint, message) of fixes dropped for good
    for round_no in range(rounds + 1):
        json_files, findings = check(current)
        result.remaining = findings
        offered = [f for f in findings if f.fix is not None and (f.fingerprint, f.message) not in refused]
        result.unsafe_left = sum(1 for f in offered if f.fix is not None and f.fix.unsafe and not unsafe)
        wanted = sorted(
            (f for f in offered if f.fix is not None and (unsafe or not f.fix.unsafe)),
            key=lambda f: (f.fix is not None and f.fix.unsafe, f.sort_key()),
        )
        if not wanted:
            break
        if round_no == rounds:
            result.dropped.extend(Dropped(f, f"still not applied after {rounds} rounds") for f in wanted)
            break
        refused_before = len(refused)
        chosen = _choose(wanted, json_files, result, refused)
        applied = _apply_valid(chosen, json_files, current, result, refused)
        for f in applied:
            result.fixed[f.rule] += 1
            result.fixed_findings.append(f)
        if not applied and len(refused) == refused_before:
            break
    result.changed = sorted(name for name in current if current[name] != files.get(name))
    return result


def _choose(
    wanted: list[Finding], json_files: dict[str, JsonFile], result: FixResult, refused: set[tuple[str, str]]
) -> list[tuple[Finding, str, list[TextEdit]]]:
    """The fixes of one round: in order, each that overlaps none chosen before it (the rest wait).

    Two fixes overlap when their edits touch the same characters, or when both give one object
    the same key (renaming or adding it): each is valid alone, together a duplicate key. The
    first is applied; the other waits for the next round, where the key is there already.
    """
    chosen: list[tuple[Finding, str, list[TextEdit]]] = []
    taken: dict[str, _Taken] = {}
    claimed: set[tuple[str, int, str]] = set()  # (file, object's opening offset, key) given by a chosen fix
    for f in wanted:
        assert f.fix is not None
        try:
            name, edits = resolve_one(f.fix, json_files)
        except (FixError, ValueError, IndexError, RecursionError) as exc:
            result.dropped.append(Dropped(f, f"cannot be applied: {exc}"))
            refused.add((f.fingerprint, f.message))
            continue
        spans = taken.setdefault(name, _Taken())
        if any(spans.clashes(t) for t in edits):
            continue  # next round, on the new text
        keys = _new_keys(f.fix, json_files[name])
        if not keys.isdisjoint(claimed):
            continue  # next round: the key is there by then
        chosen.append((f, name, edits))
        claimed |= keys
        for t in edits:
            spans.add(t)
    return chosen


def _new_keys(fix: Fix, file: JsonFile) -> set[tuple[str, int, str]]:
    """The keys ``fix`` gives objects of ``file`` (renamed to, added): (file, object's opening offset, key)."""
    out = set()
    for edit in fix.edits:
        if edit.op not in ("rename", "add") or edit.location.pointer is None:
            continue
        tokens = jp.split(edit.location.pointer)
        key = edit.value if edit.op == "rename" else tokens[-1]
        found = file.members(jp.join("", *tokens[:-1]))
        if isinstance(key, str) and found is not None:
            out.add((file.name, found[0], key))
    return out


class _Taken:
    """The edits chosen in one file, sorted and apart: a new edit is checked against its two neighbours."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.edits: list[TextEdit] = []

    def clashes(self, t: TextEdit) -> bool:
        i = bisect_left(self.starts, t.start)
        return any(_overlap(t, self.edits[j]) for j in (i - 1, i) if 0 <= j < len(self.edits))

    def add(self, t: TextEdit) -> None:
        i = bisect_left(self.starts, t.start)
        self.starts.insert(i, t.start)
        self.edits.insert(i, t)


def resolve_one(fix: Fix, files: Mapping[str, JsonFile]) -> tuple[str, list[TextEdit]]:
    """The one file ``fix`` edits and its text edits (a fix edits one file)."""
    edits = resolve(fix, files)
    if len(edits) != 1:
        raise FixError("a fix must edit exactly one file")
    [(name, mine)] = edits.items()
    return name, mine


def _apply_valid(
    chosen: list[tuple[Finding, str, list[TextEdit]]],
    json_files: dict[str, JsonFile],
    current: dict[str, bytes],
    result: FixResult,
    refused: set[tuple[str, str]],
) -> list[Finding]:
    """Apply the chosen fixes file by file; a fix that would leave its file less valid is dropped.

    When a file's fixes together would leave it less valid, they are split in halves, in order
    (``_valid_together``): a half that keeps the file valid beside the fixes kept so far is kept
    whole, a half that does not is split again. A fix that fails on its own is dropped and
    reported; one that is valid alone but not beside the others waits for the next round. Each
    test parses the whole file, so finding a few culprits among thousands of fixes costs a few
    parses per culprit (its depth in the halving), not one parse per fix.
    """
    by_file: dict[str, list[tuple[Finding, list[TextEdit]]]] = {}
    for f, name, edits in chosen:
        by_file.setdefault(name, []).append((f, edits))
    done: list[Finding] = []
    for name, parts in by_file.items():
        old = json_files[name]
        text = editable_text(old)
        parts, failed = _valid_together(old, text, parts)
        for (f, mine), alone in failed:
            if alone or not keeps_valid(old, apply_edits(text, mine)):  # a culprit on its own: dropped for good
                result.dropped.append(Dropped(f, "dropped: the edited file would not be valid JSON"))
                refused.add((f.fingerprint, f.message))
        if not parts:
            continue
        edits = [t for _, mine in parts for t in mine]
        together = apply_edits(text, edits)
        current[name] = together.encode("utf-8")
        result.kept[name] = kept_lines(text, edits, together, result.kept.get(name))
        done.extend(f for f, _ in parts)
    return done


_Part = tuple[Finding, list[TextEdit]]


def _valid_together(old: JsonFile, text: str, parts: list[_Part]) -> tuple[list[_Part], list[tuple[_Part, bool]]]:
    """``parts`` split into the fixes kept (together they keep ``old`` valid) and those that failed,
    each with whether it failed alone (no fix was kept before it).

    Halving, in order: a group that keeps the file valid with the fixes kept before it is kept
    whole, one that does not is split in two; a single fix that does not is failed. The first fix
    valid alone is always kept (so each round applies at least one). All valid together: one parse.
    """
    kept: list[_Part] = []
    failed: list[tuple[_Part, bool]] = []
    todo = [parts]
    while todo:
        group = todo.pop()
        if keeps_valid(old, apply_edits(text, [t for _, mine in (*kept, *group) for t in mine])):
            kept.extend(group)
        elif len(group) == 1:
            failed.append((group[0], not kept))
        else:
            half = len(group) // 2
            todo += [group[half:], group[:half]]  # the first half first
    return kept, failed


def keeps_valid(old: JsonFile, text: str) -> bool:
    """The edited text parses, with no more defects of any kind than the file had."""
    new = JsonFile(old.name, text.encode("utf-8"))
    if not new.parsed:
        return False
    before = Counter(p.kind for p in old.problems)
    after = Counter(p.kind for p in new.problems)
    return all(after[k] <= before[k] for k in after)


def kept_lines(text: str, edits: list[TextEdit], new: str, kept: list[int | None] | None = None) -> list[int | None]:
    """For each line of ``new`` (``text`` with ``edits`` applied), the line of the original it is a copy of.

    ``kept`` says the same of ``text``'s lines (``None``: ``text`` is the original). A line is a
    copy when it lies in text no edit touched and starts and ends where a line of ``text`` did;
    any other line is ``None``. One pass over both texts: the edits of every round of a fix give
    the unified diff its alignment without searching for one (``unified_diff``).
    """
    old_lines = diff_lines(text)
    if kept is None:
        kept = list(range(len(old_lines)))
    old_starts = {start: i for i, start in enumerate(accumulate(map(len, old_lines), initial=0))}
    # the stretches of ``new`` copied from ``text``: (new start, new end, old start - new start)
    copied, pos, shift = [], 0, 0
    for t in sorted(edits, key=lambda t: (t.start, t.end)):
        copied.append((pos - shift, t.start - shift, shift))
        shift += (t.end - t.start) - len(t.text)
        pos = t.end
    copied.append((pos - shift, len(text) - shift, shift))
    out: list[int | None] = []
    i, start = 0, 0
    for line in diff_lines(new):
        end = start + len(line)
        while copied[i][1] < end and i + 1 < len(copied):
            i += 1
        lo, hi, off = copied[i]
        k = old_starts.get(start + off) if lo <= start and end <= hi else None
        out.append(kept[k] if k is not None and old_starts.get(end + off) == k + 1 else None)
        start = end
    return out


class _Aligned(difflib.SequenceMatcher[str]):
    """``difflib``'s opcodes and hunk grouping over matching blocks given, not searched for."""

    def __init__(self, blocks: list[difflib.Match]) -> None:
        super().__init__(None, (), ())
        self._blocks = blocks

    def get_matching_blocks(self) -> list[difflib.Match]:
        return self._blocks


def matching_blocks(old: list[str], new: list[str], kept: Sequence[int | None]) -> list[difflib.Match]:
    """The lines ``old`` and ``new`` share, as ``difflib`` would match them, in time linear in the edits.

    ``kept`` (``kept_lines``) already aligns every line no fix touched. Each changed stretch is
    matched by ``difflib`` on its own, in a window that reaches half way into the unchanged runs
    on either side: one change in a file gives exactly ``difflib``'s whole-file result, and
    thousands of scattered changes cost thousands of small matches, not one matcher that splits
    the whole file again at every change (the square of the lines).
    """
    runs: list[tuple[int, int, int]] = []  # (old start, new start, size) of the lines kept in order
    for j, k in enumerate(kept):
        if k is None:
            continue
        if runs and runs[-1][0] + runs[-1][2] == k and runs[-1][1] + runs[-1][2] == j:
            a, b, size = runs[-1]
            runs[-1] = (a, b, size + 1)
        else:
            runs.append((k, j, 1))
    cuts = [(0, 0)]
    for a, b, size in runs:
        if (a, b) == (0, 0) or (a + size, b + size) == (len(old), len(new)):
            continue  # the runs at the very start and end are matched inside the first and last window
        cuts.append((a + size // 2, b + size // 2))
    cuts.append((len(old), len(new)))
    blocks: list[difflib.Match] = []
    for (a0, b0), (a1, b1) in pairwise(cuts):
        for a, b, size in _window_blocks(old[a0:a1], new[b0:b1]):
            if not size:
                continue
            if blocks and blocks[-1].a + blocks[-1].size == a0 + a and blocks[-1].b + blocks[-1].size == b0 + b:
                blocks[-1] = difflib.Match(blocks[-1].a, blocks[-1].b, blocks[-1].size + size)
            else:
                blocks.append(difflib.Match(a0 + a, b0 + b, size))
    blocks.append(difflib.Match(len(old), len(new), 0))
    return blocks


MAX_CHANGED_PAIRS = 1_000_000
"""Past this many pairs of changed lines in one window (old times new, the lines both ends share
left out), the window is matched by those ends alone: ``difflib`` costs up to their product (a
fix that changes every line of 16,000 took minutes to show). The diff then replaces the middle
whole, still exact; no fix of the corpus comes near it."""


def _window_blocks(old: list[str], new: list[str]) -> list[difflib.Match]:
    """``difflib``'s matching blocks of one window, or its shared first and last lines alone when
    the lines between them would be more than ``MAX_CHANGED_PAIRS`` to compare."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if (len(old) - head - tail) * (len(new) - head - tail) <= MAX_CHANGED_PAIRS:
        return difflib.SequenceMatcher(None, old, new).get_matching_blocks()
    ends = [difflib.Match(0, 0, head)] if head else []
    if tail:
        ends.append(difflib.Match(len(old) - tail, len(new) - tail, tail))
    return [*ends, difflib.Match(len(old), len(new), 0)]


def line_matcher(old: list[str], new: list[str], kept: Sequence[int | None]) -> difflib.SequenceMatcher[str]:
    """A ``difflib`` matcher of ``old`` and ``new`` lines (``diff_lines``) whose matching blocks are
    ``matching_blocks``': its opcodes and hunks in time linear in the edits (the unified diff here,
    the editor's "fix all" edits)."""
    return _Aligned(matching_blocks(old, new, kept))


def unified_diff(name: str, before: bytes, after: bytes, kept: Sequence[int | None]) -> str:
    """A unified diff of one file (``--- name`` / ``+++ name``), marking a last line without newline.

    ``kept`` is the fix's own alignment of the lines (``FixResult.kept``); the hunks are
    ``difflib.unified_diff``'s, three lines of context.
    """
    old = diff_lines(before.decode("utf-8", "replace"))
    new = diff_lines(after.decode("utf-8", "replace"))
    out: list[str] = []
    for group in line_matcher(old, new, kept).get_grouped_opcodes(3):
        if not out:
            out += [f"--- {name}\n", f"+++ {name}\n"]
        (_, i1, _, j1, _), (_, _, i2, _, j2) = group[0], group[-1]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out += [" " + line for line in old[a1:a2]]
                continue
            out += ["-" + line for line in old[a1:a2]]
            out += ["+" + line for line in new[b1:b2]]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def _range(start: int, stop: int) -> str:
    """A hunk's line range as ``diff -u`` writes it (1-based start, length; an empty range names the line before)."""
    length = stop - start
    first = start + 1 if length else start
    return str(first) if length == 1 else f"{first},{length}"


def hunks(before: bytes, after: bytes, kept: Sequence[int | None]) -> str:
    """The ``@@`` hunks of ``unified_diff`` without its two header lines (what rule cases record)."""
    return "".join(diff_lines(unified_diff("", before, after, kept))[2:])


def diff_lines(text: str) -> list[str]:
    """``text``'s lines as ``diff`` and ``patch`` count them: each ends after a newline (``\\n``, so
    ``\\r\\n`` stays whole), the last may have none. Not ``str.splitlines``, which also ends a line at a
    lone ``\\r``, U+0085 or U+2028 (a JSON string may hold the last two as they are): the hunks'
    line numbers would then disagree with the file's, and a line would claim it had no newline."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def fix_package(package: ConnectorPackage, catalog: Catalog, settings: Settings, options: RunOptions, *, unsafe: bool = False) -> FixResult:
    """``fix_files`` on ``package``'s files, the package rebuilt from them and checked as a scan does."""
    from vetter.commands.scan import redact_result
    from vetter.engine.runner import run_rules
    from vetter.model.package import package_from_files

    def check(files: dict[str, bytes]) -> tuple[dict[str, JsonFile], list[Finding]]:
        again = package_from_files(
            package.name, files, origin=package.origin, kind=package.kind,
            load_problems=package.load_problems, roles=package.roles,
        )
        result = redact_result(run_rules(again, catalog, settings, options), again)
        return again.json_files, result.findings

    return fix_files(dict(package.files), check, unsafe=unsafe)


# -- on disk: `vetter fix PATHS` ----------------------------------------------------------
class FixRunError(Exception):
    """A fixed file could not be written (reported by the CLI as a tool error)."""


class FixRun(Struct):
    diff: str = ""  # unified diffs of every file that changed (or would change)
    notes: list[str] = field(default_factory=list)  # lines for stderr: skipped packages, dropped fixes, totals
    exit_code: int = 0


REWRITTEN_KINDS = ("folder", "swagger")


def run_fix(
    sources: Iterable[PackageSource], catalog: Catalog, settings: Settings, options: RunOptions, *, unsafe: bool, write: bool
) -> FixRun:
    """Fix each package source: write the changed files in place (``write``) or only diff them."""
    run = FixRun()
    fixed: Counter[str] = Counter()
    files = dropped = unsafe_left = 0
    diffs = []
    for source in sources:
        if source.kind not in REWRITTEN_KINDS:
            run.notes.append(f"vetter: {source.display}: not rewritten (vetter fix edits package folders and swagger files, not archives or solution exports)")
            continue
        package = source.load()
        result = fix_package(package, catalog, settings, options, unsafe=unsafe)
        for d in result.dropped:
            run.notes.append(f"vetter: {source.display}: {d.finding.rule} at {d.finding.location}: fix not applied: {d.reason}")
        dropped += len(result.dropped)
        unsafe_left += result.unsafe_left
        fixed.update(result.fixed)
        for name in result.changed:
            path = source.path / name if source.kind == "folder" else source.path
            diffs.append(unified_diff(str(path), package.files[name], result.files[name], result.kept[name]))
            files += 1
            if write:
                _write_in_place(path, package.files[name], result.files[name])
    run.diff = "".join(diffs)
    total = sum(fixed.values())
    per_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(fixed.items()))
    if total:
        verb = "fixed" if write else "would fix"
        run.notes.append(f"vetter: {verb} {total} finding(s) in {files} file(s) ({per_rule})")
    else:
        run.notes.append("vetter: nothing to fix")
    if unsafe_left:
        run.notes.append(f"vetter: {unsafe_left} more finding(s) have unsafe fixes (--unsafe-fixes applies them; review the diff)")
    if dropped:
        run.notes.append(f"vetter: {dropped} fix(es) could not be applied (listed above)")
    run.exit_code = 1 if (total and not write) or dropped else 0
    return run


def _write_in_place(path: Path, before: bytes, after: bytes) -> None:
    """Replace ``path``'s content atomically, keeping its mode; refuse links and files changed since read."""
    import os
    import stat

    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            raise FixRunError(f"{path}: not a regular file; vetter fix does not write through links")
        if path.read_bytes() != before:
            raise FixRunError(f"{path}: changed on disk while vetter fixed it; run vetter fix again")
        temp = path.with_name(f".{path.name}.vetter-fix-{os.getpid()}")
        try:
            with open(temp, "xb") as out:
                out.write(after)
            os.chmod(temp, stat.S_IMODE(info.st_mode))
            os.replace(temp, path)
        finally:
            if temp.exists():
                temp.unlink()
    except OSError as exc:
        raise FixRunError(f"{path}: {exc.strerror or exc}") from None
