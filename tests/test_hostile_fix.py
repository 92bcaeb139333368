"""`vetter fix` on a hostile publisher's packages: fixes valid alone but not together, and a fix
that breaks the file among thousands of good ones, cost time linear in the fixes and the file,
and every fix that clashes with nothing is applied. Part of the robustness suite
(docs/robustness.md): each case has a bound in CPU seconds of this process, several times what it
takes here, so a quadratic path fails while a busy machine does not.
"""

from __future__ import annotations

import json

from tests.test_pathological import CATALOG, SETTINGS, minimal_doc, timed
from vetter.base.rule import Edit, Fix, Location, Severity
from vetter.commands.fix import fix_files
from vetter.engine.cases import base_files
from vetter.engine.runner import Finding, run_rules
from vetter.model.jsonfile import JsonFile
from vetter.model.package import package_from_files

SWAGGER = "apiDefinition.swagger.json"


def misspelled(n: int, both: int) -> dict[str, bytes]:
    """``n`` operations with ``x-ms-visibilty``, then ``both`` more with it and ``x-ms-visiblity`` too."""
    doc = minimal_doc()
    for i in range(n + both):
        op = {"operationId": f"Op{i}", "summary": f"Get w{i}", "description": f"Gets w{i}.", "x-ms-visibilty": "advanced"}
        if i >= n:
            op["x-ms-visiblity"] = "advanced"
        doc["paths"][f"/w{i}"] = {"get": {**op, "responses": {"200": {"description": "ok"}}}}
    return {**base_files("minimal"), SWAGGER: json.dumps(doc, indent=1).encode()}


def xms003(files: dict[str, bytes]):
    package = package_from_files("p", files, kind="folder")
    return package.json_files, run_rules(package, CATALOG, SETTINGS, only=frozenset({"XMS003"})).findings


def test_two_renames_to_one_key_do_not_hold_back_a_thousand_others():
    """1,000 operations each with ``x-ms-visibilty`` (XMS003 renames it to ``x-ms-visibility``, an
    unsafe fix) and one with ``x-ms-visiblity`` beside it: each rename is valid alone, the two of the
    last operation together a duplicate key. The fixes of the file did not keep it valid together,
    so each was applied alone and the whole file parsed again (one parse per fix), and only the first
    was applied, the others left to the next round: 8 rounds, 8 fixes applied, 994 reported as
    not applied, 23 s a whole process (2,000: 100 s). Two fixes that give one object the same key now overlap:
    the first is applied, the other waits and is not offered again (the key is there)."""
    n = 1000
    result, seconds = timed(lambda: fix_files(misspelled(n, 1), xms003, unsafe=True))
    assert result.fixed == {"XMS003": n + 1}
    assert result.dropped == []
    [left] = result.remaining
    assert left.rule == "XMS003" and left.fix is None and left.pointer == f"/paths/~1w{n}/get/x-ms-visiblity"
    after = JsonFile(SWAGGER, result.files[SWAGGER])
    assert after.parsed and after.problems == ()
    assert after.data["paths"][f"/w{n}"]["get"]["x-ms-visibility"] == "advanced"
    assert all("x-ms-visibilty" not in item["get"] for item in after.data["paths"].values() if "get" in item)
    assert seconds < 4.0


def test_every_operation_with_two_renames_to_one_key():
    """400 operations each with both misspellings: 400 clashing pairs. Each round parsed the file
    once per fix (800) and applied one: 8 of 400 after 8 rounds, 9.6 s. Now one round applies the
    first rename of each operation; the second is then a finding with no fix (the key is there)."""
    n = 400
    result, seconds = timed(lambda: fix_files(misspelled(0, n), xms003, unsafe=True))
    assert result.fixed == {"XMS003": n}
    assert result.dropped == []
    assert len(result.remaining) == n and all(f.fix is None and f.pointer.endswith("/x-ms-visiblity") for f in result.remaining)
    assert JsonFile(SWAGGER, result.files[SWAGGER]).problems == ()
    assert seconds < 3.0


def breaking_check(n: int):
    """A file of ``n`` items ``{"v": 1}``, a finding per item still 1 (fix: make it 2), and one more
    whose fix breaks the JSON (a rule's bug), sorted among them."""

    def finding(pointer: str, message: str, fix: Fix) -> Finding:
        return Finding("ZZZ001", "z", (), "custom", Severity.WARNING, message, "", "a.json", pointer, None, None, message, fix=fix)

    def check(files: dict[str, bytes]):
        file = JsonFile("a.json", files["a.json"])
        out = [
            finding(f"/items/{i}/v", f"{i:05}", Fix("two", (Edit.replace(Location("a.json", f"/items/{i}/v"), 2),)))
            for i, item in enumerate(file.data["items"])
            if item["v"] == 1
        ]
        out.append(finding(f"/items/{n // 2}/v", f"{n // 2:05}b", Fix("break", (Edit.text("a.json", 0, 0, "]"),))))
        return {"a.json": file}, out

    items = ",\n".join('    {"v": 1}' for _ in range(n))
    return {"a.json": f'{{\n  "items": [\n{items}\n  ]\n}}\n'.encode()}, check


def test_one_fix_that_breaks_the_file_among_thousands():
    """4,000 fixes in one file and one (a rule's bug) that would break its JSON: the file was parsed
    again for each fix alone to find the culprit (4,001 parses of the file, 9 s). Now the fixes
    are halved, a half that keeps the file valid kept whole: a few parses per level of the halving."""
    n = 4000
    files, check = breaking_check(n)
    result, seconds = timed(lambda: fix_files(files, check))
    assert result.fixed == {"ZZZ001": n}
    assert [(d.finding.message, d.reason) for d in result.dropped] == [(f"{n // 2:05}b", "dropped: the edited file would not be valid JSON")]
    assert [item["v"] for item in JsonFile("a.json", result.files["a.json"]).data["items"]] == [2] * n
    assert seconds < 2.0


def test_fixes_valid_alone_but_not_together_wait_for_the_next_round():
    """The halving keeps, in order, every fix valid beside those kept before it; the rest wait."""
    base = '{"a": 1, "b": 2, "c": 3, "d": 4}'
    files = {"a.json": base.encode()}
    rounds = []

    def check(files: dict[str, bytes]):
        file = JsonFile("a.json", files["a.json"])
        rounds.append(file.data)
        out = []
        if "x" not in file.data:  # four fixes: "a" and "c" both rename to "x" (by raw text edits, which say no key)
            for key in "ac":
                at = base.index(f'"{key}"') + 1
                out.append(Finding("ZZZ001", "z", (), "custom", Severity.WARNING, key, "", "a.json", f"/{key}", None, None, key, fix=Fix("x", (Edit.text("a.json", at, at + 1, "x"),))))
        for key in "bd":
            if file.data.get(key) in (2, 4):
                out.append(Finding("ZZZ001", "z", (), "custom", Severity.WARNING, key, "", "a.json", f"/{key}", None, None, key, fix=Fix("n", (Edit.replace(Location("a.json", f"/{key}"), 0),))))
        return {"a.json": file}, out

    result = fix_files(files, check)
    assert rounds[1] == {"x": 1, "b": 0, "c": 3, "d": 0}  # "c" waited: valid alone, a duplicate beside "a"
    assert result.fixed == {"ZZZ001": 3}
    assert result.dropped == []


def test_a_fix_per_member_of_one_long_object_and_array():
    """8,000 keys of one object each written twice (JSN006 keeps the last copy: 8,000 dedupes) and
    an enum of one value 8,000 times (SWG037 removes each repeat). Each edit looked for its key
    along every member of the object and walked every member to find the runs it removes, and the
    file's defects (8,000 duplicate keys) were gathered again for each fix: 8,000 fixes times
    16,000 members and 8,000 times 8,000 items, 14.9 s (4,000: 3.4 s). Now an object's members are indexed by key once and a removal walks
    only its own members. (The diff of such a file is the rest of `vetter fix --diff`'s time: the
    whole stretch changes, and difflib matches it as one.)"""
    n = 8000
    doc = minimal_doc()
    doc["paths"]["/e"] = {"get": {"operationId": "E", "summary": "Get e", "description": "Gets e.",
                                  "parameters": [{"name": "q", "in": "query", "type": "string", "enum": ["a"] * n}],
                                  "responses": {"200": {"description": "ok"}}}}
    doc["definitions"] = {}
    text = json.dumps(doc, indent=1).replace('"definitions": {}', '"definitions": {' + ",".join(f'"D{i}": {{}}, "D{i}": {{}}' for i in range(n)) + "}")
    files = {**base_files("minimal"), SWAGGER: text.encode()}

    def check(files: dict[str, bytes]):
        package = package_from_files("p", files, kind="folder")
        return package.json_files, run_rules(package, CATALOG, SETTINGS, only=frozenset({"JSN006", "SWG037"})).findings

    result, seconds = timed(lambda: fix_files(files, check))
    assert result.fixed == {"JSN006": n, "SWG037": n - 1}
    assert result.dropped == [] and result.remaining == []
    after = JsonFile(SWAGGER, result.files[SWAGGER])
    assert after.problems == () and list(after.data["definitions"]) == [f"D{i}" for i in range(n)]
    assert after.data["paths"]["/e"]["get"]["parameters"][0]["enum"] == ["a"]
    assert seconds < 2.0


def test_a_diff_that_changes_every_line_of_a_long_stretch_is_written_in_linear_time():
    """A fix that changed every line of one long stretch (8,000 keys of ``definitions`` written twice:
    removing each first copy re-indents the next) left ``difflib`` one window of 16,000 old and 8,000
    new lines to match, most of a 10.8 s ``vetter fix --diff``. Past a million pairs of changed
    lines, the window is matched by the lines its ends share, and the middle is replaced whole."""
    from tests.fuzzlib import apply_unified
    from vetter.commands.fix import diff_lines, unified_diff

    head, tail = "{\n  \"definitions\": {\n", "  }\n}\n"
    before = head + "".join(f'    "D{i}": {{"type": "string"}},\n    "D{i}": {{"type": "integer"}},\n' for i in range(8_000)) + tail
    after = head + "".join(f'    "D{i}": {{"type": "integer"}},\n' for i in range(8_000)) + tail
    kept = [0, 1] + [None] * 8_000 + [16_002, 16_003]
    diff, seconds = timed(unified_diff, "a.json", before.encode(), after.encode(), kept)
    assert apply_unified(diff_lines(before), diff) == diff_lines(after)
    # the middle between the lines both ends share replaced whole (the +++ header is one "+")
    assert diff.count("\n-") == 15_999 and diff.count("\n+") == 7_999 + 1
    assert seconds < 2.0

