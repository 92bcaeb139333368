"""Writing report and configuration files without following links or leaving half a file.

A report path can sit in a folder someone else controls (in CI, a pull request's checkout):
a planted symbolic link or hard link at ``vetter-out/vetter-report.md`` must not make vetter
write through it to another file. So a file is written to a new temporary file beside it
(created with ``O_EXCL``: never an existing file or link) and renamed into place: the rename
replaces a link itself, never its target, and a reader sees the old file or the whole new one.

Devices and pipes (``/dev/null``, ``/dev/stdout``, a FIFO) are written in place: there is no
file to replace, and nothing is ever created under ``/dev`` or ``/proc``.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

_SPECIAL = ("/dev/", "/proc/")


def write_file(path: Path, text: str | bytes) -> None:
    """Write ``text`` as UTF-8 (or bytes as they are) to ``path`` safely (see the module docstring); raises ``OSError``."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory")
    if (info is not None and not stat.S_ISREG(info.st_mode)) or str(path.absolute()).startswith(_SPECIAL):
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)  # never O_CREAT: a device or pipe that exists, nothing new
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return
    import tempfile  # only for a regular file: a device or pipe is written directly

    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
