"""The scan loop: load each package in turn, run the rules, collect the report.

``scan()`` is what ``vetter scan`` runs, without the command line: it takes
package sources (``vetter.model.loader.find_packages``), the catalogue, the settings
and the run options, and returns the ``ScanReport`` every renderer reads.
Packages are loaded one at a time and dropped after their rules ran, so memory
stays flat over a portfolio. Whatever goes wrong while one package is read or
checked becomes that package's VET002 finding (``check_source``); the scan goes on.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vetter.base.rule import Location, Violation
from vetter.engine.catalog import ENGINE_DOCS, ENGINE_RULES, Catalog
from vetter.engine.edge import analyse
from vetter.engine.runner import PackageResult, make_finding, run_rules
from vetter.engine.settings import Settings
from vetter.model.loader import LoadError, PackageSource, solutions_read_once
from vetter.model.options import RunOptions
from vetter.model.package import ConnectorPackage, package_from_files
from vetter.model.profiles import profile_of
from vetter.report.model import RuleInfo, ScanReport

if TYPE_CHECKING:
    from vetter.base.jsontext import Packed
    from vetter.base.redact import Redactor


def run_options(
    settings: Settings,
    catalog: Catalog,
    *,
    profile: str | None = None,
    residency: Iterable[str] | None = None,
    online: bool = False,
    previous: Callable[[Any], Any] | None = None,
    acks: Iterable[Any] = (),
    dlp_policies: Iterable[Any] = (),
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
        dlp_policies=tuple(dlp_policies),
    )


def scan(
    sources: Iterable[PackageSource],
    catalog: Catalog,
    settings: Settings,
    options: RunOptions,
    *,
    jobs: int = 1,
    parallel: Sequence[PackageSource] | None = None,
    packed: bool = False,
) -> ScanReport:
    """Scan ``sources`` in order. With ``jobs`` > 1 and ``parallel`` (the same sources as a list),
    packages are checked by that many worker processes; ``sources`` is still iterated once per
    package, in order, as results arrive (a progress bar wrapping it advances), and the report is
    the one a single process gives, byte for byte. With ``packed`` (a report written as JSON
    alone), each worker also writes its packages' entries of the JSON report (``ScanReport.parts``,
    read by ``to_dict(packed=True)``), so that the parent, which waits for the last package before
    it writes the report, only joins them; such a package's excerpts, publisher, security profile
    and questionnaire are then in its entry only, until ``ScanReport.unpack_parts`` (which
    ``to_dict`` calls whenever it cannot use an entry) reads them back into the tables."""
    if options.online:
        from vetter.security.online import start_run

        start_run()  # the --online budget is the run's, counted from here
    selected = settings.selected(catalog)
    ran = [r for r in catalog if r.id in selected and (r.rule.scope == "package" or options.dlp_policies)]  # policy rules need --dlp-policy
    report = ScanReport(fail_on=settings.fail_on, rules=[RuleInfo.of(r) for r in ran])
    if options.dlp_policies:
        from vetter.engine.runner import run_policy_rules

        report.dlp_policies = list(options.dlp_policies)
        report.dlp_findings = run_policy_rules(report.dlp_policies, catalog, settings)
    with _fewer_collections(), solutions_read_once():
        if jobs > 1 and parallel is not None and len(parallel) > 1 and _can_fork():
            _scan_parallel(report, sources, list(parallel), (catalog, settings, options), min(jobs, len(parallel)), packed)
            return report
        for source in sources:
            add_source(report, source, catalog, settings, options)
    return report


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector, tuned for a scan: what is loaded before it (modules, catalogue,
    settings) is frozen out of every collection (forked workers also share those pages), and the
    youngest generation is collected every 50,000 allocations instead of 700. A package's parsed
    documents are freed by reference counting when it is dropped; the collector only walked them.
    About 5% of a portfolio's CPU time."""
    import gc

    threshold = gc.get_threshold()
    enabled = gc.isenabled()  # the command line turns it off for start-up (vetter.cli.VetterGroup.main)
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    gc.enable()
    try:
        yield
    finally:
        if not enabled:
            gc.disable()
        gc.set_threshold(*threshold)
        gc.unfreeze()


def default_jobs(packages: int) -> int:
    """Worker processes for a scan of ``packages``: one per CPU this process may use, for 8 or more."""
    import os

    if packages < PARALLEL_FROM:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_JOBS))


PARALLEL_FROM = 8
"""Fewer packages than this are scanned in the one process (a worker costs more than it saves)."""

MAX_JOBS = 8

MAX_CHUNK = 8


def chunk_size(packages: int, jobs: int) -> int:
    """Packages a worker is handed at a time: up to ``MAX_CHUNK``, and at least four hand-outs per worker.

    Each hand-out is a round trip through the pool's queues and threads: over the corpus (698
    packages, 2 workers) chunks of 8 cut the parent's CPU during a scan driven from Python from
    about 0.4 s to 0.15 s (docs/benchmarks.md; in ``vetter scan`` the gain is within noise). Four
    hand-outs per worker or more keep the last ones small, so no worker is left with a long tail
    while the other idles."""
    return max(1, min(MAX_CHUNK, packages // (jobs * 4)))

_JOB: tuple[list[PackageSource], tuple[Catalog, Settings, RunOptions]] | None = None
_PACK = False  # the workers write each package's entry of the JSON report (``scan(packed=True)``)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _scan_parallel(
    report: ScanReport, sources: Iterable[PackageSource], items: list[PackageSource], job: tuple[Catalog, Settings, RunOptions], jobs: int, packed: bool = False
) -> None:
    """Workers forked from this process (they inherit the catalogue and settings) check one package each.

    Packages are handed out a few at a time (``chunk_size``); results are taken in package order.
    A worker that dies (killed, out of memory) breaks the pool instead of hanging it: the packages
    not yet reported, those it was handed included, are then checked here, in turn.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _JOB, _PACK
    _JOB = (items, job)
    _PACK = packed
    done = 0
    pending = iter(sources)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            for part in pool.map(_check_one, range(len(items)), chunksize=chunk_size(len(items), jobs)):
                next(pending, None)  # advances a progress bar wrapping ``sources``
                if isinstance(part, LoadError):
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise part
                _add_part(report, part)
                done += 1
    except BrokenProcessPool:
        report.unpack_parts()  # a package checked here may share a name with one a worker wrote
        catalog, settings, options = job
        for source in items[done:]:
            next(pending, None)
            add_source(report, source, catalog, settings, options)
    finally:
        _JOB = None
        _PACK = False


def _add_part(report: ScanReport, part: Any) -> None:
    from vetter.base.redact import remember

    if len(part) == 6:  # the package's entry of the JSON report written by its worker (``_check_one``)
        result, profile, risk, secrets, packed, given = part
        remember(secrets)
        report.packages.append(result)
        key = (result.origin, result.package)
        if key in report.parts:  # two packages of one name: to_dict reads the later one's tables for both, as before
            report.unpack_parts([key])
            report.unpack(result, packed, given)
            report.parts[key] = None
        else:
            report.parts[key] = (result, packed, given)
        if given[0]:
            report.profiles[key] = profile
        if risk is not None:
            report.risk[key] = risk
        return
    result, sources_of, publisher, security, profile, risk, questions, secrets = part
    remember(secrets)  # the worker's secrets: this process's last redaction step (scrub) must know them
    report.packages.append(result)
    if _PACK:
        key = (result.origin, result.package)
        report.unpack_parts([key])  # a package of the same name before this one: its tables, then this one's over them
        report.parts[key] = None
    _tables(report, result, sources_of, publisher, security, profile, risk, questions)


def _tables(report: ScanReport, result: PackageResult, sources_of: Any, publisher: Any, security: Any, profile: Any, risk: Any, questions: Any) -> None:
    """A package's parts in the report's tables, as ``add_source`` leaves them."""
    key = (result.origin, result.package)
    if sources_of is not None:
        report.sources[key] = sources_of
        report.publishers[key] = publisher
        report.security[key] = security
        report.profiles[key] = profile
    if risk is not None:
        report.risk[key] = risk
    if questions is not None:
        report.questions[key] = questions


def _check_one(i: int) -> Any:
    """In a worker: package ``i`` checked as ``add_source`` checks it, returned as picklable parts.

    When the workers write the JSON report's entries (``_PACK``), a package's entry is written from
    the tables the parent would fill, and replaces its excerpts, publisher, security profile and
    questionnaire, which the parent reads back from it only if it must write the entry itself
    (``ScanReport.unpack``)."""
    from vetter.base.redact import known_after, known_count

    assert _JOB is not None
    items, (catalog, settings, options) = _JOB
    part = ScanReport()
    known = known_count()
    try:
        add_source(part, items[i], catalog, settings, options)
    except LoadError as exc:
        return exc
    result = part.packages[-1]
    key = (result.origin, result.package)
    secrets = known_after(known)
    given = key in part.sources
    full: tuple[Any, ...]
    if given:
        full = (result, part.sources[key], part.publishers.get(key), part.security.get(key), part.profiles.get(key), part.risk.get(key), part.questions.get(key))
    else:
        full = (result, None, None, None, None, part.risk.get(key), part.questions.get(key))
    if _PACK:
        mirror = ScanReport()
        _tables(mirror, *full)
        packed = _packed(mirror, result)
        if packed is not None:
            return result, full[4], full[5], secrets, packed, (given, full[6] is not None)
    return (*full, secrets)


def _packed(part: ScanReport, result: PackageResult) -> Packed | None:
    """In a worker: the package's entry of the JSON report, written where ``to_dict`` places it
    (in the list ``packages`` of the top object: two containers deep), or None where the parent
    must write it (``pretty_part``)."""
    from vetter.base.jsontext import pretty_part
    from vetter.report.model import package_dict

    return pretty_part(package_dict(part, result), 2)


@functools.lru_cache(maxsize=4)
def _watched_off(catalog: Catalog, selected: frozenset[str]) -> frozenset[str]:
    """The secret and security rules ``selected`` leaves out (worked out once per scan, not per package)."""
    from vetter.report.applied import WATCHED

    return frozenset(r.id for r in catalog if r.rule.category in WATCHED and r.id not in selected)


def check_source(source: PackageSource, catalog: Catalog, settings: Settings, options: RunOptions | None = None) -> PackageResult:
    """One package's result, as the scan loop computes it (used by the fuzz and pathological tests)."""
    report = ScanReport()
    add_source(report, source, catalog, settings, options if options is not None else RunOptions())
    return report.packages[-1]


def add_source(report: ScanReport, source: PackageSource, catalog: Catalog, settings: Settings, options: RunOptions) -> None:
    """Load one package, run the rules, and add its result, security profile, profile, risk score and questionnaire to ``report``.

    Any failure becomes that package's VET002 finding. ``LoadError`` (an input that cannot be
    read at all) still ends the scan as a usage error; everything else is confined to the
    package it happened in.
    """
    from vetter.base.budget import BudgetExceeded, limits, stage
    from vetter.security.questions import questionnaire

    package = None
    try:
        with limits(options.budget):
            package = source.load()
            stage("reading what the options ask for (git, --online)")
            analyse(package, options)  # the edge: every fetch is done here, before any rule runs
            result = run_rules(package, catalog, settings, options)
            result.switched_off = switched_off(package, catalog, settings, options)
            key = (result.origin, result.package)
            stage("building the security profile")
            # the one redaction step: the package's secrets out of everything that leaves its analysis
            redactor = package_redactor(package)
            security = _security(package, options, redactor)
            profile = profile_of(package, options)
            stage("collecting the source lines of the findings")
            cut = online_cut_short(package, options, settings)
            if cut is not None:
                result.findings.append(cut)
            result = redact_result(result, package, redactor)
            security = redactor.tree(security)
            report.add(result, package, redactor)  # keeps the source lines around each finding (redacted) and the publisher
            report.security[key] = security
            report.profiles[key] = profile
            report.risk[key] = package_risk(result, security)
            if security is not None:  # in the budget: the report only writes it out
                stage("building the publisher questionnaire")
                report.questions[key] = questionnaire(security)
    except LoadError:
        raise
    except BudgetExceeded as stop:
        failed = package_cut_short(source, package, stop, options, settings)
        _replace(report, failed)
    except Exception as exc:
        failed = package_failure(source, package, exc, settings)
        if not any(p.origin == failed.origin and p.package == failed.package for p in report.packages):
            report.add(failed)
    finally:
        if package is not None:
            package.analysis = None  # the analysis refers to the package: no cycle left for the collector
        del package  # keep memory flat over a portfolio


def switched_off(package: ConnectorPackage, catalog: Catalog, settings: Settings, options: RunOptions) -> list[Any]:
    """The findings that the secret and security rules left out of the selection would give (offline).

    Those findings never vanish silently: reports list them as not counted (``vetter.report.applied``).
    They cost little: the secrets and the security profile are computed for every package anyway.
    """
    off = _watched_off(catalog, settings.selected(catalog))
    if not off:
        return []
    from msgspec.structs import replace

    result = run_rules(package, catalog, settings, replace(options, online=False), only=off)
    return [f for f in result.findings if f.rule in off]


def _replace(report: ScanReport, failed: PackageResult) -> None:
    """``failed`` in place of whatever of its package the report already holds (the budget may run
    out while its source lines are collected)."""
    key = (failed.origin, failed.package)
    report.packages[:] = [p for p in report.packages if (p.origin, p.package) != key]
    for table in (report.sources, report.publishers, report.security, report.profiles, report.risk, report.questions):
        table.pop(key, None)
    report.add(failed)


def package_cut_short(source: PackageSource, package: ConnectorPackage | None, stop: Any, options: RunOptions, settings: Settings) -> PackageResult:
    """The result of a package whose check ran out of budget: one VET010 finding naming what was cut short."""
    if package is None:
        package = package_from_files(source.path.name, {}, origin=source.display, kind=source.kind)
    result = PackageResult(package.name, package.origin, package.kind, _hashes(package))
    message = (f"vetter stopped checking this package at {options.budget.describe(stop.what)}, while {stop.stage}; "
               "the check is incomplete and the findings of the rules that had run are not listed.")
    violation = Violation(Location("."), message, key=stop.what)
    result.findings = [make_finding(ENGINE_RULES["VET010"], ENGINE_DOCS["VET010"], violation, package, settings)]
    return result


def online_cut_short(package: ConnectorPackage, options: RunOptions, settings: Settings) -> Any:
    """A VET012 finding when ``--online`` ran out of its budget before checking every host of the package."""
    if not options.online or package.analysis is None:
        return None
    online = package.analysis.online
    skipped = [c.host for c in online.checks if c.dns_status == "not-checked"] if online is not None else []
    if not skipped:
        return None
    from vetter.security.online import SETTINGS as ONLINE

    shown = ", ".join(skipped[:10]) + (f" and {len(skipped) - 10} more" if len(skipped) > 10 else "")
    violation = Violation(Location("."), f"The --online budget ({ONLINE['budget']:g} s for the run) was spent before these hosts were checked: {shown}.", key="online")
    return make_finding(ENGINE_RULES["VET012"], ENGINE_DOCS["VET012"], violation, package, settings)


def package_failure(source: PackageSource, package: ConnectorPackage | None, exc: BaseException, settings: Settings) -> PackageResult:
    import traceback

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
    except Exception:
        return {}


def apply_gate(
    report: ScanReport,
    catalog: Catalog,
    settings: Settings,
    *,
    baseline: list[Any] | None,
    base: Path,
    today: _dt.date | None = None,
) -> None:
    """Apply the baseline and the config's waivers to ``report`` (vetter.engine.gate), if there are any."""
    if baseline is None and settings.waivers_raw is None:  # nothing to apply: the gate's module is not even imported
        return
    from vetter.engine.gate import apply_gate as apply
    from vetter.engine.gate import parse_waivers
    from vetter.engine.runner import gate_finding

    waivers = parse_waivers(settings.waivers_raw, catalog, settings.source, settings.text)
    if baseline is None and not waivers.waivers and not waivers.problems:
        return
    report.gate = apply(
        report.packages, baseline=baseline, base=base, waivers=waivers, today=today or _dt.date.today(), make=gate_finding
    )


def package_risk(result: PackageResult, security: dict[str, Any] | None) -> dict[str, Any]:
    """The package's risk score (vetter.security.risk) from its profile and every finding, before the gate.

    Computed here rather than from the report so that a baseline or a waiver, which only
    change what counts towards the exit code, do not lower it.
    """
    from vetter.report.model import finding_dict
    from vetter.security.risk import counts_finding, risk_score

    files = [{"name": n, "sha256": h} for n, h in sorted(result.files.items())]
    # only the findings the score weighs are given their report form (a sixteenth of a corpus's): it reads no other
    weighed = [finding_dict(f) for f in result.findings if counts_finding(f.rule, f.category)]
    return risk_score({"files": files, "security": security, "findings": weighed})


def risk_of_package(package: ConnectorPackage, catalog: Catalog, settings: Settings, options: RunOptions) -> dict[str, Any]:
    """The risk score of one loaded package, as the scan computes it (``vetter diff`` scores both sides)."""
    result = redact_result(run_rules(package, catalog, settings, options), package)
    return package_risk(result, _security(package, options))


def _security(package: ConnectorPackage, options: RunOptions, redactor: Redactor | None = None) -> dict[str, Any] | None:
    """The package's security profile for the report, while the package is still loaded; with ``redactor``
    (else the package's own, ``package_redactor``) its secrets out of it (hosts and links may hold a URL's password)."""
    from vetter.report.export import profile_dict

    try:
        data = profile_dict(package, options)
    except RecursionError:
        return None
    if redactor is None:
        redactor = package_redactor(package)
    return redactor.tree(data)


def package_redactor(package: ConnectorPackage) -> Redactor:
    """The package's redaction step (``vetter.base.redact.Redactor``) from its secrets, found once (its analysis),
    and those of its previous version (``scan --against``: a change's message may quote one)."""
    from vetter.base.redact import Redactor
    from vetter.security.secrets import secret_pairs

    pairs = secret_pairs(package)
    analysis = package.analysis
    previous = analysis.previous if analysis is not None else None
    if previous is not None and previous.secrets:
        pairs = sorted({*pairs, *previous.secrets})
    tools = _tool_secrets(analysis)
    if tools:
        pairs = sorted({*pairs, *tools})
    return Redactor(pairs)


def _tool_secrets(analysis: Any) -> list[tuple[str, str]]:
    """The secrets in the tool lists the run read from outside the package (``--mcp-tools``, the
    server's answer with ``--online``): the AGT findings quote those tools' texts."""
    if analysis is None:
        return []
    lists = [analysis.options.mcp_tools, analysis.mcp.tools if analysis.mcp is not None else None]
    raw = [[tool.raw for tool in given.tools] for given in lists if given is not None and given.tools]
    if not raw:
        return []
    import json

    from vetter.security.secrets import text_secret_pairs

    return text_secret_pairs("tools.json", json.dumps(raw, ensure_ascii=False).encode("utf-8"))


def redact_result(result: PackageResult, package: ConnectorPackage, redactor: Redactor | None = None) -> PackageResult:
    """The package's secrets out of every finding's message, hint and pointer (vetter.base.redact).

    Runs whatever rules were selected: a schema message may quote a default that is a secret.
    """
    from msgspec.structs import replace

    if redactor is None:
        try:
            redactor = package_redactor(package)
        except Exception:
            return result
    if redactor:
        def clean(findings: list[Any]) -> list[Any]:
            return [
                replace(f, message=redactor(f.message), hint=redactor(f.hint), pointer=redactor(f.pointer) if f.pointer else f.pointer)
                for f in findings
            ]

        result.findings = clean(result.findings)
        result.switched_off = clean(result.switched_off)
    return result
