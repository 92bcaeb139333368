"""The rule engine: the catalogue of rules, settings, running rules on one package, the gate.

catalog (discovery), settings (vetter.toml), runner (run the selected rules into findings),
gate (baseline and fail-on), changed (changed-only mode),
cases (rule test cases), rulesdoc (the catalogue as Markdown).
May import: `vetter.base`, `vetter.model`, `vetter.security`, `vetter.agent`, `vetter.compare`
(never `rules/`: the catalogue loads rule modules by path).
"""
