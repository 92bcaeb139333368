"""Custom code (``script.csx``): parsed once, and the hosts it can send data to.

Placeholder interface: the analysis itself is being written (issue 9).
"""

from __future__ import annotations

from dataclasses import dataclass

from vetter.package import ConnectorPackage


@dataclass(frozen=True)
class ScriptHost:
    """A host the script can reach, with where in the script that was found."""

    host: str | None  # lower-cased host name, or None when it is computed at run time
    text: str  # the URL, host or expression as written
    line: int  # 1-based
    column: int  # 1-based
    kind: str  # literal | rewrite | computed
    evidence: str  # what made it egress, e.g. "new Uri(...)", "RequestUri assignment"


def script_hosts(package: ConnectorPackage) -> list[ScriptHost]:
    """Every outbound host of the package's script ([] when it has none)."""
    return []
