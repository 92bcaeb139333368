"""The scan loop: load each package in turn, run the rules, collect the report.

``scan()`` is what ``vetter scan`` runs, without the command line: it takes
package sources (``vetter.loader.find_packages``), the catalogue, the settings
and the run options, and returns the ``ScanReport`` every renderer reads.
Packages are loaded one at a time and dropped after their rules ran, so memory
stays flat over a portfolio. Whatever goes wrong while one package is read or
checked becomes that package's VET002 finding (``check_source``); the scan goes on.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from typing import Any

from vetter.catalog import ENGINE_DOCS, ENGINE_RULES, Catalog
from vetter.engine import PackageResult, make_finding, run_rules
from vetter.loader import LoadError, PackageSource
from vetter.options import RunOptions
from vetter.package import ConnectorPackage, package_from_files
from vetter.report import RuleInfo, ScanReport
from vetter.rule import Location, Violation
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
        report.packages.append(check_source(source, catalog, settings, options))
    return report


def check_source(source: PackageSource, catalog: Catalog, settings: Settings, options: RunOptions | None) -> PackageResult:
    """Load one package and run the rules; any failure becomes that package's VET002 finding.

    ``LoadError`` (an input that cannot be read at all) still ends the scan as a usage
    error; everything else is confined to the package it happened in.
    """
    package = None
    try:
        package = source.load()
        return run_rules(package, catalog, settings, options)
    except LoadError:
        raise
    except Exception as exc:  # noqa: BLE001 - one package's failure must not end a portfolio scan
        return package_failure(source, package, exc, settings)
    finally:
        del package  # keep memory flat over a portfolio


def package_failure(source: PackageSource, package: ConnectorPackage | None, exc: BaseException, settings: Settings) -> PackageResult:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" (at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame else ""
    text = str(exc)
    if len(text) > 300:
        text = text[:300] + "..."
    if package is None:
        package = package_from_files(source.path.name, {}, origin=source.display, kind=source.kind)
    result = PackageResult(package.name, package.origin, package.kind, _hashes(package))
    violation = Violation(Location("."), f"vetter could not check this package: {type(exc).__name__}: {text}{where}", key=type(exc).__name__)
    result.findings = [make_finding(ENGINE_RULES["VET002"], ENGINE_DOCS["VET002"], violation, package, settings)]
    return result


def _hashes(package: ConnectorPackage) -> dict[str, str]:
    try:
        return package.input_hashes()
    except Exception:  # noqa: BLE001
        return {}
