"""The script reads or writes the file system.

## Why
Custom code runs without a file system: `File`, `Directory`, `FileStream` and friends, and
the `Path` members that reach a disk (`GetTempPath`, `GetTempFileName`, `GetFullPath`), fail
at run time, and Microsoft's script check reports them as errors. Code that writes files
could also leave request data behind on shared infrastructure. `Path` members that only work
on strings (`GetFileName`, `GetExtension`, `Combine` ...) are not reported: they never touch a
disk (Microsoft's own Translator connector uses `Path.GetFileName`).

## Severity
Ground: breaks — the sandbox has no file system, so these calls fail at run time;
Microsoft's script check reports them as errors.

## How to fix
Keep data in memory (`MemoryStream`, strings) and return it in the response.

## References
- https://learn.microsoft.com/connectors/custom-connectors/write-code
"""

from collections.abc import Iterator

from vetter import ConnectorPackage, Location, Rule, Severity, Violation
from vetter.model.csx import parse_script

RULE = Rule(
    id="SCR006",
    name="script-file-system",
    category="script",
    severity=Severity.ERROR,
    tags=("custom-code", "security"),
    section="2.7",
)

_STATIC = ("File", "Directory", "Path", "DriveInfo", "FileSystem", "IsolatedStorageFile")
_TYPES = ("FileStream", "FileInfo", "DirectoryInfo", "DriveInfo", "FileSystemWatcher")
_PATH_TYPES = ("StreamReader", "StreamWriter")  # only with a path as first argument
# Path members that only compute with strings: they never touch a disk.
_PATH_TEXT = frozenset((
    "GetFileName", "GetFileNameWithoutExtension", "GetExtension", "HasExtension", "ChangeExtension",
    "GetDirectoryName", "Combine", "Join", "IsPathRooted", "GetPathRoot", "GetInvalidFileNameChars",
    "GetInvalidPathChars", "GetRandomFileName", "EndsInDirectorySeparator", "TrimEndingDirectorySeparator",
    "DirectorySeparatorChar", "AltDirectorySeparatorChar", "PathSeparator", "VolumeSeparatorChar",
))


def check(package: ConnectorPackage) -> Iterator[Violation]:
    script = parse_script(package)
    if script is None:
        return
    seen = set()
    for node, receiver, name in script.calls():
        owner = receiver.removeprefix("System.IO.").removeprefix("global::System.IO.")
        if owner in _STATIC and not (owner == "Path" and name in _PATH_TEXT):
            line, column = script.where(node)
            seen.add((line, column))
            yield Violation(Location(script.name, None, line, column), f"The script uses the file system ({owner}.{name}).", key=f"{line}:{column}")
    for node, name in script.created(*_TYPES, *_PATH_TYPES):
        args = script.arguments(node)
        if name in _PATH_TYPES and not (args and args[0].type in ("string_literal", "verbatim_string_literal", "interpolated_string_expression")):
            continue
        line, column = script.where(node)
        if (line, column) not in seen:
            yield Violation(Location(script.name, None, line, column), f"The script uses the file system (new {name}).", key=f"{line}:{column}")
