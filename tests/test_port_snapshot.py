"""The rules that existed before the model change find the same things on the corpus.

``tests/data/corpus-findings-898e2e7.json`` was recorded by scanning ../shared/corpus
with vetter at commit 898e2e7 (before the swagger index, views and run options):
one row per finding, ``[rule, package, file, pointer, line]``, package as its
path under the corpus. Recorded with::

    git worktree add /tmp/v 898e2e7 && cd /tmp/v
    python3 -m vetter.cli scan ../shared/corpus --format json -o old.json

(and the rows extracted as the test below extracts them). Every rule of that
commit is compared; a rule added since is not, and a change to one of these
rules' findings must be deliberate: update the snapshot and say why. The corpus groups
that existed then (custom and independent-publisher connectors) are compared; the
certified group, added to the corpus later, is not in the snapshot.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, shared_dir
from vetter.commands.scan import run_options, scan
from vetter.engine.catalog import discover
from vetter.engine.settings import Settings
from vetter.model.loader import find_packages

SNAPSHOT = ROOT / "tests" / "data" / "corpus-findings-898e2e7.json"
RULES_AT_898E2E7 = {
    *(f"JSN{n:03d}" for n in range(1, 8)),
    *(f"PKG{n:03d}" for n in range(1, 6)),
    *(f"SWG{n:03d}" for n in range(1, 5)),
    "PRP001",
}


def test_pre_existing_rules_give_the_findings_recorded_before_the_port():
    corpus = shared_dir("corpus")
    catalog = discover(entry_points=False)
    assert RULES_AT_898E2E7 <= set(catalog.by_id)
    settings = Settings(select=sorted(RULES_AT_898E2E7)).bind(catalog)
    groups = [corpus / "custom-connectors", corpus / "independent-publisher-connectors"]
    report = scan(find_packages(groups), catalog, settings, run_options(settings, catalog))
    rows = sorted(
        [f.rule, Path(p.origin).relative_to(corpus).as_posix(), f.file, f.pointer, f.line]
        for p in report.packages
        for f in p.findings
        if f.rule in RULES_AT_898E2E7
    )
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert len(expected) >= 30
    missing = [r for r in expected if r not in rows]
    extra = [r for r in rows if r not in expected]
    assert (missing, extra) == ([], [])
