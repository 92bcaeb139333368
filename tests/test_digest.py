"""vetter.base.digest: the same SHA-256 as hashlib, and a scan or a diff that never loads OpenSSL for it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from vetter.base.digest import sha256

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "fixtures" / "packages" / "minimal"


@pytest.mark.parametrize("data", [b"", b"abc", "sécret \U0001f511".encode(), bytes(range(256)) * 1000])
def test_the_digest_is_hashlibs(data: bytes):
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    step = sha256()
    step.update(data[:7])
    step.update(data[7:])
    assert step.hexdigest() == hashlib.sha256(data).hexdigest()


def test_a_scan_and_a_diff_do_not_import_hashlib():
    """hashlib loads OpenSSL on import (about 2.7 ms of a process): vetter's digests never need it."""
    probe = textwrap.dedent("""
        import sys
        import vetter.cli
        sys.argv = ["vetter", *sys.argv[1:]]
        try:
            vetter.cli.main()
        except SystemExit:
            pass
        print("hashlib" in sys.modules, "_hashlib" in sys.modules, file=sys.stderr)
    """)
    swagger = MINIMAL / "apiDefinition.swagger.json"
    for args in (["scan", str(MINIMAL), "--format", "json", "--output", "/dev/null"],
                 ["diff", str(swagger), str(swagger), "--format", "json", "--output", "/dev/null"]):
        run = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
        assert run.stderr.splitlines()[-1] == "False False", run.stderr[-2000:]


def test_large_inputs_switch_to_openssl_after_a_megabyte_and_the_digests_stay_the_same(monkeypatch):
    """The built-in hashes the first megabyte of large inputs; then OpenSSL's, loaded once, hashes the rest."""
    import vetter.base.digest as digest

    monkeypatch.setattr(digest, "_large_hashed", 0)
    monkeypatch.setattr(digest, "_fast", None)
    loads: list[int] = []
    real = digest._openssl
    monkeypatch.setattr(digest, "_openssl", lambda: loads.append(1) or real())
    small, large = b"x" * (digest.LARGE - 1), bytes(range(256)) * (digest.LARGE // 256) * 3  # 192 KiB
    for _ in range(100):
        assert sha256(small).hexdigest() == hashlib.sha256(small).hexdigest()
    assert loads == [] and digest._large_hashed == 0  # short values never count
    for i in range(8):  # 8 x 192 KiB: the sixth passes the megabyte
        assert sha256(large).hexdigest() == hashlib.sha256(large).hexdigest()
        assert (digest._fast is not None) == (i >= 5), i
    assert loads == [1]
    assert type(sha256(large)) is type(hashlib.sha256(large))


def test_once_openssl_is_loaded_it_hashes_short_values_too(monkeypatch):
    """Past the switch, a package's small files and the fingerprints are hashed by OpenSSL's too (faster at every size)."""
    import vetter.base.digest as digest

    monkeypatch.setattr(digest, "_large_hashed", 0)
    monkeypatch.setattr(digest, "_fast", None)
    short, small = b"rule\x1ffile\x1f/paths/~1x\x1f", b"x" * (digest.LARGE - 1)
    builtin = type(digest._BUILTIN(b""))
    assert type(sha256(short)) is builtin and type(sha256(small)) is builtin  # before the switch
    sha256(b"y" * (digest.SWITCH_AFTER + 1))
    for data in (b"", short, small):
        assert type(sha256(data)) is type(hashlib.sha256(data))
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
