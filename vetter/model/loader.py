"""Find connector packages on disk and read each into a ``ConnectorPackage``.

Accepted inputs (``find_packages``):

* a folder in the paconn layout (``apiDefinition.swagger.json``,
  ``apiProperties.json``, ``script.csx``, ``settings.json``, icon, readme; any
  letter case, and the odd swagger names seen in the wild such as
  ``CQC-Connector.swagger.json``);
* a ``.zip`` of such a folder;
* a lone swagger file;
* a Power Platform solution export (folder or zip) holding
  ``customapis/<name>/`` or ``Connectors/`` entries;
* a folder of many of these (a portfolio), searched recursively.

Archives are read defensively: entries with absolute paths, ``..`` or links
are skipped and reported, and reading stops at size, count and ratio limits
(zip bombs). vetter never writes into what it reads.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from vetter.model import archives
from vetter.model.package import DUPLICATE_PREFIX, ConnectorPackage, LoadProblem, base_name, package_from_files
from vetter.model.package import ICON_NAME as _ICON
from vetter.model.package import README_NAME as _README

if TYPE_CHECKING:
    import zipfile

_PACKAGE_MARKERS = re.compile(
    r"(\.swagger\.json|apiproperties\.json|script\.csx|_openapidefinition\.json|"
    r"openapidefinition\.json)$",
    re.IGNORECASE,
)


class LoadError(Exception):
    """An input that cannot be read at all (the CLI prints one line, exit 2)."""


# -- finding packages -------------------------------------------------------------
class PackageSource(Struct, frozen=True):
    """A package found on disk, loaded only when asked (keeps memory flat)."""

    path: Path
    kind: str  # folder | zip | swagger | solution
    member: str | None = None  # the customapis/<name>/ prefix inside a solution

    @property
    def display(self) -> str:
        base = str(self.path)
        return f"{base}!{self.member}" if self.member else base

    def load(self) -> ConnectorPackage:
        return load_source(self)


def find_packages(paths: list[str | Path]) -> Iterator[PackageSource]:
    """Yield every package under the given paths, in a stable order."""
    for raw in paths:
        if not str(raw).strip():
            raise LoadError("an empty path was given; name a package folder, zip or swagger file")
        path = Path(raw)
        if not path.exists():
            raise LoadError(f"{raw}: no such file or directory")
        if path.is_file():
            yield from _sources_for_file(path)
        elif path.is_dir():
            yield from _sources_for_dir(path)
        else:
            raise LoadError(f"{raw}: not a regular file or directory")


def _sources_for_file(path: Path) -> Iterator[PackageSource]:
    if path.suffix.lower() == ".zip":
        members = _zip_names(path)
        prefixes = archives.solution_prefixes(members)
        if prefixes:
            for prefix in prefixes:
                yield PackageSource(path, "solution", prefix)
        else:
            yield PackageSource(path, "zip")
    elif path.suffix.lower() == ".json":
        yield PackageSource(path, "swagger")
    else:
        raise LoadError(f"{path}: expected a folder, a .zip or a swagger .json file")


def _sources_for_dir(root: Path) -> Iterator[PackageSource]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        raise LoadError(f"{root}: {exc.strerror}") from exc
    names = [e.name for e in entries if e.is_file(follow_symlinks=False)]
    solution = archives.solution_prefixes(_walk_names(root)) if _is_solution_root(names, root) else []
    if solution:
        for prefix in solution:
            yield PackageSource(root, "solution", prefix)
        return
    if any(_PACKAGE_MARKERS.search(n) for n in names):
        yield PackageSource(root, "folder")
        return
    subdirs = [e for e in entries if e.is_dir(follow_symlinks=False)]
    found = False
    for entry in subdirs:
        for source in _sources_for_dir(Path(entry.path)):
            found = True
            yield source
    for entry in entries:
        if entry.is_file(follow_symlinks=False) and entry.name.lower().endswith(".zip"):
            found = True
            try:
                yield from _sources_for_file(Path(entry.path))
            except LoadError:  # in a portfolio, a broken archive is a finding, not the end of the scan
                yield PackageSource(Path(entry.path), "zip")
    if not found and any(_README.match(n) or _ICON.match(n) for n in names):
        # a connector folder with no definition at all: report it, do not skip it
        yield PackageSource(root, "folder")


def _is_solution_root(names: list[str], root: Path) -> bool:
    lowered = {n.lower() for n in names}
    return "solution.xml" in lowered or (root / "customapis").is_dir() or (root / "Connectors").is_dir()


def _walk_names(root: Path) -> list[str]:
    """Every file under ``root`` (links and special files too, not the folders), relative, with "/".

    A folder's relative path is the walk's path without ``root`` and its separator (what
    ``os.path.relpath`` gives, without its two ``abspath`` calls), joined to each name by a
    string format (what ``PurePosixPath(rel, name).as_posix()`` gives: a name holds no "/")."""
    out = []
    top = os.fspath(root)
    cut = len(top) if top.endswith(os.sep) else len(top) + len(os.sep)
    for dirpath, _dirs, files in os.walk(top):
        if dirpath == top:
            out.extend(files)
        else:
            rel = dirpath[cut:]
            out.extend([f"{rel}/{f}" for f in files])
    return out


# -- loading -------------------------------------------------------------------------
def load_source(source: PackageSource) -> ConnectorPackage:
    problems: list[LoadProblem] = []
    if source.kind == "swagger":
        raw = _read_file(source.path, problems)
        files = {source.path.name: raw} if raw is not None else {}
        roles = {"swagger": source.path.name} if raw is not None else None
        return package_from_files(source.path.name, files, origin=str(source.path), kind="swagger", load_problems=problems, roles=roles)
    if source.kind == "zip":  # a certification submission (zip of .md + zip of solutions) is one package
        from vetter.model.submission import read_submission

        if (submission := read_submission(source.path)) is not None:
            return submission
    if source.member and _READ_ONCE:
        files = _read_solution_once(source.path, problems)
    elif source.path.is_dir():
        files = _read_dir(source.path, problems)
    else:
        files = _read_zip_or_say(source.path, problems)
    name = source.path.name
    if source.member:
        files = archives.solution_member(files, source.member)
        name = f"{source.path.name}!{source.member.rstrip('/_')}"
    return package_from_files(name, files, origin=source.display, kind=source.kind, load_problems=problems)


def _read_file(path: Path, problems: list[LoadProblem]) -> bytes | None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(LoadProblem("unreadable", f"{path.name} could not be read: {exc.strerror}.", path.name))
        return None
    return _read_sized(os.fspath(path), path.name, size, problems)


def _read_sized(full: str, name: str, size: int, problems: list[LoadProblem]) -> bytes | None:
    """The bytes of the regular file ``full`` (``name`` in messages), whose ``stat`` said ``size``."""
    try:
        if size > archives.MAX_FILE_BYTES:
            problems.append(LoadProblem("file-too-large", f"{name} is {size} bytes; the limit is {archives.MAX_FILE_BYTES}.", name))
            return None
        with open(full, "rb") as fh:
            return fh.read()
    except OSError as exc:
        problems.append(LoadProblem("unreadable", f"{name} could not be read: {exc.strerror}.", name))
        return None


def _read_dir(root: Path, problems: list[LoadProblem]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    top = os.fspath(root)
    for rel in sorted(_walk_names(root)):  # paths as strings, one lstat a file: a regular file's is its stat
        full = os.path.join(top, rel)
        try:
            st = os.lstat(full)
        except OSError:
            continue
        mode = st.st_mode
        if stat.S_ISLNK(mode) or not stat.S_ISREG(mode):
            problems.append(LoadProblem("unsafe-entry", f"{rel} is a link or special file; it was not read.", rel))
            continue
        if len(files) >= archives.MAX_ARCHIVE_ENTRIES or total > archives.MAX_ARCHIVE_BYTES:
            problems.append(LoadProblem("incomplete", f"The package could not be read completely: the folder holds more than {archives.MAX_ARCHIVE_ENTRIES} files or {archives.MAX_ARCHIVE_BYTES} bytes, and the rest was not read.", rel))
            break
        if _is_archive(rel):
            problems.append(nested_archive(rel, None))
            continue
        if not _wanted(rel):
            continue
        raw = _read_sized(full, os.path.basename(full), st.st_size, problems)
        if raw is not None:
            files[rel] = raw
            total += len(raw)
    return files


def _wanted(rel: str) -> bool:
    """Read the files rules look at; skip bulky assets (images in subfolders, binaries)."""
    low = rel.lower()
    return "/" not in rel or low.endswith((".json", ".csx", ".cs", ".md")) or _ICON.match(base_name(low)) is not None


def _zip_names(path: Path) -> list[str]:
    import zipfile  # only for a zip: a folder scan does not pay for it

    if archives.oversized_directory(path) is not None:
        return []  # one package; loading it says why it was not opened
    try:
        with zipfile.ZipFile(path) as zf:
            return [i.filename for i in zf.infolist()[: archives.MAX_ARCHIVE_ENTRIES + 1]]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError(f"{path}: not a readable zip archive ({exc})") from exc


_READ_ONCE = False
_LAST_SOLUTION: list[tuple[tuple[str, int, int, int], dict[str, bytes], list[LoadProblem]]] = []


@contextmanager
def solutions_read_once() -> Iterator[None]:
    """While a scan runs: the connectors of a solution (zip or folder), which follow one another,
    take their files from one read of it. Each read the whole solution again: 300 connectors took
    7.5 s from a zip and 10.4 s from a folder, 75 took 0.6 s. The read is kept for the last
    solution only, and dropped when the scan ends; outside a scan (the editor, one package)
    every load reads the disk."""
    global _READ_ONCE
    _READ_ONCE = True
    try:
        yield
    finally:
        _READ_ONCE = False
        _LAST_SOLUTION.clear()


def _read_solution_once(path: Path, problems: list[LoadProblem]) -> dict[str, bytes]:
    try:
        st = path.stat()
    except OSError:
        st = None
    key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns) if st is not None else None
    if key is not None and _LAST_SOLUTION and _LAST_SOLUTION[0][0] == key:
        files, found = _LAST_SOLUTION[0][1], _LAST_SOLUTION[0][2]
    else:
        _LAST_SOLUTION.clear()
        found = []
        files = _read_dir(path, found) if path.is_dir() else _read_zip_or_say(path, found)
        if key is not None:
            _LAST_SOLUTION.append((key, files, found))
    problems.extend(found)
    return dict(files)


def _read_zip_or_say(path: Path, problems: list[LoadProblem]) -> dict[str, bytes]:
    """``_read_zip``, an unreadable archive said as a load problem."""
    try:
        return _read_zip(path, problems)
    except LoadError as exc:
        problems.append(LoadProblem("unreadable-archive", str(exc), path.name))
        return {}


def _read_zip(path: Path, problems: list[LoadProblem]) -> dict[str, bytes]:
    import zipfile

    files: dict[str, bytes] = {}
    refused = archives.oversized_directory(path)
    if refused is not None:
        problems.append(LoadProblem("incomplete", refused, path.name))
        return files
    copies: list[tuple[int, str, bytes]] = []  # later copies of an entry name: scanned for secrets, never vetted
    seen: dict[str, int] = {}  # entry name -> copies met
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError(f"{path}: not a readable zip archive ({exc})") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > archives.MAX_ARCHIVE_ENTRIES:
            problems.append(LoadProblem("incomplete", f"The package could not be read completely: the archive has {len(infos)} entries and only the first {archives.MAX_ARCHIVE_ENTRIES} were read.", path.name))
            infos = infos[:archives.MAX_ARCHIVE_ENTRIES]
        total = 0
        for info in infos:
            name = info.filename
            if info.is_dir():
                continue
            safe = archives.safe_member_name(name)
            is_link = stat.S_ISLNK(info.external_attr >> 16)
            if safe is None or is_link:
                problems.append(LoadProblem("unsafe-entry", f"Archive entry '{name}' {'is a symbolic link' if is_link else 'points outside the archive (absolute path or ..)'}; it was not read.", name))
                continue
            if _is_archive(safe):
                problems.append(nested_archive(safe, info))
                continue
            if not _wanted(safe):
                continue
            if info.file_size > archives.MAX_FILE_BYTES or (
                info.compress_size and info.file_size > 1024 * 1024 and info.file_size / info.compress_size > archives.MAX_COMPRESSION_RATIO
            ):
                problems.append(LoadProblem("archive-limit", f"Archive entry '{name}' expands to {info.file_size} bytes from {info.compress_size} (limit {archives.MAX_FILE_BYTES} bytes, ratio {archives.MAX_COMPRESSION_RATIO}); it was not read.", name))
                continue
            try:
                with zf.open(info) as fh:
                    raw = fh.read(archives.MAX_FILE_BYTES + 1)  # never trust the declared size
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
                problems.append(LoadProblem("unreadable", f"Archive entry '{name}' could not be read ({exc}).", name))
                continue
            if len(raw) > archives.MAX_FILE_BYTES or total + len(raw) > archives.MAX_ARCHIVE_BYTES:
                problems.append(LoadProblem("archive-limit", f"Archive entry '{name}' goes past the size limit; it was not read.", name))
                continue
            total += len(raw)
            if safe in files:  # .NET's ZipArchive.GetEntry, which the platform's tools use, returns the first
                n = seen[safe] = seen.get(safe, 1) + 1
                copies.append((n, safe, raw))
                problems.append(LoadProblem("duplicate-entry", f"Archive entry '{name}' appears more than once (copy {n}); vetter vets the first copy, the one the platform's tools read (.NET ZipArchive.GetEntry), and scanned copy {n} for secrets only.", safe))
                continue
            files[safe] = raw
    top = _common_folder(files)
    out = {k[len(top) :]: v for k, v in files.items()}
    for n, name, raw in copies:
        out[f"{DUPLICATE_PREFIX}{n})/{name[len(top) :]}"] = raw
    return out


def _is_archive(name: str) -> bool:
    return name.lower().endswith(".zip")


def nested_archive(name: str, info: zipfile.ZipInfo | None) -> LoadProblem:
    """What to do with an archive found inside a package: today, say it was not opened.

    The one place to change when nested archives are to be read (a certification
    submission zip holding the package zip, for instance): ``info`` is the entry in
    the outer zip, or None for a file in a package folder.
    """
    size = f" ({info.file_size} bytes)" if info is not None else ""
    return LoadProblem("nested-archive", f"'{name}'{size} is an archive inside the package; vetter does not open nested archives, so its content was not checked.", name)


def _common_folder(files: dict[str, bytes]) -> str:
    """A zip of a folder has every entry under ``Folder/``: that prefix, to drop ("" when there is none)."""
    tops = {k.split("/", 1)[0] for k in files}
    if len(tops) == 1 and all("/" in k for k in files) and not any(k.lower().startswith("customapis/") for k in files):
        return tops.pop() + "/"
    return ""


PACKAGE_MARKERS = _PACKAGE_MARKERS  # public: file names that make a folder a connector package (vetter.compare.git)
