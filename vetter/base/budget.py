"""A wall-clock and memory budget for checking one package.

Every input vetter accepts is checked in time linear in its size, but linear in 32 MB
can still be minutes, and one package must not hold up a portfolio or a CI gate for
that long. ``Budget`` bounds the work on one package (loading, rules, security profile,
report lines, publisher questionnaire): past either limit the work stops with
``BudgetExceeded``, the package gets a VET010 finding naming what was cut short (an error,
so the run is never a PASS), and the scan goes on with the next package.

How: the time limit is a ``SIGALRM`` timer (``signal.setitimer``), and the memory limit a
watchdog thread that reads the process's resident size from ``/proc/self/statm`` every
``POLL`` seconds and, past the limit, sends the same signal. The handler raises in the
main thread, between two Python instructions: a single long C call (one ``json.loads``
of 32 MB) finishes first. ``BudgetExceeded`` is a ``BaseException``, so the ``except
Exception`` that confines a crashing rule (VET001) does not swallow it. Where there is no
``SIGALRM`` (Windows) or the scan does not run in the main thread, there is no budget;
where there is no ``/proc`` (macOS), only the time limit. Arming costs two system calls
per package: nothing measurable beside the ~5 ms a package takes.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from msgspec import Struct

POLL = 0.05  # seconds between two reads of the resident size while a package is checked
GRACE = 0.25  # share of the time budget allowed for reporting what was found before the limit


class Budget(Struct, frozen=True, order=True):
    """Limits for one package: wall-clock seconds and memory growth in MB (None: no limit)."""

    seconds: float | None = 60.0
    memory_mb: int | None = 400

    def describe(self, what: str) -> str:
        if what == "memory":
            return f"its memory budget ({self.memory_mb} MB more than before it)"
        return f"its time budget ({self.seconds:g} s)"


class BudgetExceeded(BaseException):
    """The package's time or memory budget ran out (``what`` is ``time`` or ``memory``)."""

    def __init__(self, what: str, stage: str) -> None:
        super().__init__(f"{what} budget exceeded while {stage}")
        self.what = what
        self.stage = stage


class _Watch:
    """The per-process state: what is being done (named in the finding) and the watchdog thread."""

    def __init__(self) -> None:
        self.stage: object = "reading the package"
        self.armed = False
        self.exceeded: str | None = None
        self.limit_pages: int | None = None
        self.main = threading.main_thread().ident
        self.pid = os.getpid()
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None
        self.installed = False

    def handler(self, _signum: int, _frame: Any) -> None:
        if self.armed:
            self.armed = False
            raise BudgetExceeded(self.exceeded or "time", str(self.stage))

    def watch_memory(self) -> None:
        while True:
            self.wake.wait()
            while self.armed:
                limit = self.limit_pages  # read once: the main thread clears it when the package is done
                if limit is None:
                    break
                if _resident_pages() > limit and self.exceeded is None and self.armed:
                    self.exceeded = "memory"
                    if self.main is not None:
                        signal.pthread_kill(self.main, signal.SIGALRM)
                time.sleep(POLL)
            self.wake.clear()


_WATCH: _Watch | None = None


def _watch() -> _Watch:
    global _WATCH
    if _WATCH is None or _WATCH.pid != os.getpid():  # threads do not survive a fork: one watch per process
        _WATCH = _Watch()
    return _WATCH


def stage(text: object) -> None:
    """Say what the package's check is doing now (the VET010 finding names it): a string, or an
    object whose ``str`` says it, read only if the budget runs out (a loop can update it cheaply)."""
    if _WATCH is not None:
        _WATCH.stage = text


def available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def limits(budget: Budget | None, seconds: float | None = None) -> Iterator[None]:
    """Run the block under ``budget`` (``seconds`` overrides its time limit: the grace period)."""
    if budget is None or not available() or (budget.seconds is None and budget.memory_mb is None):
        yield
        return
    watch = _watch()
    watch.exceeded = None
    watch.stage = "reading the package"

    if not watch.installed:  # installed once and left: a late signal finds a handler that does nothing
        signal.signal(signal.SIGALRM, watch.handler)
        watch.installed = True
    limit = seconds if seconds is not None else budget.seconds
    if limit is not None:
        signal.setitimer(signal.ITIMER_REAL, max(limit, 0.001))
    pages = _resident_pages()
    if budget.memory_mb is not None and pages:
        watch.limit_pages = pages + budget.memory_mb * 1024 * 1024 // _PAGE
        if watch.thread is None:
            watch.thread = threading.Thread(target=watch.watch_memory, name="vetter-memory-budget", daemon=True)
            watch.thread.start()
    watch.armed = True
    watch.wake.set()
    try:
        yield
    finally:
        watch.armed = False
        watch.limit_pages = None
        signal.setitimer(signal.ITIMER_REAL, 0)


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident_pages() -> int:
    """The process's resident set in pages (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
