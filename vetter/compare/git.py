"""Read-only git plumbing: run git, list what changed since a ref, list packages at a ref.

Nothing here checks anything out or touches the work tree: it runs
``git diff``, ``git ls-files``, ``git ls-tree`` and ``git show``.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path, PurePosixPath

from vetter.model.loader import PACKAGE_MARKERS, LoadError


def run_git(args: list[str], cwd: Path) -> bytes:
    import subprocess  # only when git runs: `vetter diff OLD NEW` of two files never does (start-up time)

    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60, env=_hardened_env(str(cwd)))
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LoadError(f"git {' '.join(args)}: {exc}") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LoadError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return proc.stdout


# What a repository's own configuration could make these read-only commands run or fetch: an
# fsmonitor hook (`git diff` and `git ls-files` ask it), clean filters (`git diff` against the work
# tree), a lazy fetch of a partial clone (`git show`, `git cat-file`) over any transport, `ext::`
# included. A clone does not carry `.git/config`, but a folder or archive handed over with its
# `.git` does; git itself then runs them for `git status`. Switched off for every call.
_PROTOCOLS = ("ext", "file", "git", "ssh", "http", "https")


@functools.lru_cache(maxsize=8)
def _hardened_env(cwd: str) -> dict[str, str]:
    """The environment for git in ``cwd``: ours, with the settings above overridden (``GIT_CONFIG_COUNT``,
    git >= 2.31, takes keys and values apart: a driver's name may hold any character but a newline)."""
    import subprocess

    overrides = [("core.fsmonitor", "false"), ("protocol.allow", "never"), *((f"protocol.{p}.allow", "never") for p in _PROTOCOLS)]
    try:  # reading the configuration runs nothing
        listed = subprocess.run(["git", "config", "--null", "--name-only", "--get-regexp", r"^filter\..*\."], cwd=cwd, capture_output=True, check=False, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        listed = b""
    drivers = sorted({key[len("filter.") : key.rindex(".")] for key in listed.decode("utf-8", "surrogateescape").split("\0") if key.count(".") >= 2})
    for name in drivers:
        overrides += [(f"filter.{name}.clean", ""), (f"filter.{name}.smudge", ""), (f"filter.{name}.process", ""), (f"filter.{name}.required", "false")]
    env = dict(os.environ)
    count = env.get("GIT_CONFIG_COUNT", "")
    start = int(count) if count.isdigit() else 0  # the caller's own overrides stay, ours follow
    for i, (key, value) in enumerate(overrides, start=start):
        env[f"GIT_CONFIG_KEY_{i}"] = key
        env[f"GIT_CONFIG_VALUE_{i}"] = value
    env["GIT_CONFIG_COUNT"] = str(start + len(overrides))
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def toplevel(cwd: Path) -> Path:
    return Path(run_git(["rev-parse", "--show-toplevel"], cwd).decode().strip()).resolve()


def verify_ref(ref: str, cwd: Path) -> None:
    """A one-line tool error (exit 2) when ``ref`` names no commit."""
    try:
        run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd)
    except LoadError:
        raise LoadError(f"{ref}: not a commit in the repository at {cwd}") from None


def _names(raw: bytes) -> list[str]:
    return [n for n in raw.decode("utf-8", "surrogateescape").split("\0") if n]


def changed_since(ref: str, cwd: Path) -> set[Path]:
    """Absolute paths of files added, modified or deleted since ``ref`` (work tree and index), and untracked ones."""
    top = toplevel(cwd)
    verify_ref(ref, top)
    changed = _names(run_git(["diff", "--name-only", "-z", ref, "--"], top))
    untracked = _names(run_git(["ls-files", "--others", "--exclude-standard", "-z"], top))
    return {(top / n).resolve() for n in [*changed, *untracked]}


def package_dirs_at(ref: str, path: Path, cwd: Path) -> list[Path]:
    """Folders under ``path`` that held a connector package at ``ref`` (absolute paths)."""
    top = toplevel(cwd)
    try:
        rel = path.resolve().relative_to(top).as_posix()
    except ValueError:
        raise LoadError(f"{path}: outside the repository at {top}") from None
    listing = _names(run_git(["ls-tree", "-r", "-z", "--name-only", ref, "--", rel if rel != "." else "."], top))
    dirs = {str(PurePosixPath(n).parent) for n in listing if PACKAGE_MARKERS.search(PurePosixPath(n).name)}
    return sorted((top / d).resolve() for d in dirs)
