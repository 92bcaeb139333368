"""Values and helpers that know nothing of connectors.

`Rule`, `Severity`, `Location`, `Violation` (rule.py), RFC 6901 pointers, RE2 patterns, the
per-package budget, safe report writing, JSON text, report ids and the redaction step.
May import: nothing of vetter (the standard library and third-party packages only).
"""
