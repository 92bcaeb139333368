"""SHA-256 for vetter's fingerprints, ids and pins, without loading OpenSSL until it pays.

Importing ``hashlib`` loads OpenSSL's libcrypto, about 2.7 ms of every vetter process here,
while vetter only ever asks for SHA-256. CPython ships its own SHA-256, the one ``hashlib``
itself falls back to (``_sha2`` from Python 3.12, ``_sha256`` before), giving the same digests.
It hashes everything until a megabyte of large inputs (the package's files) has gone through
it; then OpenSSL's (about 0.6 ms a megabyte here, against 3.2 ms, with the CPU's SHA
instructions) is loaded once and hashes everything after, short values too (a 64-byte
fingerprint 0.37 us against 0.54, a 7 KB file a quarter of the time): a one-package scan never
loads it, a portfolio scan stops paying the slow hash after its first megabyte. The digests are the
same either way, so no output depends on which one ran. The standard library does the same for
``random``'s SHA-512.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any


def _builtin() -> Any:
    try:  # only the module this version has: a failed import searches every folder of sys.path
        return importlib.import_module("_sha2" if sys.version_info >= (3, 12) else "_sha256").sha256
    except (ImportError, AttributeError):
        return _openssl()  # another interpreter, or a build without the built-in module


def _openssl() -> Any:
    from hashlib import sha256

    return sha256


_BUILTIN = _builtin()
LARGE = 1 << 16
"""Inputs this long or longer count towards the switch to OpenSSL (a fingerprint never does)."""
SWITCH_AFTER = 1 << 20
"""Bytes of large inputs the built-in hashes before OpenSSL is loaded: about as long as the load."""
_large_hashed = 0
_fast: Any = None


def sha256(data: bytes = b"") -> Any:
    """A SHA-256 object of ``data`` (``update``, ``digest``, ``hexdigest``), as ``hashlib.sha256``."""
    global _large_hashed, _fast
    if _fast is not None:
        return _fast(data)
    if len(data) < LARGE:
        return _BUILTIN(data)
    _large_hashed += len(data)
    if _large_hashed <= SWITCH_AFTER:
        return _BUILTIN(data)
    _fast = _openssl()
    return _fast(data)
