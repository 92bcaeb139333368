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

if TYPE_CHECKING:
    from vetter.base.rule import Edit, Fix, Fixability, InputUnavailable, Location, Rule, Severity, Violation
    from vetter.model.options import RunOptions
    from vetter.model.package import ConnectorPackage

_HOMES = {
    "ConnectorPackage": "vetter.model.package",
    "RunOptions": "vetter.model.options",
    **dict.fromkeys(("Edit", "Fix", "Fixability", "InputUnavailable", "Location", "Rule", "Severity", "Violation"), "vetter.base.rule"),
}


def __getattr__(name: str) -> Any:
    """The public names, imported on first use: ``import vetter`` (``vetter --version``, a diff) stays cheap."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(name)
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
