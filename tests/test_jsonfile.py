from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vetter.model.jsonfile import JsonFile


def kinds(f: JsonFile) -> list[str]:
    return [p.kind for p in f.problems]


def test_clean_file_has_no_problems_and_locates_keys():
    f = JsonFile("a.json", b'{\n  "a": {\n    "b": [10, {"c": 1}]\n  },\n  "d~/": 2\n}')
    assert f.parsed and not f.problems
    assert f.locate("/a") == (2, 3)
    assert f.locate("/a/b/1/c") == (3, 16)
    assert f.locate("/d~0~1") == (5, 3)
    assert f.locate("") == (1, 1)


def test_missing_pointer_resolves_to_nearest_ancestor():
    f = JsonFile("a.json", b'{\n  "a": {\n    "b": 1\n  }\n}')
    assert f.locate("/a/missing/deeper") == f.position(f.text.index("{", 2))
    assert f.locate("/nope") == (1, 1)
    assert f.locate("not-a-pointer") == (1, 1)


def test_each_defect_is_reported_and_the_rest_is_read():
    raw = b'\xef\xbb\xbf{\n "a": [1, 2,],\n "b": "x\ty",\n "a": 3\n}'
    f = JsonFile("a.json", raw)
    assert f.parsed
    assert kinds(f) == ["bom", "trailing-comma", "control-character", "duplicate-key"]
    trailing = f.problems[1]
    assert (trailing.line, trailing.column) == (2, 12)
    assert f.data == {"a": 3, "b": "x y"}
    dup = f.problems[3]
    assert dup.pointer == "/a" and dup.line == 4


def test_lines_after_a_raw_newline_in_a_string_count_that_newline():
    # the repair turns the raw newline into a space; the file still has it, so later lines move down
    f = JsonFile("a.json", b'{\n "a": "x\ny",\n "b": 1,\n "c": {"d": 2}\n}\n')
    assert kinds(f) == ["control-character"] and f.data["a"] == "x y"
    assert f.locate("/b") == (4, 2)
    assert f.locate("/c/d") == (5, 8)


def test_positions_counted_before_the_line_table_agree_with_it():
    lines = [f'  "k{i}": {i},' for i in range(40)]
    raw = ("{\n" + "\n".join(lines) + '\n  "end": 0\n}').encode()
    counted = JsonFile("a.json", raw)
    order = [39, 3, 20, 0, 38, 7, 11, 2, 30, 25, 1, 36]  # out of order: counting starts from the nearest mark
    got = [counted.locate(f"/k{i}") for i in order]
    assert got == [(i + 2, 3) for i in order]


def test_prefetched_positions_count_a_repaired_raw_newline_and_carriage_returns():
    # prefetch counts the lines of all its pointers in one sweep, in the text as read (the raw newline kept)
    raw = b'{\n "a": "x\ny",\r\n "b": 1,\n "c": {"d": [2,\n 3]}, "e": "\xc3\xbc", "f": 0\n}\n'
    wanted = ["/f", "/c/d/1", "/b", "/c/d/0", "/a", "/e", "/c/d/9", ""]
    batched = JsonFile("a.json", raw)
    batched.prefetch(wanted)
    assert [batched.locate(p) for p in wanted] == [(6, 17), (6, 2), (4, 2), (5, 14), (2, 2), (6, 7), (5, 13), (1, 1)]
    assert batched.locate("/c/d/1") == JsonFile("a.json", raw).locate("/c/d/1")


def test_invalid_utf8_is_reported_at_its_byte():
    f = JsonFile("a.json", b'{"name":\n "Br\xf8nn"}')
    assert f.parsed and kinds(f) == ["invalid-utf8"]
    assert (f.problems[0].line, f.problems[0].column) == (2, 5)


def test_syntax_error_gives_line_and_column_and_no_data():
    f = JsonFile("a.json", b'{\n "a": 1\n "b": 2\n}')
    assert not f.parsed and f.data is None
    assert kinds(f) == ["syntax"] and (f.problems[0].line, f.problems[0].column) == (3, 2)
    assert f.locate("/a") == (1, 1)


def test_empty_utf16_and_deep_files_do_not_crash():
    assert kinds(JsonFile("e.json", b"   ")) == ["empty"]
    assert "encoding" in kinds(JsonFile("u.json", '{"a": 1}'.encode("utf-16")))
    deep = JsonFile("d.json", b"[" * 200_000 + b"]" * 200_000)
    assert not deep.parsed and kinds(deep) == ["too-deep"]


def test_many_trailing_commas_are_bounded_and_still_reported_as_a_syntax_error():
    """More defects than the repair limit: repairs stop, and the file gets a syntax error at
    the first defect left (JSN001), instead of nothing but trailing commas and no data."""
    from vetter.model.jsonfile import MAX_REPAIRS

    body = b"[" + b"[1,]," * 500 + b"1]"
    f = JsonFile("m.json", body)
    assert not f.parsed and f.data is None
    assert kinds(f) == ["trailing-comma"] * MAX_REPAIRS + ["syntax"]
    first_left = body.index(b",]", body.index(b",]") + 1 + 5 * (MAX_REPAIRS - 1)) + 1
    assert (f.problems[-1].line, f.problems[-1].column) == (1, first_left + 1)
    few = JsonFile("f.json", b"[" + b"[1,]," * 10 + b"1]")
    assert few.parsed and kinds(few) == ["trailing-comma"] * 10


def test_locate_agrees_with_the_text_for_random_documents():
    """Every pointer of random documents, formatted in random ways, lands on its key or value."""
    import json
    import random


    rng = random.Random(20261124)

    def value(depth):
        kind = rng.choice(["obj", "arr", "str", "num", "lit"] if depth < 5 else ["str", "num", "lit"])
        if kind == "obj":
            return {rng.choice(["a", "b/c", "d~e", "ü", "x y", "$ref", ""]) + str(i): value(depth + 1) for i in range(rng.randint(0, 4))}
        if kind == "arr":
            return [value(depth + 1) for _ in range(rng.randint(0, 4))]
        if kind == "str":
            return rng.choice(["", "plain", 'q"uote', "line\nbreak", "ünï"])
        return rng.choice([0, -1.5, 12345, True, False, None]) if kind == "lit" else rng.randint(-99, 99)

    for _ in range(60):
        doc = {"root": value(0)}
        text = json.dumps(doc, indent=rng.choice([None, 1, 2, 4, "\t"]), ensure_ascii=rng.random() < 0.5)
        f = JsonFile("r.json", text.encode())
        offsets = [0]
        for line_text in f.text.split("\n"):
            offsets.append(offsets[-1] + len(line_text) + 1)
        for pointer, node in _walk(doc, ""):
            line, column = f.locate(pointer)
            at = f.text[offsets[line - 1] + column - 1 :]
            if pointer and isinstance(_parent_of(doc, pointer), dict):  # a member: its key
                key = pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
                assert json.decoder.scanstring(at, 1)[0] == key, (pointer, at[:30])  # type: ignore[attr-defined]
            else:  # the root or an array item: its value
                assert json.JSONDecoder().raw_decode(at)[0] == node, (pointer, at[:30])


def _parent_of(doc, pointer):
    from vetter.base.pointer import parent, resolve

    return resolve(doc, parent(pointer))


def test_prefetch_then_locate_gives_the_positions_locate_alone_gives():
    """Batch indexing (the engine prefetches every finding's pointer) changes no position."""
    import json
    import random


    rng = random.Random(20261202)

    def value(depth):
        if depth > 4 or rng.random() < 0.3:
            return rng.choice(["s", 1, None, "a\nb", 2.5])
        if rng.random() < 0.5:
            return [value(depth + 1) for _ in range(rng.randint(0, 4))]
        return {rng.choice(["a", "b/c", "d~e", "ü"]) + str(i): value(depth + 1) for i in range(rng.randint(0, 4))}

    raws = [b'{\n "a": [1, 2,],\n "a": {"b": [3, {"c": 4}]},\n "z": 1\n}', b'{"a": {"b": [1, 2', b"[1, [2, [3]]]"]
    for _ in range(40):
        doc = {"root": value(0), "other": value(1)}
        raws.append(json.dumps(doc, indent=rng.choice([None, 1, 2])).encode())
    for raw in raws:
        try:
            doc = json.loads(raw)
        except ValueError:
            doc = {}
        wanted = [p for p, _ in _walk(doc, "")] + ["/missing/x", "/a/b/1/c", "/0/1/0", "bad"]
        rng.shuffle(wanted)
        for subset in (wanted, wanted[: len(wanted) // 3], wanted[:3]):
            alone = JsonFile("r.json", raw)
            batched = JsonFile("r.json", raw)
            batched.prefetch(subset)
            assert [batched.locate(p) for p in wanted] == [alone.locate(p) for p in wanted], (raw[:60], subset)


def _walk(node, where):
    """``(pointer, value)`` for ``node`` and everything below it."""
    from vetter.base.pointer import join

    yield where, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, join(where, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, join(where, i))


def test_pointer_at_names_the_innermost_value_or_key_holding_an_offset():
    text = '{\n  "a": {\n    "b": [10, {"c": "secret"}]\n  },\n  "d~/": 2\n}'
    f = JsonFile("a.json", text.encode())
    assert f.pointer_at(text.index("secret")) == "/a/b/1/c"
    assert f.pointer_at(text.index("10")) == "/a/b/0"
    assert f.pointer_at(text.index('"c"')) == "/a/b/1/c"  # inside the key itself
    assert f.pointer_at(text.index("2\n}")) == "/d~0~1"
    assert f.pointer_at(0) == ""


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from([1.0, 0.0, -0.0, float("nan")]) | st.sampled_from(["", "a", "1"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
    max_leaves=6,
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_JSON_VALUES, min_size=2, max_size=4))
def test_a_repeated_key_s_values_are_the_same_exactly_when_their_sorted_texts_are(values):
    """``_same_values`` (types and sizes first, texts until two differ) says what comparing every
    value's canonical text says: 1, 1.0 and true kept apart, key order ignored."""
    from vetter.model.jsonfile import _canonical, _same_values

    assert _same_values(values) == (len({_canonical(v) for v in values}) == 1)


_KEYS = st.text(st.sampled_from(["a", "b", "/", "~", "0", "1", '"', "\\", "é", "\n", "\x01", "\u2028", "\U0001f600", " "]), max_size=4)
_PAIRS = st.recursive(  # a JSON value, objects as lists of pairs so that a key may repeat
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=False) | st.sampled_from([float("nan"), float("inf")]) | _KEYS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(st.lists(st.tuples(_KEYS, inner), max_size=4)),
    max_leaves=25,
)
_SPACES = ["", "", "", " ", "\n", "\r\n", "\t", "\n    ", " \n\t "]


def _write(value, rng, ascii_only):
    """A JSON text of ``value`` (``_PAIRS``) with random whitespace around every token."""
    import json

    def ws():
        return rng.choice(_SPACES)

    if isinstance(value, tuple):
        members = [json.dumps(k, ensure_ascii=ascii_only) + ws() + ":" + ws() + _write(v, rng, ascii_only) for k, v in value[0]]
        return "{" + ws() + (ws() + "," + ws()).join(members) + ws() + "}"
    if isinstance(value, list):
        return "[" + ws() + (ws() + "," + ws()).join(_write(v, rng, ascii_only) for v in value) + ws() + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def _pointers(value, where=""):
    from vetter.base.pointer import join

    yield where
    if isinstance(value, tuple):
        for k, v in value[0]:
            yield from _pointers(v, join(where, k))
        yield join(where, "missing")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _pointers(v, join(where, i))
        yield from (join(where, t) for t in ("01", "-1", str(len(value)), "x"))


@settings(max_examples=400, deadline=None)
@given(_PAIRS, st.integers(0, 2**32), st.booleans(), st.booleans(), st.integers(0, 3))
def test_prefetched_positions_are_those_of_locate_on_any_text(value, seed, ascii_only, escape_slashes, passes):
    """Whatever the whitespace, escapes (``\\/`` too), repeated keys, numbers and literals, and in
    however many batches the pointers come, ``prefetch`` then ``locate`` gives what ``locate`` alone
    gives, for every pointer into the text, to a missing member, and to a missing or odd item."""
    import random

    rng = random.Random(seed)
    text = _write(value, rng, ascii_only)
    if escape_slashes:  # outside strings a JSON text has no "/": every one is in a string, escaped the same
        text = text.replace("/", "\\/")
    raw = text.encode("utf-8", "surrogatepass")
    wanted = [*dict.fromkeys(_pointers(value)), "bad", "/missing/x"]
    rng.shuffle(wanted)
    alone = JsonFile("r.json", raw)
    batched = JsonFile("r.json", raw)
    cut = sorted(rng.randrange(len(wanted) + 1) for _ in range(passes))
    for start, end in zip([0, *cut], [*cut, len(wanted)], strict=True):
        batched.prefetch(wanted[start:end] + wanted[: rng.randrange(start + 1)])
    assert [batched.locate(p) for p in wanted] == [alone.locate(p) for p in wanted], text


@settings(max_examples=300, deadline=None)
@given(_PAIRS, st.integers(0, 2**32), st.sampled_from(["\n", "\r\n", "\r\r\n", "\r"]), st.booleans(), st.integers(0, 4))
def test_lines_around_a_prefetched_line_are_those_of_the_split_text(value, seed, newline, final, context):
    """The lines ``lines_around`` slices around a line ``prefetch`` counted are the lines the whole text
    split by ``text_lines`` gives there (newlines of each kind, one CR dropped before a LF only, a final
    newline or none, near the first and last lines), and a line it did not count gives None."""
    import random

    from vetter.model.package import text_lines

    rng = random.Random(seed)
    text = _write(value, rng, True).replace("\n", newline) + (newline if final else "")
    file = JsonFile("r.json", text.encode())
    if not file.parsed:  # a lone CR between tokens is JSON whitespace, but keep to what parses
        return
    file.prefetch(list(dict.fromkeys(_pointers(value))))
    lines = text_lines(text)
    counted = sorted(file._starts)
    for line in counted:
        first = max(1, line - context)
        assert file.lines_around(line, context) == (first, lines[first - 1 : line + context]), (text, line)
    assert file.lines_around(len(lines) + 5, context) is None


_ESCAPE_PIECES = st.sampled_from(
    ["\\ud800", "\\uDBFF", "\\udc00", "\\uDFFF", "\\ud83d\\ude00", "\\u0041", "\\\\", "\\\\ud800", "\\n", "\\\"", "a", " ", "u", "d800", "\\"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_ESCAPE_PIECES, max_size=8).map("".join), min_size=1, max_size=4))
def test_lone_surrogates_are_the_surrogates_the_decoder_leaves(strings):
    r"""A text with no backslash is passed over at once; with one, the lone surrogates (a high half
    with no low after it, a low half alone, one after an escaped backslash, a proper pair) are the
    surrogate characters the JSON decoder leaves in the strings, in order, each at its escape."""
    import json

    text = "[" + ", ".join(f'"{s}"' for s in strings) + "]"
    file = JsonFile("s.json", b"[]")
    file._source = text  # positions count lines in the text as read (one line here)
    found = file._lone_surrogates(text)
    codes = [p.message.split("'")[1] for p in found]
    try:
        decoded = json.loads(text, strict=False)
    except json.JSONDecodeError:  # a lone backslash before the closing quote: no JSON text
        return
    assert [c.lower() for c in codes] == [f"\\u{ord(c):04x}" for s in decoded for c in s if 0xD800 <= ord(c) <= 0xDFFF], text
    assert [text[p.column - 1 : p.column + 5] for p in found] == codes
    assert all(p.line == 1 for p in found)
    if "\\" not in text:
        assert found == []


def test_lone_surrogates_in_a_file_with_and_without_a_backslash():
    plain = JsonFile("a.json", b'{"a": "ud800", "b": [1, 2]}')
    assert plain.problems == ()
    lone = JsonFile("a.json", b'{"a": "x",\n "b": "\\\\ud800 \\ud800 \\ud83d\\ude00 \\udc00"}')
    assert [(p.kind, p.line, p.column) for p in lone.problems] == [("lone-surrogate", 2, 16), ("lone-surrogate", 2, 36)]


def test_a_second_prefetch_counts_from_the_lines_the_first_counted():
    """The findings' pointers, then the evidence's (before, between and after them, on lines the
    first batch counted and on others): each at the line and column the whole text gives."""
    members = [f'"m{i}": {{"a": {i}, "c": 0,\r\n  "b": [1,\n 2]}}' for i in range(30)]
    text = "{\n" + ",\n\n".join(members) + "\n}\n"
    first = [f"/m{i}/{k}" for i in range(5, 30, 7) for k in ("c", "b/1")]
    then = [f"/m{i}/{k}" for i in range(30) for k in ("a", "b", "b/0")] + first[:2]
    batched = JsonFile("r.json", text.encode())
    batched.prefetch(first)
    batched.prefetch(then)
    for pointer in [*first, *then]:
        assert batched.locate(pointer) == JsonFile("r.json", text.encode()).locate(pointer), pointer
    # member i starts on line 2 + 4 i: "a" on it, "b" and its first item on the next
    assert [batched.locate(p) for p in ("/m0/a", "/m29/b/0", "/m12/b/1")] == [(2, 8), (119, 9), (52, 2)]


@settings(max_examples=300, deadline=None)
@given(_PAIRS, st.integers(0, 2**32), st.integers(1, 3))
def test_prefetch_leaves_pointer_at_and_the_spans_as_a_fresh_file_has_them(value, seed, passes):
    """``prefetch`` and the fixes' and the secret scan's readers share the containers' indexes and ends:
    after any batches of pointers (repeated keys too), ``pointer_at`` of every offset and ``members`` and
    ``span`` of every pointer are those of a file never prefetched (a guard for any prefetch that reads
    a container only in part)."""
    import random

    rng = random.Random(seed)
    text = _write(value, rng, True)
    raw = text.encode()
    wanted = [*dict.fromkeys(_pointers(value))]
    batched = JsonFile("r.json", raw)
    for _ in range(passes):
        batched.prefetch(rng.sample(wanted, min(len(wanted), rng.randint(1, 3))))
    fresh = JsonFile("r.json", raw)
    assert [batched.pointer_at(i) for i in range(len(text))] == [fresh.pointer_at(i) for i in range(len(text))], text
    fresh = JsonFile("r.json", raw)
    assert [batched.members(p) for p in wanted] == [fresh.members(p) for p in wanted], text
    assert [batched.span(p) for p in wanted] == [fresh.span(p) for p in wanted], text


def _read(raw, hooked):
    """``JsonFile`` of ``raw``; ``hooked``: read as before msgspec's path, by the standard decoder
    with its hooks always. Both at the same depth of the stack (the deepest text read depends on it)."""
    import contextlib
    from unittest import mock

    from vetter.model import jsonfile

    with mock.patch.object(jsonfile, "_plain_parse", lambda *_: jsonfile._NOT_PLAIN) if hooked else contextlib.nullcontext():
        return JsonFile("a.json", raw)


def _same_reading(raw):
    import json

    fast, hooked = _read(raw, False), _read(raw, True)
    assert (fast.parsed, fast.problems, fast.text) == (hooked.parsed, hooked.problems, hooked.text)
    assert repr(fast.data) == repr(hooked.data)
    assert json.dumps(fast.data) == json.dumps(hooked.data)  # key order, 1 against 1.0, -0.0
    return fast


_COLON_KEYS = st.text(st.sampled_from(["a", "b", ":", '"', "\\", "é", "\x01", "\ud800", "\U0001f600"]), max_size=3)
_COLON_PAIRS = st.recursive(  # as ``_PAIRS``, with colons in keys and strings and the literals msgspec refuses
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats() | st.sampled_from(["LONG", "1e400", "-0", "1E2"]) | _COLON_KEYS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(st.lists(st.tuples(_COLON_KEYS, inner), max_size=4)),
    max_leaves=25,
)


def _write_colons(value, rng):
    """A JSON text of ``value`` (``_COLON_PAIRS``), each string's colons escaped (``\\u003a``,
    ``\\u003A``) or not at random, numbers given as strings written bare (``LONG``: 4,400 digits)."""
    import json

    def string(s):
        text = json.dumps(s)
        return text.replace(":", rng.choice([":", "\\u003a", "\\u003A"])) if rng.random() < 0.5 else text

    if isinstance(value, tuple):
        members = [string(k) + rng.choice(["", " "]) + ":" + _write_colons(v, rng) for k, v in value[0]]
        return "{" + ",\n".join(members) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_write_colons(v, rng) for v in value) + "]"
    if isinstance(value, str):
        return "1" * 4400 if value == "LONG" else value if value in ("1e400", "-0", "1E2") else string(value)
    return json.dumps(value)


@settings(max_examples=600, deadline=None)
@given(_COLON_PAIRS, st.integers(0, 2**32), st.booleans())
def test_a_text_read_by_msgspec_reads_as_the_hooked_decoder_reads_it(value, seed, bom):
    """The plain texts msgspec reads give the data and problems of ``json.loads`` with the hooks
    (repeated keys, escaped colons beside them, NaN, infinities, long integers, lone surrogates)."""
    import random

    text = _write_colons(value, random.Random(seed))
    _same_reading((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass"))


def test_a_repeated_key_beside_an_escaped_colon_is_still_found():
    """The colon counts agree here (three in the text, three written back: one an escape decoded),
    so such a text is read with the hooks."""
    f = _same_reading(b'{"a": 1, "a": 2, "b": "\\u003a"}')
    assert kinds(f) == ["duplicate-key"] and f.data == {"a": 2, "b": ":"}
    assert kinds(_same_reading(b'{"a": 1, "b": ":", "b": "\\u003A"}')) == ["duplicate-key"]
    assert _same_reading(b'{"a": "\\u003a"}').data == {"a": ":"}


def test_a_text_nested_to_the_decoder_s_edge_is_too_deep_for_both_readings():
    """msgspec alone nests a few levels deeper than ``json.loads`` with hooks: a text just too deep
    for the hooked decoder stays a ``too-deep`` problem, one just inside it is read."""

    def parses(depth, shape):
        opener, closer, middle = shape
        return _read((opener * depth + middle + closer * depth).encode(), True).parsed

    for shape in (("[", "]", ""), ('{"a":', "}", "1"), ('[{"a":', "}]", "{}")):
        lo, hi = 1, 20_000  # the deepest text the hooked decoder reads here
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if parses(mid, shape) else (lo, mid - 1)
        for depth in range(lo - 3, lo + 12):
            f = _same_reading((shape[0] * depth + shape[2] + shape[1] * depth).encode())
            assert f.parsed == (depth <= lo)
            assert kinds(f) == ([] if depth <= lo else ["too-deep"])
