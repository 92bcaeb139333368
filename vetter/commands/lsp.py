"""``vetter lsp``: vetter's findings in the editor, over the Language Server Protocol on stdio.

Built on pygls (the server: JSON-RPC framing, text synchronisation, the position encoding the
client asks for), whose messages are lsprotocol's types. When the author opens, edits or saves a
package file (``apiDefinition.swagger.json`` or another ``*.swagger.json``, ``apiProperties.json``,
``script.csx``, ``settings.json``), the package folder around it is checked as ``vetter scan`` checks
it, with the unsaved text of every open file of the package, the package's ``vetter.toml``
(select, ignore, severities, rule options, profile, waivers) and only that file parsed again: the
other files keep their parsed ``JsonFile`` (``Checker``). Findings become diagnostics on the file
they are about; a hover on one shows the rule's docs; code actions offer the rules' fixes (safe
ones first, unsafe ones marked) and "fix all safe problems" for the file. Edits are checked once
they pause (``QUIET_S``): a burst of changes is one check of its last text, published with the
document's version; a hover or code action first runs a check that is waiting, so it answers for
the text the editor has.

Secrets never leave through this path either: messages, hints and pointers are redacted as in
reports (``vetter.commands.scan.redact_result``), hovers and action titles pass ``vetter.base.redact``, and a
fix whose new text would carry a secret is not offered.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterable, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from msgspec import Struct, field

from vetter.base.redact import Redactor, redact, scrub
from vetter.commands.fix import FixError, TextEdit, apply_edits, editable_text, fix_files, keeps_valid, resolve_one
from vetter.engine.runner import Finding
from vetter.model.jsonfile import JsonFile

WATCHED = ("apidefinition.swagger.json", "apiproperties.json", "script.csx", "settings.json")
"""File names (any case) whose opening, editing or saving checks their package; also ``*.swagger.json``."""

SOURCE = "vetter"

QUIET_S = 0.2
"""Seconds without a change to a package before its edited text is checked. An editor sends a
change per keystroke, and a check holds the server for its length (about 0.01 s for the corpus's
median package, up to 0.2 s for its largest swaggers): checked one by one, 20 changes queued
behind each other on Impexium (0.8 MB) had their last diagnostics 2.4 s after the last change,
every check but the last of a text already replaced. Changes that come while a check runs wait
unread and are read in milliseconds once it ends, so those are coalesced whatever this is; it
decides for changes that come while the server is idle. 0.2 s is about the gap between keystrokes
at 60 words a minute: steady typing is checked when it pauses, and an edit alone is shown about
0.2 s after it is made (before, as soon as its check ended: 0.01 s on the median package). Opening,
saving and closing a file are checked at once: each is one act of the author, who waits for its
answer, not one of a burst."""


def watched(path: Path) -> bool:
    name = path.name.lower()
    return name in WATCHED or name.endswith(".swagger.json")


def path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


class Checked(Struct):
    """One check of a package: its findings (redacted) and the texts they are located in."""

    root: Path
    findings: list[Finding]
    texts: dict[str, str]  # file name -> its text as checked (BOM included), for positions
    json_files: dict[str, JsonFile]
    secrets: Redactor  # the package's secrets, prepared once for every text the editor is shown
    files: dict[str, bytes]
    catalog: Any
    check: Any = None  # rebuilds and checks the package from other file contents (fix all)
    notes: list[str] = field(default_factory=list)  # what the author should know (a vetter.toml that does not load)
    _lines: dict[str, Lines] = field(default_factory=dict)
    _fix_all: dict[str, list[TextEdit] | None] = field(default_factory=dict)  # file name -> "fix all" edits, once per check

    def lines(self, name: str) -> Lines:
        if name not in self._lines:
            self._lines[name] = Lines(self.texts.get(name, ""))
        return self._lines[name]


class Checker(Struct):
    """Checks packages for the editor, keeping each file's parse while its bytes do not change."""

    catalogs: dict[tuple[str, ...], Any] = field(default_factory=dict)
    parsed: dict[tuple[Path, str], JsonFile] = field(default_factory=dict)  # (root, name) -> last parse

    def check(self, root: Path, overlay: dict[str, bytes]) -> Checked:
        """The package folder ``root`` with the open files' text ``overlay`` (name -> bytes) checked."""
        from vetter.commands.scan import redact_result, run_options
        from vetter.engine.runner import run_rules
        from vetter.engine.settings import SettingsError, load_settings
        from vetter.model.loader import PackageSource, load_source
        from vetter.model.package import package_from_files
        from vetter.security.secrets import secret_pairs

        disk = load_source(PackageSource(root, "folder"))
        files = {**disk.files, **overlay}
        notes = []
        try:
            settings = load_settings(None, root)
        except SettingsError as exc:  # the author is told, and the package is still checked with the defaults
            from vetter.engine.settings import Settings

            notes.append(f"vetter: {exc}; checking {root.name} with the default settings")
            settings = Settings()
        catalog = self._catalog(settings.rules_dirs)
        settings.bind(catalog)
        options = run_options(settings, catalog)

        def build(contents: dict[str, bytes]) -> Any:
            package = package_from_files(root.name, contents, origin=str(root), kind="folder", load_problems=disk.load_problems)
            package.reuse_parsed({name: jf for (r, name), jf in self.parsed.items() if r == root})
            return package

        def check(contents: dict[str, bytes]) -> tuple[dict[str, JsonFile], list[Finding]]:
            package = build(contents)
            result = redact_result(run_rules(package, catalog, settings, options), package)
            return package.json_files, _unwaived(result, catalog, settings, root)

        package = build(files)
        result = redact_result(run_rules(package, catalog, settings, options), package)
        findings = _unwaived(result, catalog, settings, root)
        for name, jf in package.json_files.items():
            self.parsed[(root, name)] = jf
        texts = {}
        for name, raw in files.items():
            jf = package.json_files.get(name)
            texts[name] = (("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "") + jf.source) if jf is not None else raw.decode("utf-8", "replace")
        try:
            secrets = Redactor(secret_pairs(package))
        except Exception:
            secrets = Redactor(())
        return Checked(root, findings, texts, dict(package.json_files), secrets, files, catalog, check, notes)

    def _catalog(self, rules_dirs: Iterable[Path]) -> Any:
        from vetter.engine.catalog import discover

        key = tuple(str(d) for d in rules_dirs)
        if key not in self.catalogs:
            self.catalogs[key] = discover([Path(k) for k in key])
        return self.catalogs[key]


def _unwaived(result: Any, catalog: Any, settings: Any, root: Path) -> list[Finding]:
    """The findings the config's waivers do not waive (as the gate of ``vetter scan`` would)."""
    from vetter.commands.scan import apply_gate
    from vetter.report.model import ScanReport

    report = ScanReport(packages=[result])
    apply_gate(report, catalog, settings, baseline=None, base=root)
    return [f for f in report.packages[0].findings if f.waiver is None]


# -- positions ------------------------------------------------------------------------------
def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the client's position units (utf-16 unless it asked for another)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Lines:
    """A text's line starts, built once: offsets to LSP positions and back from 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))[:-1]

    def offset(self, line: int, column: int) -> int:
        """The offset of a finding's 1-based line and column (columns count after a BOM, as vetter reads)."""
        index = min(max(line, 1), len(self.starts)) - 1
        bom = 1 if index == 0 and self.text.startswith("\ufeff") else 0
        return min(len(self.text), self.starts[index] + bom + max(column, 1) - 1)

    def position(self, offset: int, encoding: str) -> tuple[int, int]:
        """0-based (line, character) of an offset."""
        from bisect import bisect_right

        index = bisect_right(self.starts, offset) - 1
        return index, units(self.text[self.starts[index] : offset], encoding)


def finding_span(lines: Lines, f: Finding) -> tuple[int, int]:
    """The offsets a finding underlines: the JSON string at its line and column (a key), else the rest of that line."""
    text = lines.text
    start = lines.offset(f.line or 1, f.column or 1)
    if f.file == ".":
        return start, start
    if start < len(text) and text[start] == '"':
        import json

        try:
            end: int = json.decoder.scanstring(text, start + 1, False)[1]  # type: ignore[attr-defined]
            return start, end
        except ValueError:
            pass
    eol = text.find("\n", start)
    eol = len(text) if eol < 0 else eol
    return start, max(start + len(text[start:eol].rstrip(" \t\r,")), min(start + 1, eol))


# -- the server -------------------------------------------------------------------------------
def serve() -> None:  # pragma: no cover - exercised through a subprocess by tests/test_lsp.py
    """Run the language server on stdin and stdout until the client shuts it down."""
    server = build_server()
    server.start_io()


def build_server() -> Any:
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    from vetter import __version__

    logging.getLogger("pygls").setLevel(logging.WARNING)
    server = LanguageServer("vetter", __version__)
    checker = Checker()
    state: dict[Path, Checked] = {}  # package root -> its last check
    published: dict[Path, set[str]] = {}  # package root -> URIs that got diagnostics
    pending: dict[Path, tuple[set[str], asyncio.TimerHandle]] = {}  # package root -> URIs changed since its last check, and the timer that will check it

    def encoding() -> str:
        return str(server.workspace.position_encoding or "utf-16")

    def open_documents(root: Path) -> dict[str, Any]:
        """The open documents of package ``root``, by file name.

        pygls keys its documents by the URI unquoted; ``doc.uri`` is the editor's own spelling
        (``my%20connector``), the one its diagnostics must be published under."""
        out = {}
        for doc in server.workspace.text_documents.values():
            path = path_of(doc.uri)
            if path is not None and path.parent == root:
                out[path.name] = doc
        return out

    def check(root: Path, opened: set[str]) -> None:
        """Check package ``root`` now, with the text every open file of it has at this moment, and
        publish the diagnostics; each file the editor has open gets the version that was checked.

        Every handler and timer runs on the event loop's one thread (pygls runs a plain function
        handler there, and the loop reads no message while one runs), and a check does not yield
        from its start to its last publish: a check can only be of texts newer than the one before
        it, so no diagnostics of a superseded version are published after those of a newer one."""
        stale = pending.pop(root, None)  # this check covers whatever was waiting
        if stale is not None:
            stale[1].cancel()
            opened = opened | stale[0]
        if not root.is_dir():
            return
        docs = open_documents(root)
        try:
            checked = checker.check(root, {name: doc.source.encode("utf-8", "surrogatepass") for name, doc in docs.items()})
        except Exception as exc:  # a check that fails says so once, never a crash of the server
            server.window_log_message(types.LogMessageParams(types.MessageType.Error, scrub(f"vetter: {type(exc).__name__}: {exc}")))
            return
        state[root] = checked
        for note in checked.notes:
            server.window_show_message(types.ShowMessageParams(types.MessageType.Warning, scrub(note)))
        versions = {doc.uri: doc.version for doc in docs.values()}
        by_uri = diagnostics(checked, opened, encoding(), types, {name: doc.uri for name, doc in docs.items()})
        for gone in sorted(published.get(root, set()) - set(by_uri)):
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=gone, diagnostics=[], version=versions.get(gone)))
        for target, diags in sorted(by_uri.items()):
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=target, diagnostics=diags, version=versions.get(target)))
        published[root] = set(by_uri)

    def root_of(uri: str) -> Path | None:
        path = path_of(uri)
        return path.parent if path is not None and watched(path) else None

    def check_now(uri: str) -> None:
        """Check the package of ``uri`` at once (opened, saved, closed), taking in a check that was waiting."""
        root = root_of(uri)
        if root is not None:
            check(root, {uri})

    def check_later(uri: str) -> None:
        """Check the package of ``uri`` once no change of it has come for ``QUIET_S`` (an edit)."""
        root = root_of(uri)
        if root is None:
            return
        uris, timer = pending.pop(root, (set(), None))
        if timer is not None:
            timer.cancel()
        timer = asyncio.get_running_loop().call_later(QUIET_S, lambda: check(root, set()))
        pending[root] = (uris | {uri}, timer)

    def current(uri: str) -> Checked | None:
        """The check of the package of ``uri`` as the editor's text stands now (a waiting check runs first)."""
        path = path_of(uri)
        if path is None:
            return None
        if path.parent in pending:
            check(path.parent, set())
        return state.get(path.parent)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        check_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        check_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        check_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        check_now(params.text_document.uri)  # back to the file on disk

    @server.feature(types.SHUTDOWN)
    def shutdown(params: None) -> None:
        for _, timer in pending.values():  # nothing is published after the client said it is done
            timer.cancel()
        pending.clear()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        found = at_position(params.text_document.uri, params.position, None)
        if not found:
            return None
        checked, hits = found
        text = "\n\n---\n\n".join(hover_text(checked, f) for f, _ in hits)
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        found = at_position(uri, params.range.start, params.range.end)
        actions: list[types.CodeAction] = []
        if found:
            checked, hits = found
            fixable = [h for h in hits if h[0].fix is not None]
            for f, diag in sorted(fixable, key=lambda h: (bool(h[0].fix and h[0].fix.unsafe), h[0].sort_key()))[:MAX_QUICK_FIXES]:
                action = quick_fix(checked, f, diag, uri)
                if action is not None:
                    actions.append(action)
        everything = fix_all(uri)
        if everything is not None:
            actions.append(everything)
        return actions

    def at_position(uri: str, start: types.Position, end: types.Position | None) -> tuple[Checked, list[tuple[Finding, types.Diagnostic]]] | None:
        path = path_of(uri)
        checked = current(uri)
        if path is None or checked is None:
            return None
        hits = []
        for f in checked.findings:
            if _file_of(f, checked) != path.name:
                continue
            diag = diagnostic(checked, f, encoding(), types)
            lo, hi = diag.range.start, diag.range.end
            upper = end or start
            if (lo.line, lo.character) <= (upper.line, upper.character) and (start.line, start.character) <= (hi.line, hi.character):
                hits.append((f, diag))
        return (checked, hits) if hits else None

    def hover_text(checked: Checked, f: Finding) -> str:
        loaded = checked.catalog.lookup(f.rule)
        docs = loaded.docs if loaded is not None else ""
        fix = f"\n\nFix ({'unsafe' if f.fix.unsafe else 'safe'}): {f.fix.title}" if f.fix is not None else ""
        body = f"**{f.rule}** {f.name} ({f.severity.value})\n\n{f.message}\n\n{f.hint}{fix}\n\n---\n\n{docs}"
        return scrub(redact(body, checked.secrets))

    def quick_fix(checked: Checked, f: Finding, diag: types.Diagnostic, uri: str) -> types.CodeAction | None:
        edits = offered_edits(checked, f)
        if edits is None:
            return None
        lines = checked.lines(_file_of(f, checked))
        assert f.fix is not None
        title = scrub(redact(f"{f.fix.title} ({f.rule}{', unsafe' if f.fix.unsafe else ''})", checked.secrets))
        return types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diag],
            is_preferred=not f.fix.unsafe,
            edit=types.WorkspaceEdit(changes={uri: [lsp_edit(lines, t, encoding(), types) for t in edits]}),
        )

    def fix_all(uri: str) -> types.CodeAction | None:
        path = path_of(uri)
        checked = current(uri)
        if path is None or checked is None:
            return None
        if path.name not in checked._fix_all:  # the editor asks on every move of the cursor: worked out once per check
            checked._fix_all[path.name] = fix_all_edits(checked, path.name)
        edits = checked._fix_all[path.name]
        if edits is None:
            return None
        lines = checked.lines(path.name)
        return types.CodeAction(
            title="Fix all safe problems (vetter)",
            kind=types.CodeActionKind.SourceFixAll,
            edit=types.WorkspaceEdit(changes={uri: [lsp_edit(lines, t, encoding(), types) for t in edits]}),
        )

    return server


def _file_of(f: Finding, checked: Checked) -> str:
    """The file a finding is shown on: its own, or for the package as a whole the swagger (else apiProperties)."""
    if f.file != ".":
        return f.file
    for name in sorted(checked.texts):
        if name.lower().endswith(".swagger.json"):
            return name
    return "apiProperties.json" if "apiProperties.json" in checked.texts else f.file


def diagnostic(checked: Checked, f: Finding, encoding: str, types: Any) -> Any:
    lines = checked.lines(_file_of(f, checked))
    start, end = finding_span(lines, f)
    severity = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}.get(
        f.severity.value, types.DiagnosticSeverity.Information
    )
    fix = None if f.fix is None else ("unsafe" if f.fix.unsafe else "safe")
    return types.Diagnostic(
        range=types.Range(start=types.Position(*lines.position(start, encoding)), end=types.Position(*lines.position(end, encoding))),
        message=f.message,
        severity=severity,
        code=f.rule,
        source=SOURCE,
        data={"fingerprint": f.fingerprint, "fix": fix},
    )


def diagnostics(checked: Checked, opened: Iterable[str], encoding: str, types: Any, open_uris: dict[str, str]) -> dict[str, list[Any]]:
    """Diagnostics per file URI of the package (every file with findings, and the ``opened`` ones,
    those whose opening, change, save or closing asked for the check, even without).

    An open file keeps the URI the editor gave it (its spelling of the path may differ from ours).
    """
    out: dict[str, list[Any]] = {uri: [] for uri in opened}
    for f in checked.findings:
        name = _file_of(f, checked)
        if name == "." or name not in checked.files:
            continue
        target = open_uris.get(name) or uri_of(checked.root / name)
        out.setdefault(target, []).append(diagnostic(checked, f, encoding, types))
    return out


MAX_QUICK_FIXES = 50
"""Quick fixes offered by one request. Each is checked to keep its file valid, a parse of the whole
file: a selection of a whole file of 2,000 fixable findings asked for 2,000 parses (19 s). "Fix all"
covers the rest."""


def fix_all_edits(checked: Checked, name: str) -> list[TextEdit] | None:
    """The edits of file ``name`` that apply every safe fix of the package (None: nothing to fix, or
    an edit would carry a secret)."""
    if name not in checked.json_files or not any(f.fix and not f.fix.unsafe and f.file == name for f in checked.findings):
        return None
    result = fix_files(dict(checked.files), checked.check)
    if name not in result.changed:
        return None
    edits = line_edits(checked.texts[name], result.files[name].decode("utf-8"), result.kept[name])
    if any(redact(t.text, checked.secrets) != t.text for t in edits):
        return None
    return edits


def offered_edits(checked: Checked, f: Finding) -> list[TextEdit] | None:
    """The text edits of ``f``'s fix when the editor may offer it: it resolves, keeps the file valid and carries no secret."""
    if f.fix is None:
        return None
    try:
        name, edits = resolve_one(f.fix, checked.json_files)
        old = checked.json_files[name]
        if not keeps_valid(old, apply_edits(editable_text(old), edits)):
            return None
    except (FixError, ValueError, IndexError, RecursionError):
        return None
    if any(redact(t.text, checked.secrets) != t.text for t in edits):
        return None
    return edits


def line_edits(old: str, new: str, kept: Sequence[int | None]) -> list[TextEdit]:
    """The lines that differ between ``old`` and ``new``, as edits of ``old`` (what "fix all" sends).

    ``kept`` is the fix's own alignment of the lines (``FixResult.kept``): a whole-file matcher cost
    the cube of the changes (500 scattered fixes: 41 s; 1,000: 280 s, the server stuck meanwhile)."""
    from vetter.commands.fix import diff_lines, line_matcher

    before, after = diff_lines(old), diff_lines(new)
    starts = list(accumulate(map(len, before), initial=0))
    out = []
    for tag, i1, i2, j1, j2 in line_matcher(before, after, kept).get_opcodes():
        if tag != "equal":
            out.append(TextEdit(starts[i1], starts[i2], "".join(after[j1:j2])))
    return out


def lsp_edit(lines: Lines, edit: TextEdit, encoding: str, types: Any) -> Any:
    start = types.Position(*lines.position(edit.start, encoding))
    end = types.Position(*lines.position(edit.end, encoding))
    return types.TextEdit(range=types.Range(start=start, end=end), new_text=edit.text)


def main() -> None:  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    serve()
