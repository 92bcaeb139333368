"""What a record field kept out of ``repr`` or equality needs, for vetter's ``msgspec.Struct`` records.

vetter's records are ``msgspec.Struct`` classes: built in C when their module is imported, where a
dataclass compiles each generated method on every start. A Struct compares and prints all its
fields; the few records that keep a field out (a secret's value from ``repr``, a finding's fix from
equality, a package's caches from both) define ``__repr__``, ``__eq__`` or ``__hash__`` with these.
"""

from __future__ import annotations

from typing import Any


def fields_repr(record: Any, hidden: frozenset[str]) -> str:
    """``Name(field=value, ...)`` as a dataclass writes it, without the fields in ``hidden``."""
    shown = ", ".join(f"{name}={getattr(record, name)!r}" for name in record.__struct_fields__ if name not in hidden)
    return f"{type(record).__qualname__}({shown})"


def equal(record: Any, other: object, hidden: frozenset[str]) -> bool:
    """``record == other`` as a dataclass with the fields in ``hidden`` kept out of comparison answers it."""
    if type(other) is not type(record):
        return NotImplemented
    return compared(record, hidden) == compared(other, hidden)


def compared(record: Any, hidden: frozenset[str]) -> tuple[Any, ...]:
    """The values that make a record's identity (equality and hash): its fields but those in ``hidden``."""
    return tuple(getattr(record, name) for name in record.__struct_fields__ if name not in hidden)
