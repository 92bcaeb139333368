"""Values and helpers that know nothing of connectors.

`Rule`, `Severity`, `Location`, `Violation` (rule.py), RFC 6901 pointers, RE2 patterns, the
per-package budget, safe report writing, JSON text, report ids, the redaction step, where an
installed package's data files are (pkgdata.py), the guard that refuses network and program
calls while rules run (offline.py), jsonschema in bounded time: uniqueItems and enum in
linear time and a step bound (boundedschema.py) and what a record (a `msgspec.Struct`) that
keeps a field out of ``repr`` or equality needs (record.py).
May import: nothing of vetter (the standard library and third-party packages only).
"""
