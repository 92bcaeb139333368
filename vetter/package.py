"""The connector package model: one read-only ``ConnectorPackage`` per connector.

A package is a set of files (package-relative posix path -> bytes) with roles
assigned case-insensitively (swagger, apiProperties, settings, script, readme,
icon, and a solution export's connection-parameter and policy files). Every
JSON file is parsed once (``json_files``); the views rules iterate are built
on first use and cached: ``swagger`` (``vetter.swagger.Swagger``),
``properties`` (``vetter.properties.ApiProperties``), ``readme_file``
(``TextFile``), ``icon_file`` (``vetter.images.Icon``), ``script``.

Results derived from the whole package (the security profile, a parsed
script, the changes against a previous version) are computed once through
``derived(key, build)``: a cache that the model does not need to know the users
of. Finding and reading packages on disk is ``vetter.loader``'s job; this module
imports nothing above the views.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from vetter.jsonfile import JsonFile, JsonProblem
from vetter.rule import Fix, InputUnavailable, Location, Violation

if TYPE_CHECKING:
    from vetter.images import Icon
    from vetter.properties import ApiProperties
    from vetter.swagger import Swagger

T = TypeVar("T")

SWAGGER = "apiDefinition.swagger.json"
PROPERTIES = "apiProperties.json"
SETTINGS = "settings.json"
SCRIPT = "script.csx"

README_NAME = re.compile(r"^readme(\.[a-z]+)*$", re.IGNORECASE)
ICON_NAME = re.compile(r"^icon\.(png|jpg|jpeg|svg)$", re.IGNORECASE)

JSON_ROLES = ("swagger", "properties", "settings", "connection_parameters", "policies")


class LoadProblem(NamedTuple):
    """Something wrong with the container rather than a file's content."""

    kind: str  # unsafe-entry | archive-limit | file-too-large | unreadable | unreadable-archive | incomplete | nested-archive
    message: str
    file: str


@dataclass(frozen=True)
class TextFile:
    """A text file of the package (script, readme): its text and lines, decoded once."""

    name: str
    raw: bytes

    @cached_property
    def text(self) -> str:
        return self.raw.decode("utf-8-sig", errors="replace")

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def line(self, number: int) -> str:
        """The 1-based line ``number`` ("" past the end)."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""


@dataclass
class ConnectorPackage:
    """One connector: its files, parsed once, and the views rules iterate."""

    name: str  # display name: the folder, zip or file it came from
    origin: str  # path as given (or archive path!member)
    kind: str  # folder | zip | swagger | solution | memory
    files: dict[str, bytes]  # package-relative posix path -> bytes
    load_problems: list[LoadProblem] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # role -> file name
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # -- files by role -------------------------------------------------------
    @cached_property
    def json_files(self) -> dict[str, JsonFile]:
        """Every JSON file of a known role, parsed once."""
        return {
            name: JsonFile(name, self.files[name]) for role, name in sorted(self.roles.items()) if role in JSON_ROLES
        }

    def reuse_parsed(self, parsed: Mapping[str, JsonFile]) -> None:
        """Take the parse of each file whose bytes are those in ``parsed`` instead of parsing it again.

        The editor checks a package again on every change to one file: the others keep their parse
        (and its source map). Call before anything reads ``json_files``.
        """
        self.__dict__["json_files"] = {
            name: hit if (hit := parsed.get(name)) is not None and hit.raw == self.files[name] else JsonFile(name, self.files[name])
            for role, name in sorted(self.roles.items())
            if role in JSON_ROLES
        }

    def prefetch(self, places: Iterable[Any]) -> None:
        """Index each JSON file once for all the pointers still to be located in it (``JsonFile.prefetch``).

        ``places`` have ``file``, ``pointer`` and ``line``: findings' ``Location``s, the security
        profile's ``Evidence``.
        """
        by_file: dict[str, list[str]] = {}
        for place in places:
            if place.pointer is not None and place.line is None:
                by_file.setdefault(place.file, []).append(place.pointer)
        files = self.json_files
        for name, pointers in by_file.items():
            file = files.get(name)
            if file is not None:
                file.prefetch(pointers)

    def json_problems(self, *kinds: str) -> Iterator[tuple[JsonFile, JsonProblem]]:
        """Decoding and parsing defects of the given kinds, file by file."""
        for file in self.json_files.values():
            for problem in file.problems:
                if problem.kind in kinds:
                    yield file, problem

    def json_problem_violations(
        self,
        *kinds: str,
        hints: Mapping[str, str] | None = None,
        fix: Callable[[JsonFile, JsonProblem], Fix | None] | None = None,
    ) -> Iterator[Violation]:
        """One violation per JSON defect of the given kinds, at its line and column (with ``fix``'s fix)."""
        for file, problem in self.json_problems(*kinds):
            where = Location(file.name, problem.pointer, problem.line, problem.column)
            key = None if problem.pointer is not None else f"{problem.line}:{problem.column}"
            yield Violation(
                where, problem.message, hint=(hints or {}).get(problem.kind), key=key,
                fix=fix(file, problem) if fix is not None else None,
            )

    def json(self, role: str) -> JsonFile | None:
        name = self.roles.get(role)
        return self.json_files.get(name) if name else None

    @property
    def swagger_file(self) -> JsonFile | None:
        return self.json("swagger")

    @property
    def properties_file(self) -> JsonFile | None:
        return self.json("properties")

    @property
    def settings_file(self) -> JsonFile | None:
        return self.json("settings")

    def text_file(self, role: str) -> TextFile | None:
        name = self.roles.get(role)
        return self.derived(f"text:{role}", lambda p: TextFile(name, p.files[name])) if name else None

    @property
    def script(self) -> TextFile | None:
        return self.text_file("script")

    @property
    def readme_file(self) -> TextFile | None:
        """The readme as text with lines (None when the package has none)."""
        return self.text_file("readme")

    @property
    def icon_file(self) -> Icon | None:
        """The icon's format and dimensions, read from its header (None when there is none)."""
        name = self.roles.get("icon")
        if name is None:
            return None
        from vetter.images import read_icon

        return self.derived("icon", lambda p: read_icon(name, p.files[name]))

    @property
    def unreadable(self) -> bool:
        """The container itself (an archive) could not be opened: nothing inside was read."""
        return any(p.kind == "unreadable-archive" for p in self.load_problems)

    @property
    def incomplete(self) -> bool:
        """Reading stopped at an entry-count or size limit: files past it were not read."""
        return any(p.kind in ("unreadable-archive", "incomplete") for p in self.load_problems)

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

        return ApiProperties.from_files(self.properties_file, self.json("connection_parameters"), self.json("policies"))

    # -- results derived from the whole package, computed once ----------------------
    def derived(self, key: str, build: Callable[[ConnectorPackage], T]) -> T:
        """``build(self)`` the first time ``key`` is asked for, the same object after.

        ``InputUnavailable`` raised by ``build`` is cached too, so every rule that
        needs the result is skipped with the same reason without building it again.
        """
        if key not in self._derived:
            try:
                self._derived[key] = build(self)
            except InputUnavailable as why:
                self._derived[key] = why
        value = self._derived[key]
        if isinstance(value, InputUnavailable):
            raise value
        return value

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
    roles: Mapping[str, str] | None = None,
) -> ConnectorPackage:
    """Assign roles to files (case-insensitively) and build the package."""
    assigned = assign_roles(files)
    assigned.update(roles or {})
    return ConnectorPackage(
        name=name,
        origin=origin or name,
        kind=kind,
        files=dict(files),
        load_problems=list(load_problems or []),
        roles=assigned,
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
    readme = sorted(p for low, ps in by_lower.items() if README_NAME.match(low) for p in ps)
    if readme:
        roles["readme"] = readme[0]
    icon = sorted(p for low, ps in by_lower.items() if ICON_NAME.match(low) for p in ps)
    if icon:
        roles["icon"] = icon[0]
    return roles
