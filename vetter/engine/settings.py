"""Configuration: ``vetter.toml`` or ``[tool.vetter]`` in ``pyproject.toml``.

```toml
select = ["ALL"]              # ids, id prefixes ("SWG"), names, aliases, categories, tags
ignore = ["PKG003"]
fail-on = "error"             # error | warning | info | never
profile = "certified"         # certified | independent-publisher | custom (default: detected)
residency = ["EU", "UK"]      # allowed geographies (default: reported, not judged)
baseline = "vetter-baseline.json"  # known findings (see docs/ci.md)
[severity]
SWG001 = "warning"            # per-rule override (id, name or alias)
[rule-options.RULE-ID]        # options a rule declares (its OPTIONS class)
some-option = 3
[[waiver]]                    # accepted risk: all six keys required (vetter.engine.gate)
rule = "SEC004"
package = "connectors/Contoso"
pointer = "/host"
reason = "..."
owner = "team@contoso.com"
expires = 2027-03-31
```

Command-line flags override the file. Unknown keys and unknown rule
references are errors (exit 2), with close matches suggested.

Trust: a file given with ``--config`` is the user's choice and may load code
(``rules-dir``). A file *found* by the upward search may belong to the
repository being scanned: it may select, ignore, set severities, a baseline
and waivers (every report names it and what it changed), but a ``rules-dir``
in it is refused with a one-line error (exit 2). ``--isolated`` ignores every
discovered file (and, as in ruff, cannot be combined with ``--config``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from vetter.base.rule import Rule, Severity

if TYPE_CHECKING:
    from vetter.engine.catalog import Catalog

FAIL_ON = ("error", "warning", "info", "never")
_KEYS = {"select", "ignore", "fail-on", "severity", "rules-dir", "profile", "residency", "rule-options", "baseline", "waiver"}


class SettingsError(Exception):
    pass


class Settings(Struct):
    """What the configuration file and the command line set for a run."""

    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    rules_dirs: list[Path] = field(default_factory=list)
    profile: str | None = None
    residency: list[str] | None = None
    rule_options_raw: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule ref -> table
    baseline: Path | None = None  # baseline file (vetter.engine.gate), relative to the config file
    waivers_raw: Any = None  # the [[waiver]] tables, checked by vetter.engine.gate.parse_waivers
    text: str = ""  # the config file's text (waiver findings point at their line)
    source: str | None = None  # the config file read, if any
    found: str = "none"  # how the config file was chosen: given (--config) | discovered | none | isolated
    from_config: frozenset[str] = frozenset()  # the keys the config file set
    from_command_line: dict[str, list[str]] = field(default_factory=dict)  # select/ignore/fail-on/baseline given as flags
    _selected: frozenset[str] | None = None
    _overrides: dict[str, Severity] = field(default_factory=dict)
    _rule_options: dict[str, Any] = field(default_factory=dict)

    def bind(self, catalog: Catalog) -> Settings:
        """Resolve references against the catalogue; raise on unknown ones."""
        chosen: set[str] = set()
        for ref in self.select:
            chosen |= _resolve(catalog, ref, "select")
        for ref in self.ignore:
            chosen -= _resolve(catalog, ref, "ignore")
        self._selected = frozenset(chosen)
        self._overrides = {}
        for ref, level in self.severity.items():
            if level not in ("error", "warning", "info"):
                raise SettingsError(f"severity for {ref}: {level!r} is not error, warning or info")
            for rid in _resolve(catalog, ref, "severity"):
                self._overrides[rid] = Severity(level)
        self._rule_options = {}
        for loaded in catalog:
            if loaded.options_type is not None:
                self._rule_options[loaded.id] = loaded.options_type()
        for ref, table in self.rule_options_raw.items():
            for rid in _resolve(catalog, ref, "rule-options"):
                kind = catalog.by_id[rid].options_type
                if kind is None:
                    raise SettingsError(f"rule-options.{ref}: rule {rid} takes no options")
                try:
                    self._rule_options[rid] = kind(**{k.replace("-", "_"): v for k, v in table.items()})
                except TypeError as exc:
                    raise SettingsError(f"rule-options.{ref}: {exc}") from None
        return self

    def override(
        self,
        *,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        fail_on: str | None = None,
        profile: str | None = None,
        residency: list[str] | None = None,
    ) -> None:
        """Command-line flags over the file: ``--select`` replaces, ``--ignore`` adds, the others replace."""
        if profile:
            self.from_command_line["profile"] = [profile]
        if residency is not None:
            self.from_command_line["residency"] = list(residency)
        if select:
            self.select = list(select)
            self.from_command_line["select"] = list(select)
        if ignore:
            self.ignore = [*self.ignore, *ignore]
            self.from_command_line["ignore"] = list(ignore)
        if fail_on:
            self.fail_on = fail_on
            self.from_command_line["fail-on"] = [fail_on]

    def origin(self, key: str) -> str:
        """Where a setting came from: ``command line``, ``config`` or ``default``."""
        if key in self.from_command_line and key != "ignore":
            return "command line"
        return "config" if key in self.from_config else "default"

    def rule_options(self, catalog: Catalog) -> dict[str, Any]:
        """Rule id -> its options object (defaults unless configured)."""
        if self._selected is None:
            self.bind(catalog)
        return dict(self._rule_options)

    def selected(self, catalog: Catalog) -> frozenset[str]:
        if self._selected is None:
            self.bind(catalog)
        assert self._selected is not None
        return self._selected

    def severity_for(self, rule: Rule, own: Severity | None = None) -> Severity:
        """The configured override, else the violation's own severity, else the rule's."""
        return self._overrides.get(rule.id) or own or rule.severity


def _resolve(catalog: Catalog, ref: str, where: str) -> set[str]:
    ids = catalog.select(ref)
    if not ids:
        from vetter.engine.catalog import retired

        gone = retired(ref)
        if gone is not None:
            raise SettingsError(f"{where}: {gone}; name those instead")
        import difflib  # only on this error path: it costs start-up time

        known = list(catalog.by_id) + list(catalog.by_name)
        close = difflib.get_close_matches(ref, known, n=3)
        extra = f" (did you mean {', '.join(close)}?)" if close else ""
        raise SettingsError(f"{where}: no rule matches {ref!r}{extra}")
    return ids


def load_settings(config: str | None, start: Path, *, isolated: bool = False) -> Settings:
    """Read ``--config FILE``, else ``vetter.toml`` / ``pyproject.toml`` in ``start`` or above
    (none with ``isolated``). A discovered file may not load code (``rules-dir``)."""
    path: Path | None
    if config and isolated:
        raise SettingsError(f"--config {config} cannot be used with --isolated (--isolated ignores every configuration file)")
    if isolated:
        return Settings(found="isolated")
    if config:
        path = Path(config)
        if not path.is_file():
            raise SettingsError(f"--config {config}: no such file")
    else:
        path = _find_config(start)
    if path is None:
        return Settings()
    import tomllib  # only when there is a file to read: it costs start-up time

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: {exc}") from exc
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("vetter", {})
    if not config and isinstance(data, dict) and "rules-dir" in data:
        raise SettingsError(
            f"{path}: rules-dir refused: a configuration found by searching upwards may select, ignore and set "
            "severities, never load code (give it with --config to trust it, use --rules-dir, or --isolated to ignore it)"
        )
    settings = _from_table(data, path)
    settings.text = text
    settings.found = "given" if config else "discovered"
    settings.from_config = frozenset(data)
    return settings


def _find_config(start: Path) -> Path | None:
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / "vetter.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            import tomllib

            try:
                if "vetter" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                return None
        if (folder / ".git").exists():
            break
    return None


def _from_table(data: dict[str, Any], path: Path) -> Settings:
    unknown = set(data) - _KEYS
    if unknown:
        raise SettingsError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_KEYS))}")
    settings = Settings(source=str(path))
    for key in ("select", "ignore"):
        if key in data:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SettingsError(f"{path}: {key} must be a list of strings")
            setattr(settings, key, list(value))
    if "fail-on" in data:
        if data["fail-on"] not in FAIL_ON:
            raise SettingsError(f"{path}: fail-on must be one of {', '.join(FAIL_ON)}")
        settings.fail_on = data["fail-on"]
    if "severity" in data:
        if not isinstance(data["severity"], dict):
            raise SettingsError(f"{path}: [severity] must be a table of rule = level")
        settings.severity = {str(k): str(v) for k, v in data["severity"].items()}
    if "profile" in data:
        from vetter.model.options import PROFILES

        if data["profile"] not in PROFILES:
            raise SettingsError(f"{path}: profile must be one of {', '.join(PROFILES)}")
        settings.profile = data["profile"]
    if "residency" in data:
        value = data["residency"]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise SettingsError(f"{path}: residency must be a list of geographies such as [\"EU\", \"UK\"]")
        settings.residency = [v.strip().upper() for v in value]
    if "rule-options" in data:
        table = data["rule-options"]
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            raise SettingsError(f"{path}: [rule-options.<rule>] must be tables of option = value")
        settings.rule_options_raw = {str(k): dict(v) for k, v in table.items()}
    if "baseline" in data:
        if not isinstance(data["baseline"], str) or not data["baseline"].strip():
            raise SettingsError(f"{path}: baseline must be the path of a baseline file")
        settings.baseline = path.parent / data["baseline"]
    settings.waivers_raw = data.get("waiver")
    if "rules-dir" in data:
        dirs = data["rules-dir"]
        dirs = [dirs] if isinstance(dirs, str) else dirs
        settings.rules_dirs = [(path.parent / d) for d in dirs]
    return settings
