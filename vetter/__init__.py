"""vetter: offline vetting of Power Platform connector packages.

The names below are the public API for rule authors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "ConnectorPackage",
    "Edit",
    "Fix",
    "Fixability",
    "InputUnavailable",
    "Location",
    "Rule",
    "RunOptions",
    "Severity",
    "Violation",
    "__version__",
]

from vetter.base.rule import Edit, Fix, Fixability, InputUnavailable, Location, Rule, Severity, Violation
from vetter.model.options import RunOptions

if TYPE_CHECKING:
    from vetter.model.package import ConnectorPackage


def __getattr__(name: str) -> Any:  # lazy: keeps `vetter --version` fast
    if name == "ConnectorPackage":
        from vetter.model.package import ConnectorPackage

        return ConnectorPackage
    raise AttributeError(name)
