"""Certification submission packages (rules-catalog §0): the zip a publisher uploads.

Microsoft's ``scripts/ConnectorPackageValidator.ps1`` describes the layout:

* the outer zip holds exactly one ``.md`` (the readme) and one ``.zip``, no folders;
* the inner zip holds one folder (ideally ``PkgAssets``) with exactly two solution
  zips (the connector and a flow), or three when an AI plugin is included;
* every solution zip holds ``[Content_Types].xml``, ``customizations.xml`` and
  ``solution.xml``; the connector solution holds only the connector, the flow
  solution the connector and ``Workflows``, the plugin solution the connector,
  ``aiplugins`` and ``aipluginoperations``.

``read_submission(path)`` recognises such a zip (an outer zip whose entries are
``.md`` and ``.zip`` files and no connector files) and reads it as **one**
package: the connector's files from the connector solution, the readme from the
outer ``.md``, and one ``LoadProblem(kind="submission-layout")`` per missing or
extra part, which rule CRT017 reports. Archives are read with the shared
limits (entry count, entry size, compression ratio), and all layers together
read at most the shared archive limit (`vetter.model.archives`); nested zips are read in memory, one
level per layer, never extracted to disk.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from msgspec import Struct, field

from vetter.model import archives
from vetter.model.package import ConnectorPackage, LoadProblem, package_from_files

LAYOUT = "submission-layout"
SOLUTION_FILES = ("[Content_Types].xml", "customizations.xml", "solution.xml")
CONNECTOR_FOLDERS = ("connectors", "customapis")
PLUGIN_FOLDERS = ("aiplugins", "aipluginoperations")
PREFERRED_FOLDER = "PkgAssets"


class _Zip(Struct):
    """The entries of one archive layer: name -> bytes (only what was read) plus all names."""

    names: list[str]
    data: dict[str, bytes] = field(default_factory=dict)


def looks_like_submission(names: list[str]) -> bool:
    """A top-level .zip beside a top-level .md (or alone), and no connector file anywhere."""
    files = [n for n in names if not n.endswith("/")]
    markers = (".swagger.json", "apiproperties.json", "openapidefinition.json", "solution.xml")
    if any(n.lower().endswith(markers) for n in files):
        return False
    top_zips = [n for n in files if "/" not in n and n.lower().endswith(".zip")]
    top_mds = [n for n in files if "/" not in n and n.lower().endswith(".md")]
    return bool(top_zips) and (bool(top_mds) or len(files) == 1)


def read_submission(path: Path) -> ConnectorPackage | None:
    """The submission at ``path`` as one package, or None when it is not a submission zip."""
    import zipfile  # only for a zip: a folder scan does not pay for it

    if archives.oversized_directory(path) is not None:
        return None  # the loader reports it
    try:
        with zipfile.ZipFile(path) as zf:
            names = [i.filename for i in zf.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if not looks_like_submission(names):
        return None

    if path.stat().st_size > archives.MAX_ARCHIVE_BYTES:
        return None  # the loader reports it as too large
    problems: list[LoadProblem] = []
    files: dict[str, bytes] = {}
    budget = [archives.MAX_ARCHIVE_BYTES]  # bytes still allowed to be read, shared by every layer
    outer = _open_layer(path.read_bytes(), path.name, problems, budget, want=lambda n: n.lower().endswith((".md", ".zip")))
    if outer is None:
        return None
    inner_bytes = _check_outer(outer, path.name, files, problems)
    if inner_bytes is not None:
        inner_name, raw = inner_bytes
        inner = _open_layer(raw, inner_name, problems, budget, want=lambda n: n.lower().endswith(".zip"))
        if inner is not None:
            kinds = [_check_solution(label, solution, files, problems, budget) for label, solution in _check_inner(inner, inner_name, problems)]
            for kind, wanted in (("connector", "connector solution (only the connector)"), ("flow", "flow solution (connector and Workflows)")):
                count = kinds.count(kind)
                if count == 0:
                    problems.append(LoadProblem(LAYOUT, f"{inner_name} has no {wanted}.", inner_name))
                elif count > 1:
                    problems.append(LoadProblem(LAYOUT, f"{inner_name} has {count} {kind} solutions; it must have one.", inner_name))
    package = package_from_files(path.name, files, origin=str(path), kind="solution", load_problems=problems)
    package.submission = True  # vetter.model.profiles: a submission is vetted as certified
    return package


def _open_layer(raw: bytes, name: str, problems: list[LoadProblem], budget: list[int], want: Callable[[str], bool]) -> _Zip | None:
    import stat
    import zipfile

    refused = archives.oversized_directory(raw)
    if refused is not None:
        problems.append(LoadProblem("incomplete", f"{name}: {refused}", name))
        return None
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        problems.append(LoadProblem("unreadable-archive", f"{name} is not a readable zip archive ({exc}).", name))
        return None
    with zf:
        infos = zf.infolist()[:archives.MAX_ARCHIVE_ENTRIES]
        layer = _Zip([i.filename for i in infos])
        for info in infos:
            if info.is_dir() or not want(info.filename):
                continue
            if archives.safe_member_name(info.filename) != info.filename or stat.S_ISLNK(info.external_attr >> 16):
                problems.append(LoadProblem("unsafe-entry", f"Archive entry '{name}!{info.filename}' is a link or points outside the archive; it was not read.", name))
                continue
            big = info.file_size > archives.MAX_FILE_BYTES or (
                info.compress_size and info.file_size > 1024 * 1024 and info.file_size / info.compress_size > archives.MAX_COMPRESSION_RATIO
            )
            if big or info.file_size > budget[0]:
                problems.append(LoadProblem("archive-limit", f"Archive entry '{name}!{info.filename}' goes past the size limits; it was not read.", name))
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(archives.MAX_FILE_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
                problems.append(LoadProblem("unreadable", f"Archive entry '{name}!{info.filename}' could not be read ({exc}).", name))
                continue
            if len(data) > archives.MAX_FILE_BYTES or len(data) > budget[0]:  # never trust the declared size
                problems.append(LoadProblem("archive-limit", f"Archive entry '{name}!{info.filename}' goes past the size limits; it was not read.", name))
                continue
            budget[0] -= len(data)
            layer.data[info.filename] = data
    return layer


def _check_outer(outer: _Zip, name: str, files: dict[str, bytes], problems: list[LoadProblem]) -> tuple[str, bytes] | None:
    entries = [n for n in outer.names if not n.endswith("/")]
    folders = sorted({n.split("/", 1)[0] + "/" for n in outer.names if "/" in n.strip("/")} | {n for n in outer.names if n.endswith("/")})
    mds = [n for n in entries if "/" not in n and n.lower().endswith(".md")]
    zips = [n for n in entries if "/" not in n and n.lower().endswith(".zip")]
    for folder in folders:
        problems.append(LoadProblem(LAYOUT, f"The outer zip holds a folder '{folder}'; it must hold only one .md and one .zip.", folder))
    for extra in entries:
        if "/" not in extra and extra not in mds and extra not in zips:
            problems.append(LoadProblem(LAYOUT, f"The outer zip holds '{extra}'; it must hold only one .md and one .zip.", extra))
    if not mds:
        problems.append(LoadProblem(LAYOUT, "The outer zip has no .md file (the connector's readme).", name))
    for extra in mds[1:]:
        problems.append(LoadProblem(LAYOUT, f"The outer zip has a second .md file '{extra}'.", extra))
    if mds and mds[0] in outer.data:
        files[mds[0]] = outer.data[mds[0]]
    if not zips:
        problems.append(LoadProblem(LAYOUT, "The outer zip has no .zip file (the package of solutions).", name))
        return None
    for extra in zips[1:]:
        problems.append(LoadProblem(LAYOUT, f"The outer zip has a second .zip file '{extra}'.", extra))
    raw = outer.data.get(zips[0])
    return (zips[0], raw) if raw is not None else None


def _check_inner(inner: _Zip, name: str, problems: list[LoadProblem]) -> list[tuple[str, bytes]]:
    entries = [n for n in inner.names if not n.endswith("/")]
    tops = sorted({n.split("/", 1)[0] for n in entries if "/" in n})
    loose = [n for n in entries if "/" not in n]
    for n in loose:
        problems.append(LoadProblem(LAYOUT, f"'{n}' sits at the top of {name}; everything belongs in one folder ({PREFERRED_FOLDER}).", n))
    if len(tops) != 1:
        problems.append(LoadProblem(LAYOUT, f"{name} holds {len(tops)} folders ({', '.join(tops) or 'none'}); it must hold exactly one ({PREFERRED_FOLDER}).", name))
    elif tops[0] != PREFERRED_FOLDER:
        problems.append(LoadProblem(LAYOUT, f"The folder in {name} is '{tops[0]}'; Microsoft's validator expects '{PREFERRED_FOLDER}'.", tops[0]))
    solutions: list[tuple[str, bytes]] = []
    for n in entries:
        if "/" not in n:
            continue
        if n.lower().endswith(".zip") and n.count("/") == 1:
            if n in inner.data:
                solutions.append((n, inner.data[n]))
        else:
            problems.append(LoadProblem(LAYOUT, f"{name} holds '{n}', which is not a solution zip.", n))
    if len(solutions) not in (2, 3):
        problems.append(LoadProblem(LAYOUT, f"{name} holds {len(solutions)} solution zips; it must hold 2 (connector and flow) or 3 (with an AI plugin).", name))
    return solutions


def _check_solution(label: str, raw: bytes, files: dict[str, bytes], problems: list[LoadProblem], budget: list[int]) -> str | None:
    """Check one solution zip; returns its kind (connector | flow | plugin), None if unreadable."""

    layer = _open_layer(raw, label, problems, budget, want=_connector_file)
    if layer is None:
        return None
    names = [n for n in layer.names if not n.endswith("/")]
    lowered = {n.lower() for n in names}
    for required in SOLUTION_FILES:
        if required.lower() not in lowered:
            problems.append(LoadProblem(LAYOUT, f"Solution {label} has no {required}.", label))
    folders = {n.split("/", 1)[0].lower() for n in names if "/" in n}
    has_connector = bool(folders & set(CONNECTOR_FOLDERS))
    if not has_connector:
        problems.append(LoadProblem(LAYOUT, f"Solution {label} holds no connector (Connectors/ or customapis/).", label))
    kind = "plugin" if folders & set(PLUGIN_FOLDERS) else "flow" if "workflows" in folders else "connector"
    allowed = set(CONNECTOR_FOLDERS)
    if kind == "flow":
        allowed.add("workflows")
    if kind == "plugin":
        allowed.update(PLUGIN_FOLDERS)
    for folder in sorted(folders - allowed):
        problems.append(LoadProblem(LAYOUT, f"Solution {label} ({kind} solution) holds '{folder}/', which does not belong in it.", label))
    if kind == "plugin":
        for needed in PLUGIN_FOLDERS:
            if needed not in folders:
                problems.append(LoadProblem(LAYOUT, f"Plugin solution {label} has no {needed}/.", label))
    if kind == "connector" and has_connector and not any(not k.lower().endswith(".md") for k in files):
        prefixes = archives.solution_prefixes(names)
        if prefixes:
            member = archives.solution_member(layer.data, prefixes[0])
            files.update({PurePosixPath(k).as_posix(): v for k, v in member.items()})
    return kind


def _connector_file(name: str) -> bool:
    parts = name.split("/")
    return len(parts) >= 2 and parts[0].lower() in CONNECTOR_FOLDERS
