"""``diff_packages`` and ``diff_against_ref``: what ``vetter.compare`` exports (imported lazily there)."""

from __future__ import annotations

from pathlib import Path

from vetter.compare.acks import Ack, apply_acks
from vetter.compare.classify import Change, compare
from vetter.compare.report import DiffResult
from vetter.compare.sources import load_git
from vetter.model.package import ConnectorPackage


def diff_packages(
    old: ConnectorPackage, new: ConnectorPackage, acks: list[Ack] | None = None, fail_on: str = "breaking", *, redact: bool = True
) -> DiffResult:
    """The changes from ``old`` to ``new``; with ``redact`` (``vetter diff``), the secrets of both versions out of
    their messages. ``scan --against`` passes ``redact=False``: the scan's redaction step for the package does it,
    once, with the previous version's secrets too (``vetter.engine.edge``)."""
    changes = compare(old, new)
    if old.script is not None and new.script is not None:  # tools served by a script: a script on both sides
        from vetter.compare.tooldiff import package_tool_changes

        changes += package_tool_changes(old, new)
    changes, unused = apply_acks(changes, acks or [])
    return DiffResult.of(old, new, _redacted(changes, old, new) if redact else changes, unused, fail_on)


def _redacted(changes: list[Change], old: ConnectorPackage, new: ConnectorPackage) -> list[Change]:
    """Secrets of either version out of the change messages (a changed default may be a key)."""
    from msgspec.structs import replace

    from vetter.base.redact import Redactor
    from vetter.security.secrets import secret_pairs

    redact = Redactor(sorted({*secret_pairs(old), *secret_pairs(new)}))
    if not redact:
        return changes
    return [replace(c, message=redact(c.message)) for c in changes]


def diff_against_ref(new: ConnectorPackage, path: str | Path, ref: str, acks: list[Ack] | None = None, fail_on: str = "breaking") -> DiffResult:
    """Compare ``new`` (loaded from ``path``) with ``path`` as committed at git ``ref``."""
    return diff_packages(load_git(ref, str(path)), new, acks, fail_on)
