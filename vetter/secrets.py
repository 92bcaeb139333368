"""Secrets in every file of a package.

Placeholder interface: the detectors are being written (issue 9).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vetter.package import ConnectorPackage


@dataclass(frozen=True)
class SecretHit:
    kind: str  # e.g. "logic-apps-sig", "azure-functions-key", "aws-access-key", "client-secret"
    file: str
    pointer: str | None  # JSON pointer for JSON files, None for text files
    line: int
    column: int
    severity: str  # error | warning
    redacted: str  # vetter.redact.redacted_form(kind, value): what reports may show
    value: str = field(repr=False)  # the secret itself: kept in memory for redaction, never rendered


def find_secrets(package: ConnectorPackage) -> list[SecretHit]:
    """Every secret-looking value in the package, in file and line order."""
    return []
