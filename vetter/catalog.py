"""Discover rules: built-in ones, ``vetter.rules`` entry points, ``--rules-dir``.

A rule module is any non-underscore ``.py`` file under a rules folder that
defines ``RULE`` and ``check``. Modules are imported by path (no global
registry, no import side effects), checked (id format, unique id and name,
docstring present) and returned as an immutable, sorted ``Catalog``.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from vetter.rule import Rule, Severity

ID_PATTERN = re.compile(r"^[A-Z]{3}\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ENTRY_POINT_GROUP = "vetter.rules"
_REFERENCES = re.compile(r"^## References\s*\n(.*?)(?:\n## |\Z)", re.MULTILINE | re.DOTALL)
_URL = re.compile(r"https?://[^\s)>\]]+")


class CatalogError(Exception):
    """A rule pack is malformed (reported by the CLI as a tool error, exit 2)."""


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    check: Callable[..., Iterable[Any]]
    doc: str
    source: str  # file the rule came from
    takes_options: bool = False  # check(package, options) rather than check(package)
    options_type: type | None = None  # the rule's OPTIONS dataclass, if it declares one

    def run(self, package: Any, options: Any) -> Iterable[Any]:
        return self.check(package, options) if self.takes_options else self.check(package)

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""

    @property
    def docs(self) -> str:
        """The docstring, dedented: summary line, then the Markdown sections."""
        import textwrap

        first, _, rest = self.doc.strip("\n").partition("\n")
        return (first.strip() + "\n" + textwrap.dedent(rest)).strip() + "\n"

    @property
    def references(self) -> tuple[str, ...]:
        """The URLs listed under the docstring's ``## References``."""
        match = _REFERENCES.search(self.docs)
        return tuple(_URL.findall(match.group(1))) if match else ()


# Engine findings that are not produced by a rule module.
ENGINE_RULES = {
    "VET001": Rule("VET001", "rule-crashed", "engine", Severity.ERROR),
    "VET002": Rule("VET002", "package-check-failed", "engine", Severity.ERROR),
}
ENGINE_DOCS = {
    "VET001": """A rule raised an exception while checking this package.

## Why
A crashing rule means part of the package was not checked. vetter reports it
and goes on with the other rules, so the report is never silently incomplete.

## How to fix
Report the message to the rule's authors. The package may hold an input the
rule did not expect; the other findings are still valid.
""",
    "VET002": """vetter failed while reading or checking this package.

## Why
An unexpected error outside any one rule (reading the package, locating findings)
stopped the checks of this package. vetter reports it as this package's finding and
goes on with the other packages of the scan, so one hostile or broken package cannot
stop a portfolio scan, and the report says which package was not fully checked.

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
        for r in self.rules:
            for alias in r.rule.aliases:
                self.by_alias.setdefault(alias.lower(), r)

    def __iter__(self) -> Iterator[LoadedRule]:
        return iter(self.rules)

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
    here = Path(__file__).resolve().parent
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
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if any(part.startswith("_") for part in rel.parts):
            continue
        module_name = namespace + "." + ".".join(rel.with_suffix("").parts)
        out.append(_from_module(_import_path(module_name, path), str(path)))
    return out


def _import_path(module_name: str, path: Path) -> ModuleType:
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise CatalogError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
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
    doc = module.__doc__ or ""
    if not doc.strip():
        raise CatalogError(f"{source}: rule {rule.id} has no docstring")
    return LoadedRule(rule, check, doc, source, _takes_options(check), getattr(module, "OPTIONS", None))


def _takes_options(check: Callable[..., Any]) -> bool:
    import inspect

    try:
        params = [p for p in inspect.signature(check).parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return False
    return len(params) >= 2


def _load_entry_points() -> list[LoadedRule]:
    from importlib.metadata import entry_points

    out: list[LoadedRule] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
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
