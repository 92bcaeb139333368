"""`vetter lsp` as an editor runs it: a subprocess spoken to in LSP over stdio (tests/lspwire.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.bench_lsp import measure, measure_burst
from tests.lspwire import LspClient
from vetter.engine.cases import fixtures_dir
from vetter.engine.catalog import discover
from vetter.engine.runner import run_rules
from vetter.engine.settings import Settings
from vetter.model.package import package_from_files

ENCODING = '"x-ms-url-encoding": "single",\n            '
SECRET = "AKIAXLIHHG8U3Y4568M8"


def _package(tmp_path: Path, secret: bool = False, name: str = "widgets") -> tuple[Path, str]:
    """The minimal package with a path parameter lacking x-ms-url-encoding (SWG026, safe fix) and uniqueItems (SWG040)."""
    root = tmp_path / name
    shutil.copytree(fixtures_dir() / "packages" / "minimal", root)
    swagger = root / "apiDefinition.swagger.json"
    text = swagger.read_text()
    assert ENCODING in text
    text = text.replace(ENCODING, "", 1)
    text = text.replace('"value": {"type": "array", ', '"value": {"type": "array", "uniqueItems": true, ', 1)
    if secret:
        text = text.replace('"The identifier of the widget."', f'"The identifier of the widget (uploads use {SECRET})."', 1)
    swagger.write_text(text)
    return root, text


def _at(text: str, needle: str, shift: int = 0) -> dict[str, int]:
    offset = text.index(needle) + shift
    return {"line": text.count("\n", 0, offset), "character": offset - (text.rfind("\n", 0, offset) + 1)}


def _apply(text: str, edits: list[dict]) -> str:
    def offset(pos: dict[str, int]) -> int:
        starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        return starts[pos["line"]] + pos["character"]

    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True):
        text = text[: offset(edit["range"]["start"])] + edit["newText"] + text[offset(edit["range"]["end"]) :]
    return text


def _codes(text: str) -> list[str]:
    catalog = discover(entry_points=False)
    files = {p.name: p.read_bytes() for p in (fixtures_dir() / "packages" / "minimal").iterdir()}
    files["apiDefinition.swagger.json"] = text.encode()
    result = run_rules(package_from_files("widgets", files, kind="folder"), catalog, Settings().bind(catalog))
    return sorted(f.rule for f in result.findings)


def test_diagnostics_hover_and_code_actions_over_stdio(tmp_path):
    root, text = _package(tmp_path)
    uri = (root / "apiDefinition.swagger.json").resolve().as_uri()
    client = LspClient()
    try:
        capabilities = client.initialize(root)["capabilities"]
        assert capabilities["hoverProvider"] is True
        assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix", "source.fixAll"]

        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}})
        diagnostics, _ = client.diagnostics(uri)
        got = sorted((d["code"], d["severity"], d["range"]["start"]["line"], d["range"]["start"]["character"], d["range"]["end"]["line"], d["range"]["end"]["character"], d["data"]["fix"]) for d in diagnostics)
        param = _at(text, '{\n            "name": "widgetId"')  # the parameter that lacks the key: its opening brace
        unique = _at(text, '"uniqueItems"')
        assert got == [
            ("SWG026", 3, param["line"], param["character"], param["line"], param["character"] + 1, "safe"),
            ("SWG040", 3, unique["line"], unique["character"], unique["line"], unique["character"] + len('"uniqueItems"'), "safe"),
        ]
        assert all(d["source"] == "vetter" for d in diagnostics)

        # the unsaved text counts: putting the encoding back clears SWG026 (a full-text change) ...
        fixed = text.replace('"type": "string",\n            "x-ms-summary": "Widget ID"', '"type": "string",\n            "x-ms-url-encoding": "single",\n            "x-ms-summary": "Widget ID"', 1)
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
        assert [d["code"] for d in client.diagnostics(uri)[0]] == ["SWG040"]
        # ... and an incremental change that removes it again brings it back
        start, end = _at(fixed, '"x-ms-url-encoding"'), _at(fixed, '"x-ms-summary": "Widget ID"')
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"range": {"start": start, "end": end}, "text": ""}]})
        diagnostics, _ = client.diagnostics(uri)
        assert sorted(d["code"] for d in diagnostics) == ["SWG026", "SWG040"]
        swg026 = next(d for d in diagnostics if d["code"] == "SWG026")

        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": swg026["range"]["start"]})
        value = hover["contents"]["value"]
        assert value.startswith("**SWG026** url-encoding (info)\n\nPathParameterMissingEncoding: path parameter 'widgetId'")
        assert "Fix (safe): Add \"x-ms-url-encoding\": \"single\"" in value and "\n## Why\n" in value

        actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": swg026["range"], "context": {"diagnostics": [swg026]}})
        assert [(a["title"], a["kind"], a.get("isPreferred")) for a in actions] == [
            ('Add "x-ms-url-encoding": "single" (SWG026)', "quickfix", True),
            ("Fix all safe problems (vetter)", "source.fixAll", None),
        ]
        assert actions[0]["diagnostics"][0]["code"] == "SWG026"
        after_one = _apply(text, actions[0]["edit"]["changes"][uri])
        assert _codes(after_one) == ["SWG040"]  # the quick fix removes its finding and nothing else
        assert after_one.replace(',\n            "x-ms-url-encoding": "single"', "", 1) == text  # one insertion, every other byte kept
        after_all = _apply(text, actions[1]["edit"]["changes"][uri])
        assert _codes(after_all) == []

        # the author applies "fix all" and saves: the package is clean; closed, it is read from disk again
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": after_all}]})
        assert client.diagnostics(uri)[0] == []
        (root / "apiDefinition.swagger.json").write_text(after_all)
        client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        assert client.diagnostics(uri)[0] == []
        (root / "apiDefinition.swagger.json").write_text(text)  # changed on disk behind the editor's back
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert sorted(d["code"] for d in client.diagnostics(uri)[0]) == ["SWG026", "SWG040"]
    finally:
        assert client.close() == 0


def _opened(tmp_path: Path, config: str, secret: bool = False) -> tuple[LspClient, str, str, list[dict]]:
    """A server with the package's swagger open, its vetter.toml being ``config``: client, URI, text, diagnostics."""
    root, text = _package(tmp_path, secret=secret)
    (root / "vetter.toml").write_text(config)
    uri = (root / "apiDefinition.swagger.json").resolve().as_uri()
    client = LspClient()
    client.initialize(root)
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}})
    return client, uri, text, client.diagnostics(uri)[0]


def test_the_package_config_applies_and_secrets_stay_redacted(tmp_path):
    client, uri, text, diagnostics = _opened(tmp_path, 'ignore = ["SWG040"]\n', secret=True)
    try:
        assert sorted(d["code"] for d in diagnostics) == ["CRD001", "SWG026"]  # SWG040 ignored by vetter.toml
        secret = next(d for d in diagnostics if d["code"] == "CRD001")
        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": secret["range"]["start"]})
        assert "[redacted" in hover["contents"]["value"]
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": text.count("\n"), "character": 0}}
        actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": diagnostics}})
        # the quick fix inserts after the description and carries no secret; "fix all" would resend that line: not offered
        assert [a["title"] for a in actions] == ['Add "x-ms-url-encoding": "single" (SWG026)']
    finally:
        client.close()
    assert SECRET.encode() not in client.raw_bytes
    assert SECRET[:8].encode() not in client.raw_bytes


def test_the_latency_script_measures_edits_of_a_package(tmp_path):
    root, _ = _package(tmp_path)
    figures = measure(root, edits=3)
    assert figures["package"] == "widgets" and figures["edits"] == 3 and figures["diagnostics"] == 2
    # a generous bound on a shared machine: the target (0.2 s for a median package) is bench/bench_lsp.py's to show
    assert 0 < figures["median_s"] <= figures["max_s"] < 5
    burst = measure_burst(root, edits=5, rounds=2)
    assert (burst["edits_per_burst"], burst["publishes_per_burst"]) == (5, [1, 1])
    assert 0 < burst["median_s"] < 5


def test_a_config_that_does_not_load_is_shown_and_the_defaults_apply(tmp_path):
    client, _, _, diagnostics = _opened(tmp_path, 'colour = "blue"\n')
    try:
        assert sorted(d["code"] for d in diagnostics) == ["SWG026", "SWG040"]
        shown = [n["params"] for n in client.notifications if n["method"] == "window/showMessage"]
        assert len(shown) == 1 and shown[0]["type"] == 2 and "colour" in shown[0]["message"] and "default settings" in shown[0]["message"]
    finally:
        assert client.close() == 0


def test_a_whole_file_selection_gets_at_most_fifty_quick_fixes_and_fix_all(tmp_path):
    """Each quick fix is checked by parsing the file it edits: a selection of a whole file of 300
    fixable findings asked for 300 parses (2,000: 19 s). The first 50, then "fix all", which fixes
    all 300."""
    from tests.test_hostile import _scattered_fixes
    from vetter.commands.lsp import MAX_QUICK_FIXES

    root = tmp_path / "many"
    root.mkdir()
    for name, data in _scattered_fixes(300).items():
        (root / name).write_bytes(data)
    text = (root / "apiDefinition.swagger.json").read_text()
    uri = (root / "apiDefinition.swagger.json").resolve().as_uri()
    client = LspClient()
    try:
        client.initialize(root)
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}})
        diagnostics, _ = client.diagnostics(uri)
        fixable = [d for d in diagnostics if d["data"].get("fix") == "safe"]
        assert len(fixable) == 300
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": text.count("\n") + 1, "character": 0}}
        actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": diagnostics}})
        quick = [a for a in actions if a["kind"] == "quickfix"]
        assert MAX_QUICK_FIXES == 50 and len(quick) == 50
        assert [a["diagnostics"][0]["range"]["start"]["line"] for a in quick] == sorted(d["range"]["start"]["line"] for d in fixable)[:50]
        [everything] = [a for a in actions if a["kind"] == "source.fixAll"]
        after = _apply(text, everything["edit"]["changes"][uri])
        assert after.count('"x-ms-url-encoding"') == 1  # the one path parameter that keeps it
        again = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": diagnostics}})
        assert again == actions  # the same answer, "fix all" worked out once for this check
    finally:
        assert client.close() == 0


def test_diagnostics_go_to_the_uri_the_editor_spelled(tmp_path):
    """pygls keys open documents by their URI unquoted: a package folder with a space (as most of
    the corpus's are named) got its findings published under ``my widgets`` and an empty list under
    the ``my%20widgets`` the editor had opened, which it showed."""
    root, text = _package(tmp_path, name="Acme's widgets")
    uri = (root / "apiDefinition.swagger.json").resolve().as_uri()
    assert "Acme%27s%20widgets" in uri
    client = LspClient()
    try:
        client.initialize(root)
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}})
        assert sorted(d["code"] for d in client.diagnostics(uri)[0]) == ["SWG026", "SWG040"]
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})  # every publish of that check is in
        assert [n["params"]["uri"] for n in client.notifications if n["method"] == "textDocument/publishDiagnostics"] == [uri]
        assert client.publishes(uri)[0].get("version") == 1
    finally:
        assert client.close() == 0


BURST = 20


def test_a_burst_of_changes_is_checked_once_for_its_last_text(tmp_path):
    """An editor sends a change per keystroke. Each used to be checked in turn (20 publishes, the
    last edit's diagnostics after 20 checks); now the changes that come within ``QUIET_S`` of each
    other are one check of the latest text, published with its version."""
    from vetter.commands.lsp import QUIET_S

    client, uri, text, diagnostics = _opened(tmp_path, "")
    try:
        assert sorted(d["code"] for d in diagnostics) == ["SWG026", "SWG040"]
        assert 0.1 <= QUIET_S <= 0.3
        fixed = text.replace('"x-ms-summary": "Widget ID"', '"x-ms-url-encoding": "single",\n            "x-ms-summary": "Widget ID"', 1)
        at = text.index('"The identifier of the widget') + 1
        for i in range(BURST - 1):  # a typist's keystrokes in the description, each sent as the whole text
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": text[:at] + "x" * (i + 1) + text[at:]}]})
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": BURST + 1}, "contentChanges": [{"text": fixed}]})
        params, _ = client.published(uri)  # the first publish after the burst is the last text's
        assert (params.get("version"), [d["code"] for d in params["diagnostics"]]) == (BURST + 1, ["SWG040"])
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        assert [p.get("version") for p in client.publishes(uri)] == [1, BURST + 1]  # the open's check, then one for the burst
    finally:
        assert client.close() == 0


def test_a_request_right_after_a_change_answers_for_the_new_text(tmp_path):
    """Hover and code actions sent before the quiet period ends first run the check that waits:
    they never answer from the text before the change."""
    client, uri, text, diagnostics = _opened(tmp_path, "")
    try:
        unique = next(d for d in diagnostics if d["code"] == "SWG040")
        shifted = text.replace("{", "{\n\n\n", 1)  # every finding three lines down
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": shifted}]})
        position = {"line": unique["range"]["start"]["line"] + 3, "character": unique["range"]["start"]["character"]}
        hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
        assert hover["contents"]["value"].startswith("**SWG040** keyword-not-supported")
        assert [(p.get("version"), len(p["diagnostics"])) for p in client.publishes(uri)] == [(1, 2), (2, 2)]  # the change's check ran for the hover

        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]})  # and back
        whole = {"start": {"line": 0, "character": 0}, "end": {"line": unique["range"]["start"]["line"], "character": 0}}
        actions = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}})
        assert [a["title"] for a in actions] == ['Add "x-ms-url-encoding": "single" (SWG026)', "Fix all safe problems (vetter)"]
        assert _codes(_apply(text, actions[0]["edit"]["changes"][uri])) == ["SWG040"]  # its edit is placed in the text of version 3
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
        assert [p.get("version") for p in client.publishes(uri)] == [1, 2, 3]  # each change checked once, none after
    finally:
        assert client.close() == 0
