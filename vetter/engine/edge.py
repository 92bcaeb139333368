"""The edge: every piece of I/O a package's analysis needs, done before any rule runs.

``analyse(package, options)`` returns the package's ``vetter.model.analysis.Analysis`` for a run,
having fetched what the options ask for and kept it as data:

* ``scan --against REF`` (``RunOptions.previous``): the package as committed at the ref (git)
  and the classified changes since (the diff), or why they could not be read;
* ``--online``: the DNS and TLS checks of each fixed host (``vetter.security.online``) and,
  for an agent connector whose MCP server is at a fixed host, its ``tools/list`` answer
  (``vetter.agent.online``).

The scan loop (``vetter.commands.scan``) calls it as soon as a package is loaded, and ``run_rules`` calls
it again before the first rule (it returns the same record when nothing more is needed, so
callers that run the rules directly get the same data). Rules and the code they call read the
record and never run a subprocess or open a socket (``tests/test_house.py`` checks it).
"""

from __future__ import annotations

from typing import Any

from vetter.base.rule import InputUnavailable
from vetter.model.analysis import Analysis, PreviousVersion
from vetter.model.options import RunOptions
from vetter.model.package import ConnectorPackage


def analyse(package: ConnectorPackage, options: RunOptions | None = None) -> Analysis:
    """The package's analysis for ``options``, with every fetch they ask for done now (once)."""
    options = options if options is not None else RunOptions()
    current = package.analysis
    if current is not None and covers(current, options) and (
        current.same_run(options) or current.run_security is not None or current.run_agent is not None
    ):
        return current  # (results under other options than its own are computed when asked for, not kept)
    known = current if current is not None else Analysis(package)
    package.analysis = known  # the offline results below are computed once, into it
    previous = known.previous if known.previous is not None and same_previous(known.options, options) else None
    if options.previous is not None and previous is None:
        previous = read_previous(package, options)
    online, mcp = (known.online, known.mcp) if known.fetched_online else (None, None)
    if options.online and not known.fetched_online:
        online, mcp = fetch_online(package)
    analysis = Analysis(package, options, previous, online, mcp, options.online or known.fetched_online).computed_from(known)
    package.analysis = analysis
    return analysis


def covers(analysis: Analysis, options: RunOptions) -> bool:
    """``analysis`` holds everything ``options`` ask to fetch (and was built for their run, or needs nothing of it)."""
    if options.previous is not None and (analysis.previous is None or not same_previous(analysis.options, options)):
        return False
    return not (options.online and not analysis.fetched_online)


def same_previous(mine: RunOptions, options: RunOptions) -> bool:
    return options.previous is mine.previous and options.acks == mine.acks


def read_previous(package: ConnectorPackage, options: RunOptions) -> PreviousVersion:
    """The previous version (git) and the changes since (the diff), as data."""
    from vetter.compare import DiffError, diff_packages

    assert options.previous is not None
    try:
        old = options.previous(package)
        if old is None:  # a connector new in this change: nothing to break
            return PreviousVersion(new=True)
        from vetter.security.secrets import secret_pairs

        changes = diff_packages(old, package, list(options.acks), redact=False).changes  # redacted once, by the scan
        return PreviousVersion(tuple(changes), secrets=tuple(secret_pairs(old)))
    except (DiffError, InputUnavailable) as why:
        return PreviousVersion(unavailable=str(why))
    except Exception as exc:  # a bug: each CHG rule reports it (VET001), as when the rules ran the diff
        return PreviousVersion(error=exc)


def fetch_online(package: ConnectorPackage) -> tuple[Any, Any]:
    """``--online``: the DNS and TLS checks of the package's fixed hosts, and its MCP server's tools."""
    from vetter.security.profile import online_hosts

    try:
        hosts = online_hosts(package)
    except Exception:  # nothing readable (InputUnavailable), or a defect the SEC rules report themselves (VET001)
        return None, None
    from vetter.security.online import check_hosts

    checks = check_hosts(hosts)
    mcp = None
    try:
        from vetter.agent.profile import online_server

        url = online_server(package)
    except Exception:  # no readable swagger, or a defect the AGT rules report themselves (VET001)
        url = None
    if url is not None:
        from vetter.agent.online import list_tools_online

        mcp = list_tools_online(url)
    return checks, mcp
