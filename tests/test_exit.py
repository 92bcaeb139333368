"""The command's fast exit (``vetter.cli.run``): same exit code, output and files as a normal exit.

``run`` ends the process with ``os._exit`` once the command has finished, its exit handlers have
run and stdout and stderr are flushed, skipping only the interpreter's teardown. These tests run
real processes for what the user sees, and call ``_exit_now`` with ``os._exit``, ``sys.exit`` and
the exit handlers replaced for each path through it.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import vetter.cli as cli

ROOT = Path(__file__).resolve().parents[1]
LARGE = ROOT / "fixtures" / "packages" / "large-definition"
MINIMAL = ROOT / "fixtures" / "packages" / "minimal"


def _process(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "vetter.cli", *args], capture_output=True, cwd=ROOT, timeout=300, check=False)


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_a_report_larger_than_a_pipe_reaches_stdout_whole_with_the_exit_code(tmp_path: Path, fmt: str):
    written = tmp_path / f"report.{fmt}"
    to_file = _process("scan", str(LARGE), "--format", fmt, "--fail-on", "info", "--output", str(written))
    to_stdout = _process("scan", str(LARGE), "--format", fmt, "--fail-on", "info")
    assert len(to_stdout.stdout) > 300_000  # several times a pipe's 64 KB buffer
    assert to_stdout.stdout == written.read_bytes()
    in_process = CliRunner().invoke(cli.main, ["scan", str(LARGE), "--format", fmt, "--fail-on", "info", "--output", str(tmp_path / "again")])
    assert (to_file.returncode, to_stdout.returncode, in_process.exit_code) == (1, 1, 1)
    assert to_stdout.stderr.decode().splitlines() == ["vetter: FAIL: 3 finding(s) at or above fail-on=info (1 error, 1 warning, 1 info in 1 package(s))"]


def test_clean_usage_error_and_version_keep_their_exit_codes():
    clean = _process("scan", str(MINIMAL), "--format", "json", "--output", "/dev/null")
    missing = _process("scan", str(ROOT / "no-such-package"))
    version = _process("--version")
    assert (clean.returncode, missing.returncode, version.returncode) == (0, 2, 0)
    assert missing.stderr.decode().splitlines() == [f"vetter: error: {ROOT / 'no-such-package'}: no such file or directory"]
    assert version.stdout.decode().startswith("vetter ")


def test_a_reader_that_leaves_early_gets_no_traceback():
    proc = subprocess.Popen([sys.executable, "-m", "vetter.cli", "scan", str(LARGE), "--format", "html"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10) == b"<!DOCTYPE "
    proc.stdout.close()  # as `vetter ... | head -c 10` does
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 1
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


class _Exited(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What ``_exit_now`` did, in order: exit handlers run, streams flushed, the status it exited with."""
    import atexit
    import os

    steps: list[str] = []

    def hard_exit(status: int) -> None:
        steps.append(f"os._exit({status})")
        raise _Exited(status)

    monkeypatch.setattr(os, "_exit", hard_exit)
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: steps.append("exit handlers"))
    monkeypatch.setattr(sys, "gettrace", lambda: None)  # these tests may themselves run under coverage or a debugger
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    return steps


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2)])
def test_the_fast_exit_runs_the_exit_handlers_then_exits_with_the_code(exits: list[str], code: int | None, status: int):
    with pytest.raises(_Exited):
        cli._exit_now(code)
    assert exits == ["exit handlers", f"os._exit({status})"]


def test_a_message_as_exit_code_goes_to_stderr_with_status_1(exits: list[str], capsys: pytest.CaptureFixture[str]):
    with pytest.raises(_Exited):
        cli._exit_now("vetter: something went wrong")
    assert exits == ["exit handlers", "os._exit(1)"]
    assert capsys.readouterr().err == "vetter: something went wrong\n"


def test_a_stdout_that_cannot_be_flushed_makes_a_clean_exit_fail(exits: list[str], monkeypatch: pytest.MonkeyPatch):
    class Gone:
        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Gone())
    with pytest.raises(_Exited):
        cli._exit_now(0)
    assert exits == ["exit handlers", "os._exit(1)"]


def test_a_thread_a_normal_exit_waits_for_gets_the_normal_exit(exits: list[str]):
    release = threading.Event()
    worker = threading.Thread(target=release.wait, daemon=False)
    worker.start()
    try:
        with pytest.raises(SystemExit) as raised:
            cli._exit_now(1)
    finally:
        release.set()
        worker.join()
    assert raised.value.code == 1
    assert exits == []  # neither the handlers nor os._exit: the interpreter's own exit does both


def test_a_daemon_thread_does_not_hold_the_fast_exit(exits: list[str]):
    release = threading.Event()
    watcher = threading.Thread(target=release.wait, daemon=True)  # as the memory-budget watcher is
    watcher.start()
    try:
        with pytest.raises(_Exited):
            cli._exit_now(0)
    finally:
        release.set()
        watcher.join()
    assert exits == ["exit handlers", "os._exit(0)"]


def test_a_stream_the_command_closed_is_left_alone(exits: list[str], monkeypatch: pytest.MonkeyPatch):
    """The language server's stdout is closed when its client leaves: a normal exit skips it, so does this."""

    class Closed:
        closed = True

        def flush(self) -> None:
            raise ValueError("I/O operation on closed file.")

    monkeypatch.setattr(sys, "stdout", Closed())
    with pytest.raises(_Exited):
        cli._exit_now(0)
    assert exits == ["exit handlers", "os._exit(0)"]


def test_under_a_profiler_the_exit_is_the_normal_one_and_the_profile_is_written(tmp_path: Path):
    out = tmp_path / "vetter.prof"
    proc = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "vetter.cli", "scan", str(MINIMAL), "--format", "json"],
                          capture_output=True, cwd=ROOT, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert out.stat().st_size > 0
    import pstats

    assert any(name == "run" for _file, _line, name in pstats.Stats(str(out)).stats)  # type: ignore[attr-defined]


@pytest.mark.parametrize("hook", ["gettrace", "getprofile"])
def test_under_a_tracer_or_profiler_the_exit_is_the_normal_one(exits: list[str], monkeypatch: pytest.MonkeyPatch, hook: str):
    monkeypatch.setattr(sys, hook, lambda: print)  # coverage's tracer, cProfile's profiler: they write their data at exit
    with pytest.raises(SystemExit) as raised:
        cli._exit_now(0)
    assert raised.value.code == 0 and exits == []
