"""Read-only git plumbing: run git, list what changed since a ref, list packages at a ref.

Nothing here checks anything out or touches the work tree: it runs
``git diff``, ``git ls-files``, ``git ls-tree`` and ``git show``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from vetter.model.loader import PACKAGE_MARKERS, LoadError


def run_git(args: list[str], cwd: Path) -> bytes:
    import subprocess  # only when git runs: `vetter diff OLD NEW` of two files never does (start-up time)

    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LoadError(f"git {' '.join(args)}: {exc}") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LoadError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return proc.stdout


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
