"""SHA-256 for vetter's fingerprints, ids and pins, without loading OpenSSL.

Importing ``hashlib`` loads OpenSSL's libcrypto, about 2.7 ms of every vetter process here,
while vetter only ever asks for SHA-256. CPython ships its own SHA-256, the one ``hashlib``
itself falls back to (``_sha2`` from Python 3.12, ``_sha256`` before), giving the same digests;
it is used when present, and ``hashlib`` otherwise. The standard library does the same for
``random``'s SHA-512.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any


def _sha256() -> Any:
    try:  # only the module this version has: a failed import searches every folder of sys.path
        return importlib.import_module("_sha2" if sys.version_info >= (3, 12) else "_sha256").sha256
    except (ImportError, AttributeError):
        from hashlib import sha256  # another interpreter, or a build without the built-in module

        return sha256


sha256 = _sha256()
"""``sha256(data=b"")``: a SHA-256 object (``update``, ``digest``, ``hexdigest``), as ``hashlib.sha256``."""
