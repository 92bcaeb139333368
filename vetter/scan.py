"""The scan loop: load each package in turn, run the rules, collect the report.

``scan()`` is what ``vetter scan`` runs, without the command line: it takes
package sources (``vetter.loader.find_packages``), the catalogue, the settings
and the run options, and returns the ``ScanReport`` every renderer reads.
Packages are loaded one at a time and dropped after their rules ran, so memory
stays flat over a portfolio.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from vetter.catalog import Catalog
from vetter.engine import PackageResult, run_rules
from vetter.loader import PackageSource
from vetter.options import RunOptions
from vetter.profiles import profile_of
from vetter.report import RuleInfo, ScanReport
from vetter.settings import Settings


def run_options(
    settings: Settings,
    catalog: Catalog,
    *,
    profile: str | None = None,
    residency: Iterable[str] | None = None,
    online: bool = False,
    previous: Callable[[Any], Any] | None = None,
    acks: Iterable[Any] = (),
) -> RunOptions:
    """Options from the settings, with command-line values taking precedence."""
    chosen = list(residency) if residency is not None else settings.residency
    return RunOptions(
        profile=profile or settings.profile,
        residency=tuple(v.strip().upper() for v in chosen) if chosen is not None else None,
        online=online,
        previous=previous,
        acks=tuple(acks),
        rule_options=settings.rule_options(catalog),
    )


def scan(
    sources: Iterable[PackageSource],
    catalog: Catalog,
    settings: Settings,
    options: RunOptions,
) -> ScanReport:
    selected = settings.selected(catalog)
    report = ScanReport(fail_on=settings.fail_on, rules=[RuleInfo.of(r) for r in catalog if r.id in selected])
    for source in sources:
        package = source.load()
        result = run_rules(package, catalog, settings, options)
        report.add(redact_result(result, package), package)  # secrets redacted; keeps the source lines and the publisher
        report.security[(result.origin, result.package)] = _security(package, options)
        report.profiles[(result.origin, result.package)] = profile_of(package, options)
        del package  # keep memory flat over a portfolio
    return report


def apply_gate(
    report: ScanReport,
    catalog: Catalog,
    settings: Settings,
    *,
    baseline: list[Any] | None,
    base: Path,
    today: _dt.date | None = None,
) -> None:
    """Apply the baseline and the config's waivers to ``report`` (vetter.gate), if there are any."""
    from vetter.engine import gate_finding
    from vetter.gate import apply_gate as apply
    from vetter.gate import parse_waivers

    waivers = parse_waivers(settings.waivers_raw, catalog, settings.source, settings.text)
    if baseline is None and not waivers.waivers and not waivers.problems:
        return
    report.gate = apply(
        report.packages, baseline=baseline, base=base, waivers=waivers, today=today or _dt.date.today(), make=gate_finding
    )


def _security(package: Any, options: RunOptions) -> dict[str, Any] | None:
    """The package's security profile for the report, while the package is still loaded."""
    from vetter.security.export import profile_dict

    try:
        return profile_dict(package, options)
    except RecursionError:
        return None


def redact_result(result: PackageResult, package: Any) -> PackageResult:
    """The package's secrets out of every finding's message, hint and pointer (vetter.redact).

    Runs whatever rules were selected: a schema message may quote a default that is a secret.
    """
    from dataclasses import replace

    from vetter.redact import redact
    from vetter.secrets import secret_pairs

    try:
        pairs = secret_pairs(package)
    except Exception:
        return result
    if pairs:
        result.findings = [
            replace(f, message=redact(f.message, pairs), hint=redact(f.hint, pairs),
                    pointer=redact(f.pointer, pairs) if f.pointer else f.pointer)
            for f in result.findings
        ]
    return result
