"""Find connector packages and load each into one read-only ``ConnectorPackage``.

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
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from vetter.jsonfile import JsonFile, JsonProblem
from vetter.rule import InputUnavailable, Location, Violation

if TYPE_CHECKING:
    from vetter.properties import ApiProperties
    from vetter.swagger import Swagger

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 5000
MAX_COMPRESSION_RATIO = 200

SWAGGER = "apiDefinition.swagger.json"
PROPERTIES = "apiProperties.json"
SETTINGS = "settings.json"
SCRIPT = "script.csx"

_PACKAGE_MARKERS = re.compile(
    r"(\.swagger\.json|apiproperties\.json|script\.csx|_openapidefinition\.json|"
    r"openapidefinition\.json)$",
    re.IGNORECASE,
)
_README = re.compile(r"^readme(\.[a-z]+)*$", re.IGNORECASE)
_ICON = re.compile(r"^icon\.(png|jpg|jpeg|svg)$", re.IGNORECASE)


class LoadError(Exception):
    """An input that cannot be read at all (the CLI prints one line, exit 2)."""


@dataclass(frozen=True)
class LoadProblem:
    """Something wrong with the container rather than a file's content."""

    kind: str  # unsafe-entry | archive-limit | file-too-large | unreadable | unreadable-archive
    message: str
    file: str


@dataclass(frozen=True)
class TextFile:
    name: str
    raw: bytes

    @cached_property
    def text(self) -> str:
        return self.raw.decode("utf-8-sig", errors="replace")

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()


@dataclass
class ConnectorPackage:
    """One connector: its files, parsed once, and the views rules iterate."""

    name: str  # display name: the folder, zip or file it came from
    origin: str  # path as given (or archive path!member)
    kind: str  # folder | zip | swagger | solution | memory
    files: dict[str, bytes]  # package-relative posix path -> bytes
    load_problems: list[LoadProblem] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # role -> file name
    baseline: ConnectorPackage | None = None  # the previous version (scan --against)
    acks: list[Any] = field(default_factory=list)  # acknowledged changes (vetter.compare.Ack)

    # -- files by role -------------------------------------------------------
    @cached_property
    def json_files(self) -> dict[str, JsonFile]:
        """Every JSON file of a known role, parsed once."""
        return {
            name: JsonFile(name, self.files[name])
            for role, name in sorted(self.roles.items())
            if role in ("swagger", "properties", "settings", "connection_parameters", "policies")
        }

    def json_problems(self, *kinds: str) -> Iterator[tuple[JsonFile, JsonProblem]]:
        """Decoding and parsing defects of the given kinds, file by file."""
        for file in self.json_files.values():
            for problem in file.problems:
                if problem.kind in kinds:
                    yield file, problem

    def json_problem_violations(
        self, *kinds: str, hints: Mapping[str, str] | None = None
    ) -> Iterator[Violation]:
        """One violation per JSON defect of the given kinds, at its line and column."""
        for file, problem in self.json_problems(*kinds):
            where = Location(file.name, problem.pointer, problem.line, problem.column)
            key = None if problem.pointer is not None else f"{problem.line}:{problem.column}"
            yield Violation(where, problem.message, hint=(hints or {}).get(problem.kind), key=key)

    def json(self, role: str) -> JsonFile | None:
        name = self.roles.get(role)
        return self.json_files.get(name) if name else None

    @property
    def swagger_file(self) -> JsonFile | None:
        return self.json("swagger")

    @property
    def properties_file(self) -> JsonFile | None:
        return self.json("properties")

    @cached_property
    def script(self) -> TextFile | None:
        name = self.roles.get("script")
        return TextFile(name, self.files[name]) if name else None

    @property
    def unreadable(self) -> bool:
        """The container itself (an archive) could not be opened: nothing inside was read."""
        return any(p.kind == "unreadable-archive" for p in self.load_problems)

    @property
    def readme(self) -> str | None:
        return self.roles.get("readme")

    @property
    def icon(self) -> str | None:
        return self.roles.get("icon")

    # -- views ---------------------------------------------------------------
    @cached_property
    def swagger(self) -> Swagger:
        from vetter.swagger import Swagger

        file = self.swagger_file
        if file is None:
            raise InputUnavailable("no swagger file in the package")
        if not file.parsed:
            raise InputUnavailable(f"{file.name} could not be parsed")
        if not isinstance(file.data, dict):
            raise InputUnavailable(f"{file.name} is not a JSON object")
        return Swagger(file)

    @cached_property
    def properties(self) -> ApiProperties:
        from vetter.properties import ApiProperties

        return ApiProperties.from_package(self)

    @cached_property
    def baseline_changes(self) -> list[Any]:
        """Changes from ``baseline`` to this package (empty without a baseline)."""
        if self.baseline is None:
            return []
        from vetter.compare import diff_packages

        return diff_packages(self.baseline, self, self.acks).changes

    def input_hashes(self) -> dict[str, str]:
        import hashlib

        return {n: hashlib.sha256(b).hexdigest() for n, b in sorted(self.files.items())}


# -- building a package from a set of files -------------------------------------
def package_from_files(
    name: str,
    files: Mapping[str, bytes],
    *,
    origin: str | None = None,
    kind: str = "memory",
    load_problems: list[LoadProblem] | None = None,
) -> ConnectorPackage:
    """Assign roles to files (case-insensitively) and build the package."""
    roles = assign_roles(files)
    return ConnectorPackage(
        name=name,
        origin=origin or name,
        kind=kind,
        files=dict(files),
        load_problems=list(load_problems or []),
        roles=roles,
    )


def assign_roles(files: Mapping[str, bytes]) -> dict[str, str]:
    roles: dict[str, str] = {}
    by_lower: dict[str, list[str]] = {}
    for path in sorted(files):
        by_lower.setdefault(PurePosixPath(path).name.lower(), []).append(path)

    def first(*names: str) -> str | None:
        for n in names:
            hits = by_lower.get(n.lower())
            if hits:
                return min(hits, key=lambda p: (p.count("/"), p))
        return None

    def first_suffix(suffix: str) -> str | None:
        hits = sorted(
            (p for low, ps in by_lower.items() if low.endswith(suffix) for p in ps),
            key=lambda p: (p.count("/"), p),
        )
        return hits[0] if hits else None

    swagger = first(SWAGGER) or first_suffix(".swagger.json") or first_suffix("openapidefinition.json")
    if swagger is None:
        lone_json = [p for p in files if p.lower().endswith(".json")]
        if len(lone_json) == 1 and b'"swagger"' in files[lone_json[0]][:4096]:
            swagger = lone_json[0]
    if swagger:
        roles["swagger"] = swagger
    for role, found in (
        ("properties", first(PROPERTIES)),
        ("settings", first(SETTINGS)),
        ("connection_parameters", first_suffix("connectionparameters.json")),
        ("policies", first_suffix("policytemplateinstances.json")),
        ("script", first(SCRIPT) or first_suffix("script.csx") or first_suffix("script.cs")),
    ):
        if found:
            roles[role] = found
    readme = sorted(p for low, ps in by_lower.items() if _README.match(low) for p in ps)
    if readme:
        roles["readme"] = readme[0]
    icon = sorted(p for low, ps in by_lower.items() if _ICON.match(low) for p in ps)
    if icon:
        roles["icon"] = icon[0]
    return roles


# -- finding packages -------------------------------------------------------------
@dataclass(frozen=True)
class PackageSource:
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
        prefixes = _solution_prefixes(members)
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
    solution = _solution_prefixes(_walk_names(root)) if _is_solution_root(names, root) else []
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
    out = []
    for dirpath, _dirs, files in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for f in files:
            out.append(PurePosixPath(rel, f).as_posix() if rel != "." else f)
    return out


def _solution_prefixes(members: list[str]) -> list[str]:
    """``customapis/<name>/`` folders, or one prefix per ``Connectors/<x>_openapidefinition.json``."""
    prefixes: set[str] = set()
    for m in members:
        parts = m.split("/")
        if len(parts) >= 3 and parts[0].lower() == "customapis":
            prefixes.add(f"{parts[0]}/{parts[1]}/")
        elif len(parts) == 2 and parts[0].lower() == "connectors":
            low = parts[1].lower()
            if low.endswith("_openapidefinition.json"):
                prefixes.add(f"{parts[0]}/{parts[1][: -len('_openapidefinition.json')]}_")
    return sorted(prefixes)


# -- loading -------------------------------------------------------------------------
def load_source(source: PackageSource) -> ConnectorPackage:
    problems: list[LoadProblem] = []
    if source.kind == "swagger":
        raw = _read_file(source.path, problems)
        files = {source.path.name: raw} if raw is not None else {}
        pkg = package_from_files(source.path.name, files, origin=str(source.path), kind="swagger", load_problems=problems)
        if raw is not None:
            pkg.roles.setdefault("swagger", source.path.name)
        return pkg
    if source.path.is_dir():
        files = _read_dir(source.path, problems)
    else:
        try:
            files = _read_zip(source.path, problems)
        except LoadError as exc:
            files = {}
            problems.append(LoadProblem("unreadable-archive", str(exc), source.path.name))
    name = source.path.name
    if source.member:
        files = _solution_member(files, source.member)
        name = f"{source.path.name}!{source.member.rstrip('/_')}"
    return package_from_files(name, files, origin=source.display, kind=source.kind, load_problems=problems)


def _solution_member(files: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    """The files of one connector inside a solution export."""
    if prefix.endswith("/"):  # customapis/<name>/...
        return {k[len(prefix) :]: v for k, v in files.items() if k.startswith(prefix)}
    # Connectors/<name>_openapidefinition.json, <name>_connectionparameters.json, ...
    return {k.rsplit("/", 1)[-1]: v for k, v in files.items() if k.startswith(prefix)}


def _read_file(path: Path, problems: list[LoadProblem]) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(LoadProblem("file-too-large", f"{path.name} is {size} bytes; the limit is {MAX_FILE_BYTES}.", path.name))
            return None
        return path.read_bytes()
    except OSError as exc:
        problems.append(LoadProblem("unreadable", f"{path.name} could not be read: {exc.strerror}.", path.name))
        return None


def _read_dir(root: Path, problems: list[LoadProblem]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    for rel in sorted(_walk_names(root)):
        full = root / rel
        try:
            mode = os.lstat(full).st_mode
        except OSError:
            continue
        if stat.S_ISLNK(mode) or not stat.S_ISREG(mode):
            problems.append(LoadProblem("unsafe-entry", f"{rel} is a link or special file; it was not read.", rel))
            continue
        if len(files) >= MAX_ARCHIVE_ENTRIES or total > MAX_ARCHIVE_BYTES:
            problems.append(LoadProblem("archive-limit", f"The folder holds more than {MAX_ARCHIVE_ENTRIES} files or {MAX_ARCHIVE_BYTES} bytes; the rest was not read.", rel))
            break
        if not _wanted(rel):
            continue
        raw = _read_file(full, problems)
        if raw is not None:
            files[rel] = raw
            total += len(raw)
    return files


def _wanted(rel: str) -> bool:
    """Read the files rules look at; skip bulky assets (images in subfolders, binaries)."""
    low = rel.lower()
    return "/" not in rel or low.endswith((".json", ".csx", ".cs", ".md")) or _ICON.match(PurePosixPath(low).name) is not None


def _zip_names(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as zf:
            return [i.filename for i in zf.infolist()[: MAX_ARCHIVE_ENTRIES + 1]]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError(f"{path}: not a readable zip archive ({exc})") from exc


def _read_zip(path: Path, problems: list[LoadProblem]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError(f"{path}: not a readable zip archive ({exc})") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ARCHIVE_ENTRIES:
            problems.append(LoadProblem("archive-limit", f"The archive has {len(infos)} entries; only the first {MAX_ARCHIVE_ENTRIES} were considered.", path.name))
            infos = infos[:MAX_ARCHIVE_ENTRIES]
        total = 0
        for info in infos:
            name = info.filename
            if info.is_dir():
                continue
            safe = _safe_member_name(name)
            is_link = stat.S_ISLNK(info.external_attr >> 16)
            if safe is None or is_link:
                problems.append(LoadProblem("unsafe-entry", f"Archive entry '{name}' {'is a symbolic link' if is_link else 'points outside the archive (absolute path or ..)'}; it was not read.", name))
                continue
            if not _wanted(safe):
                continue
            if info.file_size > MAX_FILE_BYTES or (
                info.compress_size and info.file_size > 1024 * 1024 and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO
            ):
                problems.append(LoadProblem("archive-limit", f"Archive entry '{name}' expands to {info.file_size} bytes from {info.compress_size} (limit {MAX_FILE_BYTES} bytes, ratio {MAX_COMPRESSION_RATIO}); it was not read.", name))
                continue
            try:
                with zf.open(info) as fh:
                    raw = fh.read(MAX_FILE_BYTES + 1)  # never trust the declared size
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
                problems.append(LoadProblem("unreadable", f"Archive entry '{name}' could not be read ({exc}).", name))
                continue
            if len(raw) > MAX_FILE_BYTES or total + len(raw) > MAX_ARCHIVE_BYTES:
                problems.append(LoadProblem("archive-limit", f"Archive entry '{name}' goes past the size limit; it was not read.", name))
                continue
            total += len(raw)
            files[safe] = raw
    return _strip_common_folder(files)


def _safe_member_name(name: str) -> str | None:
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts) or not parts:
        return None
    return "/".join(parts)


def _strip_common_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    """A zip of a folder has every entry under ``Folder/``; drop that prefix."""
    tops = {k.split("/", 1)[0] for k in files}
    if len(tops) == 1 and all("/" in k for k in files):
        top = tops.pop() + "/"
        if not any(k.lower().startswith("customapis/") for k in files):
            return {k[len(top) :]: v for k, v in files.items()}
    return files
