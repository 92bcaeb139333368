"""One side of a diff: a package folder or zip, a swagger file, or ``git:REF:PATH``.

``git:REF:PATH`` reads PATH (a swagger file or a package folder) as it is at
REF in the repository of the current directory, with ``git show`` and
``git ls-tree``; nothing is checked out and the work tree is not touched. It is read
within the loader's limits (``vetter.model.archives``): entries past the count or size limit,
links and nested archives are not read and become load problems, as in a zip.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath

from vetter.base.rule import InputUnavailable
from vetter.compare.git import run_git
from vetter.model import archives
from vetter.model.loader import LoadError, find_packages, nested_archive
from vetter.model.package import ConnectorPackage, LoadProblem, package_from_files

GIT_PREFIX = "git:"


def load_side(spec: str) -> ConnectorPackage:
    if spec.startswith(GIT_PREFIX):
        ref, sep, path = spec[len(GIT_PREFIX) :].partition(":")
        if not sep or not ref:
            raise LoadError(f"{spec}: expected git:REF:PATH, for example git:main:connectors/Contoso")
        return load_git(ref, path or ".")
    sources = list(find_packages([spec]))
    if len(sources) != 1:
        raise LoadError(f"{spec}: holds {len(sources)} connector packages; give one package to compare")
    return sources[0].load()


class NotAtRef(LoadError):
    """The path did not exist at that ref (a connector new in this change)."""


def load_git(ref: str, path: str, cwd: Path | None = None) -> ConnectorPackage:
    """The package (or lone swagger) at ``path`` as committed at ``ref``."""
    cwd = cwd or Path.cwd()
    top = run_git(["rev-parse", "--show-toplevel"], cwd).decode().strip()
    try:
        rel = (cwd / path).resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        raise LoadError(f"git:{ref}:{path}: the path is outside the repository at {top}") from None
    rel = "" if rel == "." else rel
    run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], Path(top))
    try:
        kind = run_git(["cat-file", "-t", f"{ref}:{rel}"], Path(top)).decode().strip()
    except LoadError:
        raise NotAtRef(f"git:{ref}:{rel}: not in that revision") from None
    name = f"{PurePosixPath(rel).name or 'repository'}@{ref}"
    problems: list[LoadProblem] = []
    if kind == "blob":
        file = PurePosixPath(rel).name
        size = int(run_git(["cat-file", "-s", f"{ref}:{rel}"], Path(top)))
        if size > archives.MAX_FILE_BYTES:
            problems.append(LoadProblem("file-too-large", f"{file} is {size} bytes at {ref}; the limit is {archives.MAX_FILE_BYTES}.", file))
            return package_from_files(name, {}, origin=f"git:{ref}:{rel}", kind="swagger", load_problems=problems)
        raw = run_git(["show", f"{ref}:{rel}"], Path(top))
        return package_from_files(name, {file: raw}, origin=f"git:{ref}:{rel}", kind="swagger", roles={"swagger": file})
    files = _read_tree(ref, rel, Path(top), problems)
    if not files and not problems:
        raise LoadError(f"git:{ref}:{rel}: no files at that path")
    return package_from_files(name, files, origin=f"git:{ref}:{rel}", kind="folder", load_problems=problems)


def _read_tree(ref: str, rel: str, top: Path, problems: list[LoadProblem]) -> dict[str, bytes]:
    """The files under ``rel`` at ``ref``, read as the loader reads a folder: the same entry, file
    and total limits; links, submodules and nested archives left out and recorded."""
    listing = run_git(["ls-tree", "-r", "-z", "-l", ref, "--", rel or "."], top).decode("utf-8", "surrogateescape")
    files: dict[str, bytes] = {}
    total = 0
    for count, record in enumerate(filter(None, listing.split("\0"))):
        meta, _, entry = record.partition("\t")
        mode, kind, _object, size = [*meta.split(), "", "", "", ""][:4]
        inner = entry[len(rel) + 1 :] if rel else entry
        if count >= archives.MAX_ARCHIVE_ENTRIES or total > archives.MAX_ARCHIVE_BYTES:
            problems.append(LoadProblem("incomplete", f"The package could not be read completely: at {ref} it holds more than {archives.MAX_ARCHIVE_ENTRIES} files or {archives.MAX_ARCHIVE_BYTES} bytes, and the rest was not read.", inner))
            break
        if kind != "blob" or mode == "120000":
            problems.append(LoadProblem("unsafe-entry", f"{inner} is a link or submodule at {ref}; it was not read.", inner))
            continue
        if inner.lower().endswith(".zip"):
            problems.append(nested_archive(inner, None))
            continue
        if "/" in inner and not inner.lower().endswith((".json", ".csx", ".cs", ".md")):
            continue
        if not size.isdigit() or int(size) > archives.MAX_FILE_BYTES:
            problems.append(LoadProblem("file-too-large", f"{inner} is {size} bytes at {ref}; the limit is {archives.MAX_FILE_BYTES}.", inner))
            continue
        files[inner] = run_git(["show", f"{ref}:{entry}"], top)
        total += len(files[inner])
    return files


def previous_at(ref: str) -> Callable[[ConnectorPackage], ConnectorPackage | None]:
    """For ``scan --against REF``: each package as committed at ``ref`` (None when new since then)."""
    run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], Path.cwd())  # a bad ref is a tool error, once

    def previous(package: ConnectorPackage) -> ConnectorPackage | None:
        if package.kind not in ("folder", "swagger"):
            raise InputUnavailable(f"--against compares folders and swagger files; {package.origin} is a {package.kind}")
        try:
            return load_git(ref, package.origin)
        except NotAtRef:
            return None
        except LoadError as exc:
            raise InputUnavailable(str(exc)) from None

    return previous
