"""Discover rules: built-in ones, ``vetter.rules`` entry points, ``--rules-dir``.

A rule module is any non-underscore ``.py`` file under a rules folder that
defines ``RULE`` and ``check``. Modules are imported by path (no global
registry, no import side effects), checked (id format, unique id and name,
docstring present) and returned as an immutable, sorted ``Catalog``.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from importlib.machinery import ModuleSpec, SourceFileLoader
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from vetter.base.rule import Fixability, Rule, Severity

if TYPE_CHECKING:
    from vetter.model.options import RunOptions
    from vetter.model.package import ConnectorPackage

ID_PATTERN = re.compile(r"^[A-Z]{3}\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ENTRY_POINT_GROUP = "vetter.rules"
# the section: its lines up to the next "## " heading, read a line at a time (a lazy ".*?" tried the end at every character)
_REFERENCES = re.compile(r"^## References\s*\n([^\n]*(?:\n(?!## )[^\n]*)*)", re.MULTILINE)
_URL = re.compile(r"https?://[^\s)>\]]+")
# The severity policy (docs/severity.md): a rule's "## Severity" section opens with its ground.
GROUNDS = ("blocking", "breaks", "security", "advice")
_GROUND = re.compile(r"^## Severity[ \t]*\n+Ground: (\w+) — (.+?)(?:\n\n|\n## |\Z)", re.MULTILINE | re.DOTALL)


_WHITESPACE_ONLY = re.compile(r"^[ \t]+$", re.MULTILINE)  # textwrap.dedent's: such lines become empty
_FLUSH_LINE = re.compile(r"^[^ \t\n]", re.MULTILINE)  # a line that starts with text: no margin to take away


def _dedent(text: str) -> str:
    """``textwrap.dedent(text)``, without its per-line loop for the usual rule docstring.

    A module's docstring starts its lines at column 0, so some line begins with text and the
    common margin is empty: dedent then only empties the whitespace-only lines, and a text with
    no space or tab before a line end has none. Any other text goes to ``textwrap.dedent``
    (``tests/test_catalog.py`` compares the two on every rule's docstring and on indented ones).
    A report lists every rule's docs, and dedent's loop cost a scan about 2 ms of its start-up.
    """
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        text = _WHITESPACE_ONLY.sub("", text)
    if _FLUSH_LINE.search(text) is not None:
        return text
    import textwrap

    return textwrap.dedent(text)


def severity_ground(doc: str) -> tuple[str, str] | None:
    """``(ground, reason)`` from the first line of a docstring's ``## Severity`` section, if it has one.

    ``ground`` is one of ``GROUNDS`` when the rule follows the policy; the reason is its
    first paragraph, on one line.
    """
    match = _GROUND.search(doc)
    if match is None:
        return None
    return match.group(1), " ".join(match.group(2).split())


class CatalogError(Exception):
    """A rule pack is malformed (reported by the CLI as a tool error, exit 2)."""


class LoadedRule(Struct, frozen=True, dict=True):
    """A rule module as discovered: its metadata, its check function, its docstring and where it came from."""

    rule: Rule
    check: Callable[..., Iterable[Any]]
    doc: str
    source: str  # file the rule came from
    takes_options: bool = False  # check(package, options) rather than check(package)
    options_type: type | None = None  # the rule's OPTIONS class (a msgspec Struct or a dataclass), if it declares one

    def run(self, package: ConnectorPackage, options: RunOptions) -> Iterable[Any]:
        return self.check(package, options) if self.takes_options else self.check(package)

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def summary(self) -> str:
        text = self.doc.strip()  # its first line: only the text before the first "\n" is split
        return text.partition("\n")[0].splitlines()[0].strip() if text else ""

    @cached_property
    def docs(self) -> str:
        """The docstring, dedented: summary line, then the Markdown sections (worked out once: a report lists every rule's)."""
        first, _, rest = self.doc.strip("\n").partition("\n")
        return (first.strip() + "\n" + _dedent(rest)).strip() + "\n"

    @property
    def ground(self) -> str | None:
        """The severity ground the docs state (blocking, breaks, security or advice)."""
        found = severity_ground(self.docs)
        return found[0] if found else None

    @property
    def references(self) -> tuple[str, ...]:
        """The URLs listed under the docstring's ``## References``."""
        docs = self.docs
        start = docs.find("## References")  # a match starts at an occurrence: the search begins at the first
        match = _REFERENCES.search(docs, start) if start >= 0 else None
        return tuple(_URL.findall(match.group(1))) if match else ()


# Rules that no longer exist, with what does their job now: a config, baseline or command line
# that names one gets this sentence instead of "no rule matches".
RETIRED = {
    "SEC001": (
        "auth-definitions-disagree",
        "SEC001 (auth-definitions-disagree) was retired: its checks are XFL001, XFL002 and XFL003 "
        "(security-definition-unmatched, connection-auth-undeclared, oauth-endpoint-mismatch), "
        "which report each disagreement of swagger and apiProperties once",
    ),
}


def retired(ref: str) -> str | None:
    """Why ``ref`` (an id or a name) names no rule any more, or None when it never did."""
    for rule_id, (name, why) in RETIRED.items():
        if ref.upper() == rule_id or ref.lower() == name:
            return why
    return None


# Engine findings that are not produced by a rule module.
ENGINE_RULES = {
    "VET001": Rule("VET001", "rule-crashed", "engine", Severity.ERROR),
    "VET003": Rule("VET003", "waiver-unused", "gate", Severity.WARNING),
    "VET004": Rule("VET004", "waiver-expired", "gate", Severity.WARNING),
    "VET005": Rule("VET005", "waiver-malformed", "gate", Severity.ERROR),
    "VET006": Rule("VET006", "package-deleted", "gate", Severity.ERROR),
    "VET013": Rule("VET013", "approvals-file-invalid", "gate", Severity.ERROR),
    "VET014": Rule("VET014", "approval-drift", "gate", Severity.ERROR),
    "VET015": Rule("VET015", "approval-missing", "gate", Severity.WARNING),
    "VET002": Rule("VET002", "package-check-failed", "engine", Severity.ERROR),
    "VET010": Rule("VET010", "package-check-cut-short", "engine", Severity.ERROR),
    "VET011": Rule("VET011", "findings-truncated", "engine", Severity.WARNING),
    "VET012": Rule("VET012", "online-checks-cut-short", "engine", Severity.ERROR),
}
ENGINE_DOCS = {
    "VET001": """A rule raised an exception while checking this package.

## Why
A crashing rule means part of the package was not checked. vetter reports it
and goes on with the other rules, so the report is never silently incomplete.
A rule that tried to reach the network or run a program while it ran (itself, or a
library it called) gets this finding too: vetter refuses those calls while rules run
("vetter refused ..." in the message), and the rule's check did not finish as written.

## Severity
Ground: breaks — the check itself broke: part of the package was not checked, so a result
without this finding would claim more than vetter knows.

## How to fix
Report the message to the rule's authors. The package may hold an input the
rule did not expect; the other findings are still valid.
""",
    "VET003": """A waiver in the configuration matches no finding.

## Why
Waivers record accepted risk. One that matches nothing is either obsolete (the
problem was fixed) or mistyped (its rule, package or pointer glob is wrong and the
finding it was meant for still fails the gate). Either way the file no longer says
what is true.

## Severity
Ground: advice — the gate's result is unchanged; the configuration needs tidying.

## How to fix
Remove the `[[waiver]]` table, or correct its `rule`, `package` or `pointer` so it
matches the finding shown in the report.
""",
    "VET004": """A waiver in the configuration has expired.

## Why
Waivers carry an expiry date so accepted risk is reviewed again. After that date
the waiver no longer applies: the findings it matched count towards the gate again.

## Severity
Ground: advice — the findings it covered count again on their own; the waiver needs review.

## How to fix
Fix the findings, or review the risk with the waiver's owner and set a new
`expires` date with an updated `reason`.
""",
    "VET005": """A waiver in the configuration is malformed and waives nothing.

## Why
Every waiver needs `rule`, `package`, `pointer`, `reason`, `owner` and `expires`
(a date), so accepted risk is always explained, owned and reviewed. A waiver that
lacks one of them, or names no rule that exists, is ignored.

## Severity
Ground: breaks — the gate's configuration does not do what its author wrote: the waiver
waives nothing.

## How to fix
Add the missing keys (see docs/ci.md for an example), or correct the rule reference.
""",
    "VET006": """A connector package that existed at the compared git revision was deleted.

## Why
Deleting a published connector breaks every flow and app built on it, in every
tenant. Microsoft's reviewers refuse deletions; the remedy is deprecation.

## Severity
Ground: breaks — every flow and app that uses the deleted connector fails.

## How to fix
Restore the package and deprecate its operations (`deprecated: true`), or, if the
deletion is intended, waive this finding with a reason and an owner.
""",
    "VET013": """The approvals decision file is malformed, or an entry in it was tampered with.

## Why
`vetter scan --approvals FILE` trusts an approval only as recorded by `vetter approve`:
each `[[approval]]` carries the SHA-256 digest of its content and of the entry before it.
A file that is not valid TOML, has no `format = "vetter-approvals-v1"`, or holds an entry
with missing or mistyped keys, a digest that no longer matches (edited by hand) or a broken
chain (an entry removed, reordered or inserted) cannot say what was approved. The entry
approves nothing, and the packages it was for are reported as never approved.

## How to fix
Restore the file from git history (`git log -p FILE` shows the change), or approve the
package again with `vetter approve`; never edit an entry by hand.

## Severity
Ground: security — the record of security decisions cannot be trusted.
""",
    "VET014": """A package changed since it was approved.

## Why
An approval is given for one version: its content hash, hosts, auth, personal-data
operations and risk score are recorded in the decision file. When the package changes,
the approval no longer covers it. The finding names the security-relevant difference:
new hosts, a changed auth kind or identity, new operations that send personal data, a
higher risk score (and any other key of the identity, such as a tool list, that differs).
The approval's waivers stop applying.

## How to fix
Review the difference and approve the new version (`vetter approve PKG --reviewer NAME
--note TEXT`), or revert the change.

## Severity
Ground: security — `error` when data now goes to a host, as an identity or with personal
data that nobody approved, or the score rose; `warning` when only the content changed;
`info` when the content is the approved one but this vetter (another version or rule set)
sees more than it did.
""",
    "VET015": """A package has never been approved in the decision file.

## Why
With `--approvals FILE` every package scanned is expected to have a recorded decision.
One without an entry was never reviewed (or moved: entries are keyed by the package's
path relative to the decision file's folder).

## How to fix
Review the package (its findings, risk score and the questions for its publisher) and
record the decision with `vetter approve PKG --reviewer NAME --note TEXT`.

## Severity
Ground: advice — a reviewer should act; nothing in the package is wrong.
""",
    "VET010": """vetter stopped checking this package at its time or memory budget.

## Why
Every input is checked in time linear in its size, but a package near the size limits
(tens of thousands of operations in a 30 MB definition) can still take minutes and
gigabytes, and one shape costs more than its size: a key of thousands of characters with
thousands of places below it, since every place's JSON pointer repeats the key (in the
index and in each finding; docs/robustness.md). Each package has a wall-clock and a
memory budget (`--budget-seconds`, `--budget-memory`); past either, its check stops, the
rest of the portfolio goes on, and this finding names what was running. The package was not fully checked: the run is never
a PASS, and the findings of the rules that had run are not listed.

## How to fix
Split the connector or trim its definition (real connectors are well under 2 MB; a small
file that reaches the memory budget has a shape built for it, such as the long key above).
If the package is genuine and the machine is slow, raise the budget for this run with
`--budget-seconds` or `--budget-memory`.

## Severity
Ground: security — an unchecked package must not pass the gate (a hostile package can
aim at the budget to skip the checks).
""",
    "VET011": """A rule found more problems than vetter lists for one package.

## Why
A package that repeats one defect tens of thousands of times produces reports of
hundreds of megabytes that no reviewer reads and every renderer struggles with. vetter
lists the first findings of each rule per package (10,000) and says here how many more
there were.

## How to fix
Fix the listed findings: they are the same problem repeated. Scan again to see the rest.

## Severity
Ground: security — a list cut short must not hide an error from the gate: this finding
takes the severity of the most severe finding it leaves out (a warning when those are
warnings, and so on).
""",
    "VET012": """The --online checks stopped at their budget: some hosts were not checked.

## Why
`--online` resolves each host and checks its certificate, a few seconds per host with a
slow resolver. A package with hundreds of hosts could hold a CI job for hours, so the
online checks of a run share one budget (`--online-budget`, seconds). Hosts past it were
not resolved or connected to: what those checks would have found (private addresses,
invalid certificates) is unknown.

## How to fix
Raise `--online-budget` for this run, or check the named hosts by hand. A connector
rarely calls more than a handful of hosts: many hosts are worth a look in themselves.

## Severity
Ground: security — the checks that were asked for did not run on these hosts; the run
must not read as if they passed.
""",
    "VET002": """vetter failed while reading or checking this package.

## Why
An unexpected error outside any one rule (reading the package, locating findings)
stopped the checks of this package. vetter reports it as this package's finding and
goes on with the other packages of the scan, so one hostile or broken package cannot
stop a portfolio scan, and the report says which package was not fully checked.

## Severity
Ground: breaks — the check itself broke: this package was not fully checked.

## How to fix
Report the message to vetter's authors with the package (or the smallest file that
shows the error). The findings listed for this package before the error, and every
other package's findings, are still valid.
""",
}


class Catalog:
    def __init__(self, rules: Iterable[LoadedRule]) -> None:
        self.rules: tuple[LoadedRule, ...] = tuple(sorted(rules, key=lambda r: r.id))
        self.by_id = {r.id: r for r in self.rules}
        self.by_name = {r.rule.name: r for r in self.rules}
        self.by_alias: dict[str, LoadedRule] = {}
        self._plans: dict[frozenset[str], tuple[LoadedRule, ...]] = {}  # package_rules, per selection
        for r in self.rules:
            for alias in r.rule.aliases:
                self.by_alias.setdefault(alias.lower(), r)

    def __iter__(self) -> Iterator[LoadedRule]:
        return iter(self.rules)

    def package_rules(self, selected: frozenset[str]) -> tuple[LoadedRule, ...]:
        """The rules of ``selected`` that check a package, in order (worked out once per selection)."""
        plan = self._plans.get(selected)
        if plan is None:
            plan = self._plans[selected] = tuple(r for r in self.rules if r.id in selected and r.rule.scope == "package")
        return plan

    def __len__(self) -> int:
        return len(self.rules)

    def lookup(self, ref: str) -> LoadedRule | None:
        """One rule by id, name or alias (case-insensitive for aliases)."""
        return self.by_id.get(ref.upper()) or self.by_name.get(ref.lower()) or self.by_alias.get(ref.lower())

    def select(self, ref: str) -> set[str]:
        """Rule ids matched by an id, id prefix, name, alias, category or tag."""
        if ref.upper() == "ALL":
            return set(self.by_id)
        one = self.lookup(ref)
        if one is not None:
            return {one.id}
        low = ref.lower()
        return {
            r.id
            for r in self.rules
            if r.id.startswith(ref.upper()) or r.rule.category == low or low in r.rule.tags
        }


def builtin_rules_dir() -> Path:
    """``rules/`` beside the package (source checkout) or ``vetter/_rules`` (wheel)."""
    here = Path(__file__).resolve().parent.parent
    bundled = here / "_rules"
    return bundled if bundled.is_dir() else here.parent / "rules"


def discover(extra_dirs: Iterable[Path] = (), *, entry_points: bool = True) -> Catalog:
    loaded: list[LoadedRule] = []
    loaded.extend(load_dir(builtin_rules_dir(), "vetter_builtin_rules"))
    if entry_points:
        loaded.extend(_load_entry_points())
    for i, d in enumerate(extra_dirs):
        if not Path(d).is_dir():
            raise CatalogError(f"--rules-dir {d}: not a directory")
        loaded.extend(load_dir(Path(d), f"vetter_user_rules_{i}"))
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for r in loaded:
        if r.id in seen_ids or r.id in ENGINE_RULES:
            raise CatalogError(f"rule id {r.id} is defined twice ({seen_ids.get(r.id, 'engine')} and {r.source})")
        if r.rule.name in seen_names:
            raise CatalogError(f"rule name {r.rule.name} is defined twice ({seen_names[r.rule.name]} and {r.source})")
        seen_ids[r.id] = r.source
        seen_names[r.rule.name] = r.source
    return Catalog(loaded)


def load_dir(root: Path, namespace: str) -> list[LoadedRule]:
    """Every rule module under ``root``; one in a sub-folder belongs to that folder's category.

    Discovery runs on every start and its cost is per rule, so the modules' code
    objects are kept in one bundle file (``_RuleBundle``) instead of being found
    and read one ``.pyc`` at a time by the import system.
    """
    out = []
    base = os.fspath(root)
    bundle = _RuleBundle(base)
    for rel, stamp in _rule_files(base):
        path = os.path.join(base, *rel)
        module_name = namespace + "." + ".".join((*rel[:-1], rel[-1][:-3]))
        module = sys.modules.get(module_name)
        if module is None:
            module = _exec_module(module_name, path, bundle.code("/".join(rel), stamp, module_name, path))
        loaded = _from_module(module, path)
        folder = rel[0] if len(rel) > 1 else None
        if folder is not None and loaded.rule.category != folder:
            raise CatalogError(
                f"{path}: rule {loaded.id} has category {loaded.rule.category!r} but sits in the "
                f"{folder!r} folder (a rule's category is its folder)"
            )
        out.append(loaded)
    bundle.save()
    return out


def _rule_files(base: str, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], tuple[int, int]]]:
    """``(relative path as parts, (mtime_ns, size))`` of the ``.py`` files under ``base``,
    sorted, walked with ``os.scandir``; names starting with ``_`` or ``.`` are skipped."""
    found: list[tuple[tuple[str, ...], tuple[int, int]]] = []
    try:
        with os.scandir(os.path.join(base, *prefix)) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith(("_", ".")):
            continue
        if entry.is_dir():
            found.extend(_rule_files(base, (*prefix, entry.name)))
        elif entry.name.endswith(".py"):
            st = entry.stat()
            found.append(((*prefix, entry.name), (st.st_mtime_ns, st.st_size)))
    return sorted(found)


class _RuleBundle:
    """The compiled code of every rule module of one folder, in one file.

    ``<folder>/__pycache__/vetter-rules.<cache tag>.bundle`` maps each module's
    relative path to its source's (mtime_ns, size) and code object, like a
    ``.pyc`` does for one module. A module whose stamp differs is compiled
    again (through the import system's own ``.pyc``), and the bundle rewritten;
    a folder where it cannot be written works as before, only slower. Reading
    one file and executing the code costs ~30 µs a rule, importing each module
    the usual way ~150 µs.
    """

    def __init__(self, base: str) -> None:
        self.path = os.path.join(base, "__pycache__", f"vetter-rules.{sys.implementation.cache_tag}.bundle")
        self.codes: dict[str, tuple[tuple[int, int], Any]] = {}
        self.used: set[str] = set()
        self.dirty = False
        try:
            with open(self.path, "rb") as fh:
                magic, codes = marshal.loads(fh.read())
            if magic == importlib.util.MAGIC_NUMBER and isinstance(codes, dict):
                self.codes = codes
        except Exception:  # absent, unreadable or from another vetter: rebuilt below
            self.codes = {}

    def code(self, rel: str, stamp: tuple[int, int], module_name: str, path: str) -> Any:
        self.used.add(rel)
        hit = self.codes.get(rel)
        if hit is not None and tuple(hit[0]) == stamp:
            return hit[1]
        try:
            code = SourceFileLoader(module_name, path).get_code(module_name)
        except Exception as exc:  # a syntax error in a rule pack is a tool error, not a traceback
            raise CatalogError(f"{path}: {type(exc).__name__}: {exc}") from exc
        self.codes[rel] = (stamp, code)
        self.dirty = True
        return code

    def save(self) -> None:
        if set(self.codes) != self.used:
            self.codes = {k: v for k, v in self.codes.items() if k in self.used}
            self.dirty = True
        if not self.dirty:
            return
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            tmp = f"{self.path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                fh.write(marshal.dumps((importlib.util.MAGIC_NUMBER, self.codes)))
            os.replace(tmp, self.path)
        except OSError:  # a read-only install: the next start compiles from .pyc again
            pass


def _exec_module(module_name: str, path: str, code: Any) -> ModuleType:
    loader = SourceFileLoader(module_name, path)
    module = ModuleType(module_name)
    module.__file__ = path
    module.__loader__ = loader
    module.__spec__ = ModuleSpec(module_name, loader, origin=path)
    module.__spec__.has_location = True
    sys.modules[module_name] = module
    try:
        exec(code, module.__dict__)
    except Exception as exc:  # a broken rule pack is a tool error, not a traceback
        del sys.modules[module_name]
        raise CatalogError(f"{path}: {type(exc).__name__}: {exc}") from exc
    return module


def _from_module(module: ModuleType, source: str) -> LoadedRule:
    rule = getattr(module, "RULE", None)
    check = getattr(module, "check", None)
    if not isinstance(rule, Rule) or not callable(check):
        raise CatalogError(f"{source}: a rule module needs RULE = Rule(...) and a check(package) function")
    if not ID_PATTERN.match(rule.id):
        raise CatalogError(f"{source}: rule id {rule.id!r} is not three capitals and three digits")
    if not NAME_PATTERN.match(rule.name):
        raise CatalogError(f"{source}: rule name {rule.name!r} is not kebab-case")
    if not isinstance(rule.fix, Fixability):
        raise CatalogError(f"{source}: rule {rule.id} fix must be Fixability.NONE, SAFE or UNSAFE, not {rule.fix!r}")
    doc = module.__doc__ or ""
    if not doc.strip():
        raise CatalogError(f"{source}: rule {rule.id} has no docstring")
    return LoadedRule(rule, check, doc, source, _takes_options(check), getattr(module, "OPTIONS", None))


def _takes_options(check: Callable[..., Any]) -> bool:
    code = getattr(check, "__code__", None)
    if code is not None and not getattr(check, "__defaults__", None):  # a plain function: no inspect needed
        return bool(code.co_argcount >= 2)
    import inspect

    try:
        params = [p for p in inspect.signature(check).parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return False
    return len(params) >= 2


def _rule_pack_entry_points() -> list[Any]:
    """The ``vetter.rules`` entry points of the installed distributions, cheaply.

    ``importlib.metadata.entry_points()`` parses the metadata of every installed
    distribution (tens of milliseconds on a machine with a few hundred). Instead,
    the ``entry_points.txt`` files on ``sys.path`` are read as bytes and only
    those that mention the group are parsed, by importlib.metadata itself
    (``Distribution.at``); with no rule pack installed it is not even imported.
    The first distribution of a name on ``sys.path`` wins, as in importlib.metadata.
    The working directory is skipped (``python -m vetter`` puts it on ``sys.path``): it is
    usually the repository being scanned, and rule packs are code (docs/security.md).
    """
    import os

    found: list[str] = []  # metadata folders whose entry_points.txt names the group
    seen: set[str] = set()
    cwd = os.getcwd()
    for entry in sys.path:
        if not entry or entry == cwd:
            continue
        try:
            with os.scandir(entry) as it:
                names = sorted(e.name for e in it if e.name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
        for name in names:
            dist = name.rsplit(".", 1)[0].split("-", 1)[0].lower().replace("_", "-").replace(".", "-")
            if dist in seen:
                continue
            seen.add(dist)
            try:
                with open(os.path.join(entry, name, "entry_points.txt"), "rb") as fh:
                    raw = fh.read()
            except OSError:
                continue
            if ENTRY_POINT_GROUP.encode() in raw:
                found.append(os.path.join(entry, name))
    if not found:
        return []
    from importlib.metadata import Distribution

    points: list[Any] = []
    for folder in found:
        points.extend(Distribution.at(folder).entry_points.select(group=ENTRY_POINT_GROUP))
    return points


def _load_entry_points() -> list[LoadedRule]:
    out: list[LoadedRule] = []
    for ep in sorted(_rule_pack_entry_points(), key=lambda e: e.name):
        try:
            target = ep.load()
        except Exception as exc:
            raise CatalogError(f"rule pack {ep.name}: {type(exc).__name__}: {exc}") from exc
        if isinstance(target, ModuleType) and hasattr(target, "RULE"):
            out.append(_from_module(target, ep.value))
        elif isinstance(target, ModuleType) and hasattr(target, "__path__"):
            for base in target.__path__:
                out.extend(load_dir(Path(base), f"vetter_ep_{ep.name}"))
        elif callable(target):  # a function returning modules
            out.extend(_from_module(m, ep.value) for m in target())
        else:
            raise CatalogError(f"rule pack {ep.name}: entry point must be a rule module, a package of rules, or a function returning rule modules")
    return out
