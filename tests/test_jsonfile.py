from __future__ import annotations

from vetter.jsonfile import JsonFile


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


def test_many_trailing_commas_are_bounded():
    body = b"[" + b"[1,]," * 500 + b"1]"
    f = JsonFile("m.json", body)
    assert not f.parsed or len(f.problems) <= 201
