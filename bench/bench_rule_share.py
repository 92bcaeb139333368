"""Time each rule over ../shared/corpus in one process, and the share of the issue-12 rules.

    python3 bench/bench_rule_share.py [--others-first]

Runs every rule on every package (the engine's own steps: the rule's check, then turning
each violation into a finding, which locates its pointer), summing the time per rule.
With --others-first the rules of other areas run first on each package, so parsing and
the swagger index are charged to them and the CRT / XFL / PRP002+ figures are what those
rules add. Not a test: timings vary with the machine and its load.
"""

import sys
import time
from collections import Counter

sys.path.insert(0,'.')
from vetter.catalog import discover
from vetter.engine import make_finding
from vetter.loader import find_packages
from vetter.options import RunOptions
from vetter.rule import InputUnavailable
from vetter.settings import Settings

cat = discover(entry_points=False)
settings = Settings().bind(cat)
t = Counter(); loc=Counter(); opts = RunOptions()
mine = lambda i: i.startswith(("CRT","XFL")) or (i.startswith("PRP") and i != "PRP001")
order = sorted(cat, key=lambda r: (mine(r.id), r.id)) if "--others-first" in sys.argv else list(cat)
start=time.perf_counter()
for s in find_packages(["../shared/corpus"]):
    p = s.load()
    for r in order:
        a=time.perf_counter()
        try:
            vs = list(r.run(p, opts))
            b=time.perf_counter()
            for v in vs: make_finding(r.rule, r.doc, v, p, settings)
            loc[r.id]+=time.perf_counter()-b
        except InputUnavailable: pass
        t[r.id]+=time.perf_counter()-a
print("wall", round(time.perf_counter()-start,2))
m = sum(v for k,v in t.items() if mine(k)); o = sum(v for k,v in t.items() if not mine(k))
print("mine", round(m,2), "others", round(o,2))
for k,v in [kv for kv in t.most_common() if mine(kv[0])][:10]: print(k, round(v,3), "of which findings", round(loc[k],3))
print("mine findings cost", round(sum(v for k,v in loc.items() if mine(k)),2))
