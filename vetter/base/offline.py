"""No network and no programs while rules run: a guard that any library in the process obeys.

The analysis does every fetch a scan asks for (``--against``'s git, ``--online``'s DNS, TLS and
MCP) at the edge, before the first rule runs; rules and what they call read it as data. That is
a promise about the libraries too, and a library can break it unseen: jsonschema, asked to
resolve a ``$ref`` it does not hold, retrieves the URI with ``urllib`` (``http://``, and
``file://`` on the reviewer's own disk). So the rule loop runs inside ``refuse()``: a CPython
audit hook (PEP 578, ``sys.addaudithook``) raises ``Refused`` on the events that reach the
network or start a program, and records each one. A library that swallows the exception
still leaves the record, which the runner turns into a VET001 finding for the rule that made
the attempt: never a silent fetch, never a silent pass.

The hook is added once per process, on first use, and cannot be removed (CPython has no way);
outside ``refuse()`` it returns at once. It is per context (a ``ContextVar``), so a thread of
the language server that is not running rules is never refused. It costs a call and a set lookup
per audited event (``open``, ``import``, ``id()``...): about 166,000 events over the whole corpus,
161,000 of them ``id()`` (the walks' seen-sets and the locating trie), some 25 ms of CPU.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

# the audit events that reach another host or start a program
# (https://docs.python.org/3/library/audit_events.html)
REFUSED_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "socket.sendto",
        "socket.sendmsg",
        "urllib.Request",
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
    }
)

_ACTIVE: ContextVar[list[str] | None] = ContextVar("vetter_offline", default=None)
_installed = False


class Refused(PermissionError):
    """A network or program call made while rules run: vetter refused it."""


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event not in REFUSED_EVENTS:
        return
    attempts = _ACTIVE.get()
    if attempts is None:
        return
    what = describe(event, args)
    attempts.append(what)
    raise Refused(f"vetter refused {what}: rules run without network or programs")


_TARGET = {"socket.connect": 1, "socket.sendto": 1, "socket.sendmsg": 1, "os.spawn": 1}  # else the first argument


def describe(event: str, args: tuple[Any, ...]) -> str:
    """One line naming the attempt: the event and its target (a URL, an address, a program), cut short."""
    at = _TARGET.get(event, 0)
    text = str(args[at]) if len(args) > at else ""
    return f"{event} {text[:200]!r}" + ("..." if len(text) > 200 else "")


@contextmanager
def refuse() -> Iterator[list[str]]:
    """Refuse network and program calls in this context; yields the list of the attempts made."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    attempts: list[str] = []
    token = _ACTIVE.set(attempts)
    try:
        yield attempts
    finally:
        _ACTIVE.reset(token)
