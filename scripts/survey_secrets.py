"""Figures for docs/secrets-survey.md: secret findings over the corpus, a planted-secret recall
check, script egress beside the hand reading, and the detectors' cost.

    python scripts/survey_secrets.py [../shared/corpus]

Planted secrets are made-up values of each kind, written into copies (in memory) of real
packages at the places real leaks sit (a parameter default, connector metadata, the readme,
a script string); recall is the share found with the right kind (Microsoft's LooseSasSecret counted as a SAS) and file.
"""

from __future__ import annotations

import json
import random
import string
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vetter.model.csx import parse_script, script_hosts
from vetter.model.loader import find_packages
from vetter.model.package import package_from_files
from vetter.security.secrets import find_secrets


def _rnd(rng: random.Random, n: int, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def plants(rng: random.Random) -> list[tuple[str, str, str]]:
    """(kind, where, text to plant) for one package."""
    b64url = string.ascii_letters + string.digits + "-_"
    b64 = string.ascii_letters + string.digits + "+/"
    sig = _rnd(rng, 43, b64url)
    code = _rnd(rng, 54, b64) + "=="
    return [
        ("logic-apps-sig", "swagger-default:sig", sig),
        ("azure-functions-key", "swagger-default:code", code),
        ("logic-apps-sig", "readme", f"https://prod-1.westus.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sv=1.0&sp=%2Ftriggers&sig={_rnd(rng, 43, b64url)}"),
        ("sas-signature", "readme", f"https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&se=2030-01-01&sig={_rnd(rng, 43, b64)}%3D"),
        ("aws-access-key", "metadata", "AKIA" + _rnd(rng, 16, string.ascii_uppercase + string.digits)),
        ("github-token", "script", "ghp_" + _rnd(rng, 36, string.ascii_letters + string.digits)),
        ("client-secret", "properties", _rnd(rng, 34, string.ascii_letters + string.digits + "~._-")),
        ("secret-value", "readme", "apiKey: " + _rnd(rng, 32, string.ascii_letters + string.digits)),
    ]


def plant(files: dict[str, bytes], rng: random.Random) -> tuple[dict[str, bytes], list[tuple[str, str, str]]]:
    files = dict(files)
    expected = []
    swagger_name = next((n for n in files if n.lower().endswith(".swagger.json")), None)
    readme = next((n for n in files if n.lower().startswith("readme")), "readme.md")
    props = next((n for n in files if n.lower() == "apiproperties.json"), None)
    try:
        swagger = json.loads(files[swagger_name].decode("utf-8-sig")) if swagger_name else None
        properties = json.loads(files[props].decode("utf-8-sig")) if props else None
    except ValueError:
        return files, []
    if not isinstance(swagger, dict) or not isinstance(swagger.get("paths"), dict) or not isinstance(properties, dict):
        return files, []
    methods = ("get", "put", "post", "delete", "options", "head", "patch")
    op = next((o for item in swagger["paths"].values() if isinstance(item, dict) for m, o in item.items()
               if m in methods and isinstance(o, dict) and isinstance(o.get("parameters", []), list)), None)
    if op is None:
        return files, []
    readme_text = files.get(readme, b"").decode("utf-8", "replace")
    script = "public class Script : ScriptBase {\n  public override async Task<HttpResponseMessage> ExecuteAsync() {\n"
    for kind, where, value in plants(rng):
        if where.startswith("swagger-default:"):
            op.setdefault("parameters", []).append({"name": where.split(":")[1], "in": "query", "type": "string", "x-ms-visibility": "internal", "default": value})
            expected.append((kind, swagger_name, value))
        elif where == "metadata":
            swagger.setdefault("x-ms-connector-metadata", [])
            if isinstance(swagger["x-ms-connector-metadata"], list):
                swagger["x-ms-connector-metadata"].append({"propertyName": "Notes", "propertyValue": f"key {value} here"})
                expected.append((kind, swagger_name, value))
        elif where == "readme":
            readme_text += f"\n{value}\n"
            expected.append((kind, readme, value))
        elif where == "script":
            script += f'    var token = "{value}";\n'
            expected.append((kind, "script.csx", value))
        elif where == "properties":
            params = properties.setdefault("properties", {}).setdefault("connectionParameters", {})
            if isinstance(params, dict):
                params["planted_oauth"] = {"type": "oauthSetting", "oAuthSettings": {"identityProvider": "oauth2", "clientId": "x", "clientSecret": value}}
                expected.append((kind, props, value))
    script += "    return await this.Context.SendAsync(this.Context.Request, this.CancellationToken);\n  }\n}\n"
    files[swagger_name] = json.dumps(swagger, indent=2).encode()
    files[props] = json.dumps(properties, indent=2).encode()
    files[readme] = readme_text.encode()
    if "script.csx" not in {n.lower() for n in files}:
        files["script.csx"] = script.encode()
    else:
        expected = [e for e in expected if e[1] != "script.csx"]
    return files, expected


def _family(kind: str) -> str:
    return {"loose-sas-secret": "sas-signature"}.get(kind, kind)


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus")
    sources = list(find_packages([corpus]))
    packages = [s.load() for s in sources]
    for p in packages:
        _ = p.json_files  # parsed before timing: the scan shares the parse with every rule
        if p.swagger_file is not None and p.swagger_file.parsed and isinstance(p.swagger_file.data, dict):
            _ = p.swagger.index

    t = time.process_time()
    hits = [(p, h) for p in packages for h in find_secrets(p)]
    secrets_cpu = time.process_time() - t
    print(f"packages: {len(packages)}; secret hits: {len(hits)}; by severity: {dict(Counter(h.severity for _, h in hits))}")
    for p, h in hits:
        print(f"  {h.severity} {h.kind} {p.origin} {h.file}:{h.line} {h.context} {h.redacted}")
    print(f"find_secrets over the corpus (JSON already parsed): {secrets_cpu:.3f} s CPU")

    t = time.process_time()
    egress = {p.origin: script_hosts(p) for p in packages if parse_script(p) is not None}
    print(f"scripts: {len(egress)}; parse + egress: {time.process_time() - t:.3f} s CPU")
    for origin, hosts in sorted(egress.items()):
        for h in hosts:
            print(f"  {Path(origin).name}: {h.kind} {h.host} line {h.line} ({h.evidence}) {h.text[:70]!r}")

    rng = random.Random(9)
    planted = found = 0
    extra: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for p in packages:
        files, expected = plant(p.files, rng)
        if not expected:
            continue
        copy = package_from_files(p.name, files, kind=p.kind)
        got = find_secrets(copy)
        for kind, file, value in expected:
            planted += 1
            if any(h.file == file and _family(h.kind) == _family(kind) and value.endswith(h.value) for h in got):
                found += 1
            else:
                missed[f"{kind} in {file}"] += 1
        values = [v for _, _, v in expected]
        for h in got:
            if not any(h.value in v for v in values):
                extra[h.kind] += 1
    print(f"planted: {planted}; found with the right kind (Microsoft's LooseSasSecret counted as a SAS) and file: {found} ({found / max(planted, 1):.1%}); other hits: {dict(extra)}")
    print(f"missed: {dict(missed.most_common())}")


if __name__ == "__main__":
    main()
