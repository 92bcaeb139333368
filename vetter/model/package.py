"""The connector package model: one read-only ``ConnectorPackage`` per connector.

A package is a set of files (package-relative posix path -> bytes) with roles
assigned case-insensitively (swagger, apiProperties, settings, script, readme,
icon, and a solution export's connection-parameter and policy files). Every
JSON file is parsed once (``json_files``); the views rules iterate are built
on first use and cached: ``swagger`` (``vetter.model.swagger.Swagger``),
``properties`` (``vetter.model.properties.ApiProperties``), ``readme_file``
(``TextFile``), ``icon_file`` (``vetter.model.images.Icon``), ``script``.

What is computed or fetched about the whole package (secrets, the security,
certification and agent profiles, the changes against a previous version, the
``--online`` checks) is its ``analysis`` (``vetter.model.analysis.Analysis``), a typed
record built at the edge (``vetter.engine.edge``). Smaller results derived from one
view (a parsed script, the extension sites) are computed once through
``derived(key, build)``: a cache that the model does not need to know the users
of. Finding and reading packages on disk is ``vetter.model.loader``'s job; this module
imports nothing above the views.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, TypeVar

from msgspec import Struct, field

from vetter.base.record import equal, fields_repr
from vetter.base.rule import Fix, InputUnavailable, Location, Violation
from vetter.model.jsonfile import JsonFile, JsonProblem

if TYPE_CHECKING:
    from vetter.model.images import Icon
    from vetter.model.properties import ApiProperties
    from vetter.model.swagger import Swagger

T = TypeVar("T")

SWAGGER = "apiDefinition.swagger.json"
PROPERTIES = "apiProperties.json"
SETTINGS = "settings.json"
SCRIPT = "script.csx"

README_NAME = re.compile(r"^readme(\.[a-z]+)*$", re.IGNORECASE)
ICON_NAME = re.compile(r"^icon\.(png|jpg|jpeg|svg)$", re.IGNORECASE)

JSON_ROLES = ("swagger", "properties", "settings", "connection_parameters", "policies")

DUPLICATE_PREFIX = "(duplicate entry "
"""Later copies of an archive entry that appears more than once are kept as
``(duplicate entry 2)/<name>``: scanned for secrets, never given a role (the first copy is the entry)."""


class RoleChoice(Struct, frozen=True, order=True):
    """Which file takes a role when more than one could, or when settings.json names one."""

    role: str  # swagger | properties | script | settings
    chosen: str | None  # the file vetted in that role
    candidates: tuple[str, ...]  # every file that could take it, by folder depth and name
    why: str  # "the exact name apiDefinition.swagger.json", "settings.json's apiDefinition", ...
    named: str | None = None  # the path settings.json gives for the role, as written
    named_key: str | None = None  # its key in settings.json ("apiDefinition")


class LoadProblem(Struct, frozen=True, order=True):
    """Something wrong with the container rather than a file's content."""

    kind: str  # unsafe-entry | archive-limit | file-too-large | unreadable | unreadable-archive | incomplete | nested-archive
    message: str
    file: str


_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


def decode_text(raw: bytes) -> tuple[str, str]:
    """``raw`` decoded as .NET's StreamReader reads a source file, and how: its byte order mark
    decides (UTF-8, UTF-16 or UTF-32, the mark dropped), else UTF-8. The second value is the
    encoding, or ``invalid-utf-8`` when bytes had to be replaced."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace"), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), "invalid-utf-8"


def text_lines(text: str) -> list[str]:
    """``text``'s lines as vetter numbers them everywhere: split at each ``"\\n"`` only (a CR before it
    is dropped), the way JSON positions, secrets, script nodes and the editor count lines.

    ``str.splitlines`` would also break at a lone CR, form feed, NEL or U+2028, all legal inside a
    JSON string or a readme: every line after one would be shown one off from the line reported.
    A final newline ends the last line, as with ``splitlines``.
    """
    lines = (text.replace("\r\n", "\n") if "\r" in text else text).split("\n")  # one CR before each LF goes
    if lines[-1] == "":
        lines.pop()
    return lines


def is_wide(raw: bytes) -> bool:
    """Starts with a UTF-16 or UTF-32 byte order mark (decoding it as UTF-8 would give noise)."""
    return raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))


class TextFile(Struct, frozen=True, dict=True):
    """A text file of the package (script, readme): its text and lines, decoded once, BOM-aware (``decode_text``)."""

    name: str
    raw: bytes

    @cached_property
    def decoded(self) -> tuple[str, str]:
        return decode_text(self.raw)

    @property
    def text(self) -> str:
        return self.decoded[0]

    @property
    def encoding(self) -> str:
        """``utf-8``, ``utf-16-le``, ``utf-16-be``, ``utf-32-le``, ``utf-32-be`` or ``invalid-utf-8``."""
        return self.decoded[1]

    @cached_property
    def lines(self) -> list[str]:
        return text_lines(self.text)

    def line(self, number: int) -> str:
        """The 1-based line ``number`` ("" past the end)."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    @cached_property
    def anchors(self) -> dict[tuple[str, int], Any]:
        """(rule id, line) -> the fingerprint's hash of that rule's findings on that line, up to their key
        (``vetter.engine.runner``): kept here, with the text it was made from."""
        return {}


class ConnectorPackage(Struct, dict=True):
    """One connector: its files, parsed once, and the views rules iterate.

    Equality and ``repr`` read the eight fields from ``name`` to ``submission``, not the caches and
    the analysis after them (as the dataclass it was did: compare=False, repr=False).
    """

    name: str  # display name: the folder, zip or file it came from
    origin: str  # path as given (or archive path!member)
    kind: str  # folder | zip | swagger | solution | memory
    files: dict[str, bytes]  # package-relative posix path -> bytes
    load_problems: list[LoadProblem] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # role -> file name
    choices: tuple[RoleChoice, ...] = ()  # roles more than one file could take, or settings.json names
    submission: bool = False  # a certification submission zip (vetter.model.submission): vetted as certified (vetter.model.profiles)
    _derived: dict[str, Any] = field(default_factory=dict)
    _texts: dict[str, TextFile] = field(default_factory=dict)  # file name -> its text, decoded once
    # vetter.model.analysis.Analysis | None, built at the edge (vetter.engine.edge); read it with analysis_of(package).
    # Typed Any: the analysis names the package, so the package does not name the analysis back.
    # Never passed to the constructor (a copy made with msgspec.structs.replace passes analysis=None)
    analysis: Any = None

    def __eq__(self, other: object) -> bool:
        return equal(self, other, _NOT_COMPARED)

    def __repr__(self) -> str:
        return fields_repr(self, _NOT_COMPARED)

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
        return self.decoded(name) if name else None

    def decoded(self, name: str) -> TextFile:
        """The file ``name`` as text, decoded once (``decode_text``) for every reader: the rules'
        views (script, readme), the engine's fingerprints of line findings, the report's excerpts."""
        text = self._texts.get(name)
        if text is None:
            text = self._texts[name] = TextFile(name, self.files[name])
        return text

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
        from vetter.model.images import read_icon

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
        from vetter.model.swagger import Swagger

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
        from vetter.model.properties import ApiProperties

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
        from vetter.base.digest import sha256

        return {n: sha256(b).hexdigest() for n, b in sorted(self.files.items())}


_NOT_COMPARED = frozenset(("_derived", "_texts", "analysis"))
"""The package's caches and analysis: outside its equality and ``repr``."""


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
    choices = choose_roles(files, assigned) if roles is None else ()
    assigned.update(roles or {})
    return ConnectorPackage(
        name=name,
        origin=origin or name,
        kind=kind,
        files=dict(files),
        load_problems=list(load_problems or []),
        roles=assigned,
        choices=choices,
    )


def base_name(path: str) -> str:
    """``PurePosixPath(path).name`` without building a path object (two a file, for every file
    of every package): the part after the last "/", unless it is empty or "." (a path ending in
    "/" or "/."), which pathlib's rules settle."""
    name = path.rpartition("/")[2]
    return name if name and name != "." else PurePosixPath(path).name


def assign_roles(files: Mapping[str, bytes]) -> dict[str, str]:
    roles: dict[str, str] = {}
    by_lower: dict[str, list[str]] = {}
    for path in sorted(files):
        if path.startswith(DUPLICATE_PREFIX):
            continue
        by_lower.setdefault(base_name(path).lower(), []).append(path)

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


# -- decoys: more than one file for a role -------------------------------------------------------------
_CANDIDATE = {
    "settings": lambda low: low == SETTINGS.lower(),
    "swagger": lambda low: low.endswith((".swagger.json", "openapidefinition.json")),
    "properties": lambda low: low == PROPERTIES.lower(),
    "script": lambda low: low.endswith(("script.csx", "script.cs")),
}
_CANONICAL = {"settings": SETTINGS, "swagger": SWAGGER, "properties": PROPERTIES, "script": SCRIPT}
SETTINGS_KEYS = {"swagger": "apiDefinition", "properties": "apiProperties", "script": "script"}
"""The paconn settings.json keys that name the file of a role."""


def choose_roles(files: Mapping[str, bytes], roles: dict[str, str]) -> tuple[RoleChoice, ...]:
    """Settle every role more than one file could take, in ``roles`` (changed in place), and say how.

    The file settings.json names wins, then the exact canonical name (``apiDefinition.swagger.json``:
    a case variant beside it is a decoy, not the definition), then the first by folder depth and
    name (``assign_roles``). Only roles with several candidates, or named in settings.json, are returned.
    """
    by_role: dict[str, list[str]] = {role: [] for role in _CANDIDATE}
    for path in files:
        if path.startswith(DUPLICATE_PREFIX):
            continue
        low = base_name(path).lower()
        for role, test in _CANDIDATE.items():
            if test(low):
                by_role[role].append(path)
    if not any(len(c) > 1 for c in by_role.values()) and "settings" not in roles:
        return ()  # the common case: one file per role, no settings.json
    out: list[RoleChoice] = []
    named: dict[str, tuple[str | None, str | None]] = {}
    for role, found in by_role.items():  # settings first: it may name the others
        candidates = tuple(sorted(found, key=lambda p: (p.count("/"), p)))
        exact = [p for p in candidates if base_name(p) == _CANONICAL[role]]
        written, target = named.get(role, (None, None))
        chosen: str | None
        if target is not None and target in files:
            chosen, why = target, f"settings.json's {SETTINGS_KEYS[role]}"
        elif exact:
            chosen, why = exact[0], f"the exact name {_CANONICAL[role]}"
        else:
            chosen, why = roles.get(role), "the first by folder depth and name"
        if chosen is not None:
            roles[role] = chosen
        if role == "settings":
            named = _settings_paths(files, chosen)
        if len(candidates) > 1 or written is not None:
            out.append(RoleChoice(role, roles.get(role), candidates, why, written, SETTINGS_KEYS.get(role) if written is not None else None))
    return tuple(out)


def _settings_paths(files: Mapping[str, bytes], settings: str | None) -> dict[str, tuple[str | None, str | None]]:
    """role -> (the path settings.json gives, as written; that path in the package, or None when it
    leaves the package folder)."""
    if settings is None:
        return {}
    import json
    import posixpath

    try:
        data = json.loads(files[settings].decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return {}  # JSN rules report an unreadable settings.json
    if not isinstance(data, dict):
        return {}
    base = posixpath.dirname(settings)
    out: dict[str, tuple[str | None, str | None]] = {}
    for role, key in SETTINGS_KEYS.items():
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        joined = posixpath.normpath(posixpath.join(base, value.strip().replace("\\", "/")))
        out[role] = (value, None if joined.startswith(("../", "/")) or joined == ".." else joined)
    return out
