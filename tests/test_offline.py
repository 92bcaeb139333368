"""Rules run without network or programs: nothing a package says makes vetter fetch, read or run.

jsonschema resolves a ``$ref`` it does not hold by retrieving the URI with urllib, ``file://``
included; SWG013 once handed it a response schema's ``$ref`` as written, so a package could make
a scan fetch a URL or copy a file of the reviewer's disk into a finding. The rule loop now runs
under ``vetter.base.offline.refuse()``, which refuses (and reports) any such call, whoever makes it.
"""

from __future__ import annotations

import json
import socket
import textwrap
import urllib.request
from pathlib import Path

import pytest

from tests.test_cli import MINIMAL, run
from vetter.base import offline
from vetter.engine.cases import base_files


def _package_with_ref(tmp_path: Path, ref: str) -> Path:
    files = base_files("minimal")
    doc = json.loads(files["apiDefinition.swagger.json"])
    doc["paths"]["/widgets"]["get"]["responses"]["200"] = {
        "description": "The widgets.",
        "schema": {"$ref": ref},
        "examples": {"application/json": "not one of them"},
    }
    doc["definitions"]["Remote"] = {"$ref": ref}
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    for name, raw in files.items():
        (pkg / name).write_bytes(raw)
    (pkg / "apiDefinition.swagger.json").write_text(json.dumps(doc, indent=2))
    return pkg


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_a_ref_outside_the_file_is_reported_and_never_fetched(tmp_path, monkeypatch, scheme):
    secret = tmp_path / "reviewer-secret.json"
    secret.write_text(json.dumps({"x": {"enum": ["TOP-SECRET-VALUE-8812"]}}))
    ref = f"{secret.as_uri()}#/x" if scheme == "file" else "http://127.0.0.1:9/evil.json#/x"
    fetched: list[str] = []

    def urlopen(url, *args, **kwargs):
        fetched.append(str(getattr(url, "full_url", url)))
        raise OSError("no fetching in this test")

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    result = run("scan", str(_package_with_ref(tmp_path, ref)), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert fetched == []
    assert "TOP-SECRET-VALUE-8812" not in result.stdout
    findings = json.loads(result.stdout)["packages"][0]["findings"]
    assert [f["rule"] for f in findings if f["rule"].startswith("VET")] == []
    assert sorted(f["pointer"] for f in findings if f["rule"] == "SWG002") == [
        "/definitions/Remote/$ref",
        "/paths/~1widgets/get/responses/200/schema/$ref",
    ]


_RULE = '''
"""{summary}

## Why
To prove that vetter refuses it.

## How to fix
Nothing.
"""
from vetter import Rule, Severity

RULE = Rule(id="{id}", name="{name}", category="org", severity=Severity.INFO)


def check(package):
{body}
    yield from ()
'''


def _rules_dir(tmp_path: Path, rules: dict[str, str]) -> Path:
    folder = tmp_path / "myrules"
    folder.mkdir()
    for i, (name, body) in enumerate(sorted(rules.items()), start=1):
        text = _RULE.format(summary=f"A rule that {name.replace('-', ' ')}.", id=f"ORG{i:03d}", name=name, body=textwrap.indent(textwrap.dedent(body), "    "))
        (folder / f"org{i:03d}_{name.replace('-', '_')}.py").write_text(text)
    return folder


def test_a_rule_that_reaches_out_is_refused_and_reported_even_when_the_refusal_is_swallowed(tmp_path):
    folder = _rules_dir(
        tmp_path,
        {
            "resolves-a-name": """
                import socket
                socket.getaddrinfo("example.com", 443)
            """,
            "reads-a-url-quietly": """
                import urllib.request
                try:
                    urllib.request.urlopen("file:///etc/hostname").read()
                except Exception:
                    pass
            """,
            "runs-a-program": """
                import subprocess
                subprocess.run(["true"], check=False)
            """,
            "skips-after-a-quiet-fetch": """
                import urllib.request
                from vetter import InputUnavailable
                try:
                    urllib.request.urlopen("http://127.0.0.1:9/").read()
                except Exception:
                    pass
                raise InputUnavailable("nothing to check")
            """,
        },
    )
    result = run("scan", str(MINIMAL), "--rules-dir", str(folder), "--format", "json", "--fail-on", "never")
    findings = json.loads(result.stdout)["packages"][0]["findings"]
    crashes = sorted(f["message"] for f in findings if f["rule"] == "VET001")
    assert len(crashes) == 4, crashes
    reads, resolves, runs, skips = crashes
    assert skips.startswith("Rule ORG004 (skips-after-a-quiet-fetch) crashed: it tried to reach outside the analysis, which vetter refused (urllib.Request 'http://127.0.0.1:9/')")
    assert reads.startswith("Rule ORG001 (reads-a-url-quietly) crashed: it tried to reach outside the analysis, which vetter refused (urllib.Request 'file:///etc/hostname')")
    assert resolves.startswith("Rule ORG002 (resolves-a-name) crashed: Refused: vetter refused socket.getaddrinfo 'example.com'")
    assert runs.startswith("Rule ORG003 (runs-a-program) crashed: Refused: vetter refused subprocess.Popen 'true'")


def test_outside_the_rule_loop_nothing_is_refused():
    """The guard is per context and only while rules run: the edge (git, ``--online``) is not refused."""
    with offline.refuse() as attempts, pytest.raises(offline.Refused):
        socket.getaddrinfo("localhost", 80)
    assert attempts == ["socket.getaddrinfo 'localhost'"]
    try:
        socket.getaddrinfo("localhost", 80)  # after the block: a resolver error at worst, never Refused
    except OSError as exc:
        assert not isinstance(exc, offline.Refused)


def test_describe_names_the_target_and_cuts_it_short():
    assert offline.describe("socket.connect", (object(), ("10.0.0.1", 443))) == "socket.connect \"('10.0.0.1', 443)\""
    assert offline.describe("urllib.Request", ("x" * 300, None, {}, "GET")) == f"urllib.Request {'x' * 200!r}..."
    assert offline.describe("socket.gethostbyname", ()) == "socket.gethostbyname ''"


def test_git_in_a_repository_with_a_hostile_config_runs_none_of_it(tmp_path):
    """A folder handed over with its ``.git`` brings its own config: ``--changed-since`` and
    ``--against`` run git there, and git would run the config's fsmonitor hook, clean filters and
    (for a partial clone's missing objects) any transport, ``ext::`` included. vetter switches them off."""
    import subprocess

    from vetter.compare.git import _hardened_env, changed_since, run_git

    repo = tmp_path / "repo"
    repo.mkdir()
    marks = tmp_path / "marks"
    marks.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    (repo / ".gitattributes").write_text("*.json filter=we=ird diff=evil\n")
    (repo / "apiDefinition.swagger.json").write_text('{"swagger": "2.0"}\n')
    git("add", ".")
    git("commit", "-qm", "v1")
    for key, command in {
        "core.fsmonitor": "fsmonitor",
        "filter.we=ird.clean": "clean",
        "filter.we=ird.process": "process",
        "diff.evil.textconv": "textconv",
    }.items():
        git("config", key, f"sh -c 'touch {marks}/{command}; cat' --")
    git("config", "filter.we=ird.required", "true")
    git("config", "protocol.ext.allow", "always")
    (repo / "apiDefinition.swagger.json").write_text('{"swagger": "2.0", "host": "changed.example.com"}\n')

    assert changed_since("HEAD", repo) == {(repo / "apiDefinition.swagger.json").resolve()}
    assert run_git(["show", "HEAD:apiDefinition.swagger.json"], repo) == b'{"swagger": "2.0"}\n'
    # a transport the repository allows is still refused (what a lazy fetch would use)
    fetch = subprocess.run(["git", "fetch", f"ext::sh -c touch% {marks}/ext"], cwd=repo, env=_hardened_env(str(repo)), capture_output=True, check=False)
    assert fetch.returncode != 0
    assert sorted(p.name for p in marks.iterdir()) == []
    # and the same commands without the overrides do run the repository's programs (the test can fail)
    subprocess.run(["git", "diff", "--name-only", "HEAD", "--"], cwd=repo, capture_output=True, check=False)
    assert "clean" in {p.name for p in marks.iterdir()} or "process" in {p.name for p in marks.iterdir()}
