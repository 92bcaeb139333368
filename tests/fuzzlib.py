"""Mutation fuzzing of whole packages: shared by tests/test_fuzz.py and scripts/fuzz.py.

A *case* is a base package (a synthetic fixture or a real package of
``../shared/corpus``, read in place, never copied), a list of mutations (each a
kind and a seed, so a case is small, replayable and shrinkable by dropping
mutations) and a way in: ``memory`` (files handed to the model), ``folder`` (written
to a temporary folder with odd names and links, read by the loader) or ``zip``
(written to a zip with hostile members, read by the loader).

``run_case`` scans the mutant and diffs it against its base and against a
half-way mutant, all in process (one case in ``FIX_EVERY`` also goes through
``vetter fix``), and returns what went wrong:

* an exception escaping the scan, a renderer or the diff;
* a VET001/VET002 finding (a rule or a package check that gave up);
* an exit code outside 0/1 (2 through the command line only for usage errors);
* a JSON report that does not validate against ``report-v2`` / ``diff-report-v1``;
* a rendered report (JSON, text, Markdown) that cannot be written as UTF-8;
* ``vetter fix`` leaving a file less valid, a diff that does not rebuild the fixed
  file, or a second fix run that still changes something;
* a case that takes more than ``TIME_BOUND`` CPU seconds.
"""

from __future__ import annotations

import copy
import io
import json
import os
import random
import re
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TIME_BOUND = 10.0
"""CPU seconds one case (scan, a diff, renders) may take: CPU time, because on a shared
machine the wall clock measures the neighbours (a case takes ~0.05 s on average)."""

BIG_INT = "__FUZZ_BIG_INT__"  # replaced by a 5,000-digit literal after serialising


@dataclass(frozen=True)
class Case:
    base: str  # "fixture:minimal" | "corpus:<group>/<name>"
    mutations: tuple[tuple[str, int], ...]
    mode: str = "memory"  # memory | folder | zip

    def to_json(self) -> str:
        return json.dumps({"base": self.base, "mutations": [list(m) for m in self.mutations], "mode": self.mode})

    @classmethod
    def from_json(cls, text: str) -> Case:
        d = json.loads(text)
        return cls(d["base"], tuple((k, int(s)) for k, s in d["mutations"]), d.get("mode", "memory"))


@dataclass
class Outcome:
    failures: list[tuple[str, str]] = field(default_factory=list)  # (signature, detail)
    seconds: float = 0.0
    known: list[tuple[str, str]] = field(default_factory=list)  # (signature, why it is known): counted apart


KNOWN: dict[str, str] = {}  # SWG001's depth limit landed: a deep document is a finding, no longer a VET001
"""VET001 messages that are known and owned elsewhere: reported apart by scripts/fuzz.py, never hidden."""


# -- bases -------------------------------------------------------------------------------
def fixture_bases() -> list[str]:
    return ["fixture:minimal", "fixture:contoso-tickets", "synthetic:tiny", "synthetic:deep-refs", "synthetic:solution"]


@lru_cache(maxsize=1)
def corpus_bases() -> tuple[str, ...]:
    if not CORPUS.is_dir():
        return ()
    out = []
    for group in sorted(CORPUS.iterdir()):
        if group.is_dir():
            out += [f"corpus:{group.name}/{d.name}" for d in sorted(group.iterdir()) if d.is_dir()]
    return tuple(out)


@lru_cache(maxsize=512)
def base_files(base: str) -> dict[str, bytes]:
    kind, _, name = base.partition(":")
    if kind == "fixture":
        from vetter.engine.cases import base_files as fixture_files

        return fixture_files(name)
    if kind == "corpus":
        from vetter.model.loader import PackageSource, load_source

        return dict(load_source(PackageSource(CORPUS / name, "folder")).files)
    return _synthetic(name)


def _synthetic(name: str) -> dict[str, bytes]:
    from vetter.engine.cases import base_files as fixture_files

    minimal = fixture_files("minimal")
    if name == "tiny":
        doc = {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "h.example", "paths": {}}
        return {"apiDefinition.swagger.json": json.dumps(doc).encode()}
    if name == "deep-refs":
        doc = json.loads(minimal["apiDefinition.swagger.json"])
        for i in range(30):
            doc["definitions"][f"D{i}"] = {"$ref": f"#/definitions/D{i + 1}"}
        doc["definitions"]["D30"] = {"type": "object", "properties": {"self": {"$ref": "#/definitions/D0"}}}
        doc["paths"]["/widgets"]["get"]["responses"]["200"]["schema"] = {"$ref": "#/definitions/D0"}
        return {**minimal, "apiDefinition.swagger.json": json.dumps(doc, indent=1).encode()}
    if name == "solution":
        return {f"customapis/contoso/{k}": v for k, v in minimal.items()} | {"solution.xml": b"<ImportExportXml/>"}
    raise KeyError(name)


# -- mutations ---------------------------------------------------------------------------
ODD_STRINGS = [
    "\ud800", "\udfff", "a\udc00b", "\x00", "\u202e", "\ufeff", "😀", "e\u0301", "..", "../../x", "/", "~1~0",
    "#", "#/", "", " ", "x" * 5000, "ǅ\u0000\uffff", "C:\\x", "%00", "{{x}}", "<script>", "|", "\n\t",
]
ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 1.5, 1e308, 10**30, "", "x", [], {}, [1, "a", None], {"a": {"b": []}},
    {"$ref": "#"}, {"$ref": 7}, {"$ref": "#/nowhere"}, {"$ref": "other.json#/x"}, BIG_INT, "\ud800",
]
REF_TARGETS = ["#", "#/", "#//", "#/definitions", "#/definitions/", "#/definitions/Nope", "#/paths/~1a~2",
               "x.json#/a", "https://evil.example/x.json", "#definitions/A", "#/definitions/%41", "", 3,
               "file:///etc/hostname#/a", "http://127.0.0.1:9/x.json#/definitions/A"]  # never fetched: rules run offline


def _nodes(doc: Any) -> list[tuple[Any, Any, Any]]:
    """(parent, key, value) for every node below the root, iteratively."""
    out: list[tuple[Any, Any, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            out.append((node, k, v))
            if isinstance(v, (dict, list)):
                stack.append(v)
    return out


def _pointers(doc: Any, limit: int = 20000) -> list[str]:
    out = [""]
    stack: list[tuple[Any, str]] = [(doc, "")]
    while stack and len(out) < limit:
        node, where = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            p = f"{where}/{str(k).replace('~', '~0').replace('/', '~1')}"
            out.append(p)
            if isinstance(v, (dict, list)):
                stack.append((v, p))
    return out


def _set(parent: Any, key: Any, value: Any) -> None:
    parent[key] = value


def m_delete(doc: Any, r: random.Random) -> Any:
    nodes = [(p, k) for p, k, _ in _nodes(doc)]
    if not nodes:
        return doc
    p, k = r.choice(nodes)
    del p[k]
    return doc


def m_retype(doc: Any, r: random.Random) -> Any:
    nodes = _nodes(doc)
    if not nodes:
        return r.choice(ODD_VALUES)
    for _ in range(r.randint(1, 3)):
        p, k, _v = r.choice(nodes)
        _set(p, k, copy.deepcopy(r.choice(ODD_VALUES)))
    return doc


def m_duplicate(doc: Any, r: random.Random) -> Any:
    nodes = _nodes(doc)
    containers = [v for _, _, v in nodes if isinstance(v, (dict, list))] + [doc]
    if not nodes:
        return doc
    _p, k, v = r.choice(nodes)
    target = r.choice(containers)
    if isinstance(target, dict):
        target[f"{k}" if r.random() < 0.5 else f"{k}-copy{r.randint(0, 9)}"] = copy.deepcopy(v)
    elif isinstance(target, list):
        target.insert(r.randint(0, len(target)), copy.deepcopy(v))
    return doc


def m_splice(doc: Any, r: random.Random) -> Any:
    nodes = _nodes(doc)
    if len(nodes) < 2:
        return doc
    (p1, k1, v1), (p2, k2, v2) = r.sample(nodes, 2)
    _set(p1, k1, v2 if r.random() < 0.5 else copy.deepcopy(v2))  # shared subtrees too
    if r.random() < 0.5:
        _set(p2, k2, v1)
    return doc


def m_ref(doc: Any, r: random.Random) -> Any:
    nodes = _nodes(doc)
    if not nodes:
        return doc
    pointers = _pointers(doc, 5000)
    roll = r.random()
    if roll < 0.35:
        target: Any = "#" + r.choice(pointers)
    elif roll < 0.6:
        target = r.choice(REF_TARGETS)
    else:  # a cycle or a chain among definitions
        defs = doc.setdefault("definitions", {}) if isinstance(doc, dict) else None
        if isinstance(defs, dict):
            n = r.choice([1, 2, 3, 50, 400])
            cyclic = r.random() < 0.5
            for i in range(n):
                nxt = (i + 1) % n if cyclic else i + 1
                defs[f"Fz{i}"] = {"$ref": f"#/definitions/Fz{nxt}"}
            if not cyclic:
                defs[f"Fz{n}"] = {"type": "object"}
        target = "#/definitions/Fz0"
    p, k, _v = r.choice(nodes)
    _set(p, k, {"$ref": target} if r.random() < 0.8 else {"$ref": target, "type": "string", "x-ms-summary": "s"})
    return doc


def m_deepen(doc: Any, r: random.Random) -> Any:
    nodes = _nodes(doc)
    depth = r.choice([10, 60, 200, 700, 2000])
    shape = r.choice(["items", "properties", "allOf", "list", "dict"])
    leaf: Any = {"type": r.choice(["string", "nope", 3])}
    for _ in range(depth):
        if shape == "items":
            leaf = {"type": "array", "items": leaf}
        elif shape == "properties":
            leaf = {"type": "object", "properties": {"p": leaf}}
        elif shape == "allOf":
            leaf = {"allOf": [leaf]}
        elif shape == "list":
            leaf = [leaf]
        else:
            leaf = {"a": leaf}
    if not nodes:
        return leaf
    p, k, _v = r.choice(nodes)
    _set(p, k, leaf)
    return doc


def m_unicode(doc: Any, r: random.Random) -> Any:
    nodes = _nodes(doc)
    if not nodes:
        return doc
    for _ in range(r.randint(1, 3)):
        p, k, v = r.choice(nodes)
        odd = r.choice(ODD_STRINGS)
        if isinstance(p, dict) and r.random() < 0.6:  # rename the key
            if k in p:
                p[f"{k}{odd}" if r.random() < 0.5 else odd] = p.pop(k)
        else:
            _set(p, k, f"{v}{odd}" if isinstance(v, str) else odd)
    return doc


def m_many(doc: Any, r: random.Random) -> Any:
    if not isinstance(doc, dict):
        return doc
    n = r.choice([100, 100, 100, 1000])
    paths = doc.get("paths") if isinstance(doc.get("paths"), dict) else doc.setdefault("p", {})
    if isinstance(paths, dict):
        for i in range(n):
            paths[f"/fz{i}"] = {"get": {"operationId": f"Op{i % 7}", "responses": {"200": {"description": "ok", "schema": {"$ref": f"#/definitions/M{i}"}}}}}
    defs = doc.get("definitions")
    if isinstance(defs, dict):
        for i in range(n):
            defs[f"M{i}"] = {"type": "object", "properties": {"x": {"type": "string"}, "next": {"$ref": f"#/definitions/M{i + 1}"}}}
    return doc


def m_fanout(doc: Any, r: random.Random) -> Any:
    """``F(i) = allOf [F(i-1), F(i-1)]``: 2^levels parts for a merge that expands every reference again."""
    if not isinstance(doc, dict):
        return doc
    levels = r.choice([8, 24, 40])
    defs = doc.get("definitions") if isinstance(doc.get("definitions"), dict) else doc.setdefault("definitions", {})
    if not isinstance(defs, dict):
        return doc
    defs["Fan0"] = {"type": "object", "properties": {"a": {"type": "string"}, f"b{r.randrange(3)}": {"type": "integer"}}}
    for i in range(1, levels + 1):
        defs[f"Fan{i}"] = {"allOf": [{"$ref": f"#/definitions/Fan{i - 1}"}, {"$ref": f"#/definitions/Fan{i - 1}"}]}
    nodes = _nodes(doc)
    p, k, _v = r.choice(nodes)
    _set(p, k, {"$ref": f"#/definitions/Fan{levels}"})
    responses = [v for _p, key, v in nodes if key == "responses" and isinstance(v, dict)]
    if responses and r.random() < 0.5:  # a response example checked against it (SWG013's step bound)
        response = r.choice(list(r.choice(responses).values()) or [{}])
        if isinstance(response, dict):
            response["schema"] = {"$ref": f"#/definitions/Fan{levels}"}
            response["examples"] = {"application/json": r.choice([7, {"a": "x"}, [{"a": 1}] * 50])}
    return doc


# Text that made a pattern backtrack: long runs a heading, a title suffix or a secret rule retried.
HOSTILE_TEXT = (
    lambda n: "## a" + " " * n + "b", lambda n: "a" + " " * n + "(independent publisher) x", lambda n: "sk-" * (n // 3) + "T3BlbkFJ",
    lambda n: ".documents.azure.com" * (n // 20), lambda n: "AccountName=" * (n // 12), lambda n: "{" * n, lambda n: "regist" * (n // 6),
    lambda n: "<" * n, lambda n: "e=" * (n // 2) + "eyJ",
)


def m_spaces(doc: Any, r: random.Random) -> Any:
    nodes = _nodes(doc)
    if not nodes:
        return doc
    for _ in range(r.randint(1, 3)):
        p, k, _v = r.choice(nodes)
        _set(p, k, r.choice(HOSTILE_TEXT)(r.choice([3000, 20000, 100000])))
    return doc


JSON_MUTATORS: dict[str, Callable[[Any, random.Random], Any]] = {
    "delete": m_delete, "retype": m_retype, "duplicate": m_duplicate, "splice": m_splice,
    "ref": m_ref, "deepen": m_deepen, "unicode": m_unicode, "many": m_many, "fanout": m_fanout, "spaces": m_spaces,
}


def b_truncate(raw: bytes, r: random.Random) -> bytes:
    return raw[: r.randint(0, max(0, len(raw) - 1))]


def b_flip(raw: bytes, r: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(r.randint(1, 8)):
        if data:
            data[r.randrange(len(data))] = r.randrange(256)
    return bytes(data)


def b_commas(raw: bytes, r: random.Random) -> bytes:
    spots = [m.start() for m in re.finditer(rb"[}\]]", raw[:200_000])]
    if not spots:
        return raw
    picked = sorted(r.sample(spots, min(len(spots), r.choice([1, 5, 250]))), reverse=True)
    data = bytearray(raw)
    for i in picked:
        data[i:i] = r.choice([b",", b", ", b"\t", b"\x01", b'"a": 1', b"NaN", b"-Infinity"])
    return bytes(data)


def b_encoding(raw: bytes, r: random.Random) -> bytes:
    text = raw.decode("utf-8", "replace") if r.random() < 0.9 else raw.decode("latin-1")
    enc = r.choice(["utf-8-sig", "utf-16", "utf-16-le", "utf-32", "utf-32-be", "latin-1", "cp1252", "utf-8-surrogatepass"])
    if enc == "utf-8-surrogatepass":
        return text.replace("a", "\ud800", 1).encode("utf-8", "surrogatepass")
    return text.encode(enc.replace("-surrogatepass", ""), "replace")


def b_dupkey(raw: bytes, r: random.Random) -> bytes:
    i = raw.find(b"{")
    return raw if i < 0 else raw[: i + 1] + b'"swagger": 1, "info": [], ' * r.randint(1, 3) + raw[i + 1 :]


def b_bigint(raw: bytes, r: random.Random) -> bytes:
    i = raw.rfind(b"}")
    digits = b"-" * r.randint(0, 1) + b"7" * r.choice([4300, 4301, 20000])
    return raw if i < 0 else raw[:i] + b', "x-fz": ' + digits + raw[i:]


SECRET = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"


def b_escape(raw: bytes, r: random.Random) -> bytes:
    """A secret written with JSON escapes (``\\u005f``, ``\\/``) inside a string value, and other
    characters of the document escaped too."""
    spots = [m.end() for m in re.finditer(rb'": "', raw[:200_000])]
    if not spots:
        return raw
    secret = "".join(f"\\u{ord(c):04x}" if r.random() < 0.3 else c for c in SECRET).encode()
    data = bytearray(raw)
    for at in sorted(r.sample(spots, min(len(spots), r.choice([1, 3, 50]))), reverse=True):
        data[at:at] = r.choice([secret, b"x\\/" + secret, b"\\u0041" * r.choice([1, 1000, 50000])])
    return bytes(data)


BYTE_MUTATORS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": b_truncate, "flip": b_flip, "commas": b_commas, "encoding": b_encoding,
    "dupkey": b_dupkey, "bigint": b_bigint, "escape": b_escape,
}


def f_files(files: dict[str, bytes], r: random.Random) -> dict[str, bytes]:
    files = dict(files)
    roll = r.random()
    names = sorted(files)
    if roll < 0.25 and names:
        del files[r.choice(names)]
    elif roll < 0.5 and names:
        name = r.choice(names)
        files[r.choice([name.upper(), name.lower(), f"sub dir/{name}", f"dø ñ/{name}", f"{name}.bak"])] = files.pop(name)
    elif roll < 0.6:
        files[r.choice(["script.csx", "readme.md", "icon.png", "settings.json", "x.swagger.json"])] = r.choice(
            [b"", b"\x89PNG\r\n\x1a\n" + b"\0" * 30, b"{}", b"\xff\xfe\x00", b"public class Script {}"]
        )
    elif roll < 0.75 and names:  # decoys: a case variant beside the file, settings.json naming another, a UTF-16 script
        name = r.choice(names)
        pick = r.randrange(4)
        if pick == 0:
            files[name.upper() if name != name.upper() else name.lower()] = files[name]
        elif pick == 1:
            files["settings.json"] = json.dumps({"apiDefinition": r.choice([name, "../x.json", "none.json", name.upper()]), "script": "s.csx"}).encode()
        elif pick == 2:
            files["script.csx"] = b"\xff\xfe" + f'public class Script : ScriptBase {{ string k = "{SECRET}"; }}'.encode("utf-16-le")
        else:
            files["readme.md"] = b"## a" + b" " * r.choice([3000, 50000]) + b"b\n"
    elif names:
        files[r.choice(names)] = b""
    return files


MUTATION_KINDS = sorted([*JSON_MUTATORS, *BYTE_MUTATORS, "files"])


def mutate(files: dict[str, bytes], mutations: tuple[tuple[str, int], ...]) -> dict[str, bytes]:
    """Apply each mutation in turn (deterministic: each carries its own seed)."""
    files = dict(files)
    if not mutations:
        return files
    for kind, seed in mutations:
        r = random.Random(seed)
        if kind == "files":
            files = f_files(files, r)
            continue
        json_names = sorted(n for n in files if n.lower().endswith(".json"))
        if not json_names:
            continue
        name = json_names[0] if r.random() < 0.6 else r.choice(json_names)  # the swagger sorts first mostly
        if kind in BYTE_MUTATORS:
            files[name] = BYTE_MUTATORS[kind](files[name], r)
            continue
        try:
            doc = json.loads(files[name])
        except (ValueError, RecursionError):
            continue  # already broken by a byte mutation: leave it
        try:
            doc = JSON_MUTATORS[kind](doc, r)
        except RecursionError:  # deepcopy of a document a previous mutation deepened: skip this one
            continue
        ascii_only = r.random() < 0.8
        try:
            text = json.dumps(doc, ensure_ascii=ascii_only, indent=1 if r.random() < 0.15 else None)
        except (ValueError, RecursionError):
            continue
        files[name] = text.replace(f'"{BIG_INT}"', "9" * 5000).encode("utf-8", "surrogatepass")
    return files


# -- ways in -----------------------------------------------------------------------------
def _write_zip(path: Path, files: dict[str, bytes], r: random.Random) -> None:
    import warnings

    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # duplicate entry names are made on purpose
        prefix = r.choice(["", "", "Connector Folder/", "ñame with space/"])
        for name, raw in files.items():
            zf.writestr(prefix + name, raw)
        for _ in range(r.randint(0, 3)):
            roll = r.random()
            if roll < 0.15:
                zf.writestr(r.choice(["../evil.json", "/abs/apiProperties.json", "a/../../b.csx", "C:/x.json"]), b"{}")
            elif roll < 0.3:
                info = zipfile.ZipInfo(r.choice(["link.json", "apiProperties.json"]))
                info.external_attr = 0o120777 << 16
                zf.writestr(info, "/etc/passwd")
            elif roll < 0.45:
                inner = io.BytesIO()
                with zipfile.ZipFile(inner, "w") as iz:
                    iz.writestr("apiDefinition.swagger.json", b"{}")
                zf.writestr(r.choice(["inner.zip", "deep/inner.ZIP"]), inner.getvalue())
            elif roll < 0.6:
                zf.writestr(prefix + "bomb.json", b"\0" * (3 * 1024 * 1024))
            elif roll < 0.75 and files:
                zf.writestr(prefix + min(files), b'{"duplicate": "entry"}')
            elif roll < 0.8:
                for i in range(5001):
                    zf.writestr(f"many/{i}.txt", b"")
            else:
                zf.writestr(prefix + "ümlaut name.md", "é".encode())
    if r.random() < 0.15:  # a truncated archive
        raw = path.read_bytes()
        path.write_bytes(raw[: r.randint(0, len(raw))])


def _write_folder(root: Path, files: dict[str, bytes], r: random.Random) -> None:
    for name, raw in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    if r.random() < 0.3:
        os.symlink(root, root / "loop")  # a symlink loop
    if r.random() < 0.3 and files:
        os.symlink(root / min(files), root / "linked.swagger.json")
    if r.random() < 0.2:
        (root / "nested.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)


# -- running a case ----------------------------------------------------------------------
@lru_cache(maxsize=1)
def engine() -> dict[str, Any]:
    import jsonschema_rs

    from vetter.engine.catalog import discover
    from vetter.engine.settings import Settings
    from vetter.report.model import RuleInfo

    catalog = discover(entry_points=False)
    schemas = ROOT / "vetter" / "schemas"
    _cache_templates()
    return {
        "catalog": catalog,
        "rules": [RuleInfo.of(r) for r in catalog],
        "settings": Settings().bind(catalog),
        "report": jsonschema_rs.validator_for(json.loads((schemas / "report-v2.schema.json").read_text())),
        "diff": jsonschema_rs.validator_for(json.loads((schemas / "diff-report-v1.schema.json").read_text())),
    }


def _cache_templates() -> None:
    """One Jinja environment for the whole run (the CLI builds it once per process too)."""
    import vetter.render
    from vetter.render import diff, scan

    cached = lru_cache(maxsize=1)(vetter.render.template_environment)
    scan.template_environment = cached  # type: ignore[attr-defined]
    diff.template_environment = cached  # type: ignore[attr-defined]


def _signature(kind: str, exc: BaseException | None = None, extra: str = "") -> str:
    if exc is None:
        return f"{kind}:{extra}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/vetter/" in f.filename or "/rules/" in f.filename]
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    return f"{kind}:{type(exc).__name__}@{where}"


def build_package(files: dict[str, bytes], mode: str, seed: int, tmp: Path) -> Any:
    from vetter.model.loader import find_packages
    from vetter.model.package import package_from_files

    if mode == "memory":
        return [("memory", package_from_files("fuzz", files, kind="folder"))]
    r = random.Random(seed)
    if mode == "zip":
        path = tmp / "fuzz package.zip"
        _write_zip(path, files, r)
    else:
        path = tmp / "fuzz pâckage"
        path.mkdir()
        _write_folder(path, files, r)
    return list(find_packages([path]))


def run_case(case: Case, *, cli: bool = False) -> Outcome:
    """Scan, render, validate and diff one case; every failure is listed, none raised."""
    start = time.process_time()
    base = base_files(case.base)
    split = len(case.mutations) // 2
    half = mutate(base, case.mutations[:split])
    full = mutate(half, case.mutations[split:])
    seed = case.mutations[0][1] if case.mutations else 0
    return run_files(_base_package(case.base), half, full, case.mode, seed, cli=cli, start=start)


def run_case_on_files(name: str, files: dict[str, bytes]) -> Outcome:
    """A kept case (``fixtures/fuzz``): scanned, and diffed both ways against the minimal fixture."""
    out = Outcome()
    for seed in (0, 1):  # both diff directions
        part = run_files(_base_package("fixture:minimal"), files, files, "memory", seed)
        out.failures += part.failures
        out.seconds += part.seconds
    return out


def run_files(old: Any, half: dict[str, bytes], full: dict[str, bytes], mode: str, seed: int, *, cli: bool = False, start: float | None = None) -> Outcome:
    """Scan ``full`` (in memory or through the loader), then diff it against ``old`` and ``half``."""
    from vetter.commands.scan import check_source
    from vetter.compare import DiffError, diff_packages
    from vetter.model.loader import LoadError
    from vetter.model.package import package_from_files
    from vetter.render import diff as render_diff
    from vetter.render import scan as render_scan
    from vetter.report.model import ScanReport, to_dict

    eng = engine()
    out = Outcome()
    start = time.process_time() if start is None else start
    report = ScanReport(fail_on="error", rules=list(eng["rules"]))
    with tempfile.TemporaryDirectory(prefix="vetter-fuzz-") if mode != "memory" else _no_dir() as tmp:
        try:
            sources = build_package(full, mode, seed, Path(tmp))
        except LoadError:
            sources = []  # an unreadable top-level input is a usage error (exit 2), which is allowed
        except Exception as exc:
            out.failures.append((_signature("load", exc), traceback.format_exc(limit=-3)))
            sources = []
        packages = []
        for source in sources:
            try:
                if isinstance(source, tuple):
                    package = source[1]
                    from vetter.engine.runner import run_rules

                    result = run_rules(package, eng["catalog"], eng["settings"])
                else:
                    package = None
                    result = check_source(source, eng["catalog"], eng["settings"], _options())
                report.packages.append(result)
                packages.append(package)
            except Exception as exc:
                out.failures.append((_signature("scan", exc), traceback.format_exc(limit=-3)))
        for result in report.packages:
            for f in result.findings:
                if f.rule in ("VET001", "VET002"):
                    sig = f"{f.rule}:{f.message[:60]}"
                    known = next((why for prefix, why in KNOWN.items() if f.message.startswith(prefix)), None)
                    if known:
                        out.known.append((sig, known))
                    else:
                        out.failures.append((sig, f.message))
        _render_and_validate(out, "scan", report, render_scan, eng["report"], to_dict)
        if report.exit_code not in (0, 1):
            out.failures.append(("exit", f"scan exit code {report.exit_code}"))
        if cli and sources and not isinstance(sources[0], tuple):
            _through_cli(out, sources[0].path)
    mid = package_from_files("mid", half, kind="folder")
    new = package_from_files("new", full, kind="folder")
    from vetter.compare.report import to_dict as diff_dict

    pairs = ((old, new), (new, old), (mid, new))
    for a, b in (pairs[seed % 3],):  # one diff per case, each kind of pair in turn
        try:
            result = diff_packages(a, b)
        except DiffError:
            continue
        except Exception as exc:
            out.failures.append((_signature("diff", exc), traceback.format_exc(limit=-3)))
            continue
        _render_and_validate(out, "diff", result, render_diff, eng["diff"], diff_dict)
        if result.exit_code not in (0, 1):
            out.failures.append(("exit", f"diff exit code {result.exit_code}"))
    if seed % FIX_EVERY == 0:
        _fix_and_check(out, full)
    out.seconds = time.process_time() - start
    if out.seconds > TIME_BOUND:
        out.failures.append(("slow", f"{out.seconds:.1f} s > {TIME_BOUND} s"))
    return out


FIX_EVERY = 4
"""One case in this many also goes through ``vetter fix`` (all rules, unsafe fixes too)."""


def _fix_and_check(out: Outcome, files: dict[str, bytes]) -> None:
    """``vetter fix`` on the mutant: no crash, no file left less valid, a diff that rebuilds each
    changed file as ``patch`` would, and a second run that changes nothing (when every fix applied)."""
    from vetter.commands.fix import diff_lines, fix_package, unified_diff
    from vetter.model.jsonfile import JsonFile
    from vetter.model.package import package_from_files

    eng = engine()
    try:
        package = package_from_files("fix", files, kind="folder")
        result = fix_package(package, eng["catalog"], eng["settings"], _options(), unsafe=True)
        for name in result.changed:
            before, after = package.json_files[name], JsonFile(name, result.files[name])
            worse = {p.kind for p in after.problems} - {p.kind for p in before.problems}
            if not after.parsed or worse:
                out.failures.append((f"fix-worse:{sorted(worse) or 'unparsed'}", name))
                continue
            diff = unified_diff(name, package.files[name], result.files[name], result.kept[name])
            try:
                rebuilt = apply_unified(diff_lines(package.files[name].decode("utf-8", "replace")), diff)
            except AssertionError as exc:
                rebuilt, why = None, f"{exc}"
            else:
                why = "the hunks rebuild another text"
            if rebuilt != diff_lines(result.files[name].decode("utf-8", "replace")):
                out.failures.append(("fix-diff", f"{name}: {why}"))
        if result.changed and not result.dropped:
            again = fix_package(package_from_files("fix", result.files, kind="folder"), eng["catalog"], eng["settings"], _options(), unsafe=True)
            if again.changed:
                out.failures.append((f"fix-again:{sorted(again.fixed)}", ", ".join(again.changed)))
    except Exception as exc:
        out.failures.append((_signature("fix", exc), traceback.format_exc(limit=-3)))


class _no_dir:
    def __enter__(self) -> str:
        return ""

    def __exit__(self, *exc: object) -> None:
        return None


@lru_cache(maxsize=16)
def _base_package(base: str) -> Any:
    """The unmutated base, parsed once (packages are read-only; its views are cached)."""
    from vetter.model.package import package_from_files

    return package_from_files("old", base_files(base), kind="folder")


def _options() -> Any:
    from vetter.model.options import RunOptions

    return RunOptions()


def _render_and_validate(out: Outcome, what: str, model: Any, renderers: Any, validator: Any, to_dict: Any) -> None:
    """The JSON model against its schema, then every format the CLI offers rendered from it."""
    from vetter.render.formats import FORMATS, render

    try:
        data = json.loads(renderers.render_json(model))
    except Exception as exc:
        out.failures.append((_signature(f"{what}-render_json", exc), traceback.format_exc(limit=-3)))
        return
    errors = list(validator.iter_errors(data))
    if errors:
        out.failures.append((f"{what}-schema:{errors[0].message[:60]}", str(errors[0])))
        return
    for fmt in FORMATS:
        try:
            render(data, fmt).encode("utf-8")  # what --output and a UTF-8 terminal do
        except Exception as exc:
            out.failures.append((_signature(f"{what}-{fmt}", exc), traceback.format_exc(limit=-3)))


def _through_cli(out: Outcome, path: Path) -> None:
    from click.testing import CliRunner

    from vetter.cli import main

    for args in (["scan", str(path), "--format", "json"], ["diff", str(path), str(path), "--format", "markdown"]):
        res = CliRunner().invoke(main, args)
        if res.exit_code not in (0, 1, 2):
            out.failures.append((f"cli-exit:{args[0]}:{res.exit_code}", f"{res.output[-300:]}"))
        elif res.exit_code == 2 and ("internal error" in res.output or "Traceback" in res.output):
            out.failures.append((f"cli-internal:{args[0]}:{res.output.strip()[:60]}", res.output[-500:]))


# -- generating and shrinking --------------------------------------------------------------
def random_case(r: random.Random, bases: list[str]) -> Case:
    n = r.choice([1, 1, 2, 2, 3, 4])
    mutations = tuple((r.choice(MUTATION_KINDS), r.randrange(2**32)) for _ in range(n))
    mode = r.choices(["memory", "folder", "zip"], weights=[8, 1, 1])[0]
    return Case(r.choice(bases), mutations, mode)


def minimise(case: Case, signature: str) -> Case:
    """Drop mutations one at a time while the same failure still happens."""
    def still_fails(c: Case) -> bool:
        return any(sig == signature for sig, _ in run_case(c).failures)

    current = case
    changed = True
    while changed and len(current.mutations) > 1:
        changed = False
        for i in range(len(current.mutations)):
            trial = Case(current.base, current.mutations[:i] + current.mutations[i + 1 :], current.mode)
            if trial.mutations and still_fails(trial):
                current, changed = trial, True
                break
    if current.mode != "memory":
        trial = Case(current.base, current.mutations, "memory")
        if still_fails(trial):
            current = trial
    return current


def write_reproducer(case: Case, signature: str, detail: str, folder: Path) -> Path:
    """The case, its signature and the mutated files, ready to become a regression fixture."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.json").write_text(case.to_json() + "\n")
    (folder / "failure.txt").write_text(f"{signature}\n\n{detail}\n", errors="backslashreplace")
    files = mutate(base_files(case.base), case.mutations)
    for name, raw in files.items():
        target = folder / "package" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    return folder


def apply_unified(old: list[str], diff: str) -> list[str]:
    """``old`` (a file's ``fix.diff_lines``) with one file's unified diff applied, as ``patch`` would:
    each context and removed line must be there, at the line its hunk names."""
    from vetter.commands.fix import diff_lines

    out: list[str] = []
    at, i = 0, 0
    lines = diff_lines(diff)[2:]
    while i < len(lines):
        ranges = re.match(r"@@ -(\d+)(?:,(\d+))? ", lines[i])
        assert ranges is not None, lines[i]
        start = int(ranges.group(1)) - (0 if ranges.group(2) == "0" else 1)
        assert start >= at, lines[i]
        out += old[at:start]
        at = start
        i += 1
        while i < len(lines) and not lines[i].startswith("@@"):
            line = lines[i]
            if i + 1 < len(lines) and lines[i + 1] == "\\ No newline at end of file\n":
                line, i = line[:-1], i + 1
            if line[0] in " -":
                assert old[at] == line[1:], (at, line)
                at += 1
            if line[0] in " +":
                out.append(line[1:])
            i += 1
    return out + old[at:]
