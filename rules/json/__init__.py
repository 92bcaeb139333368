"""json rules: every JSON file of the package is strict, UTF-8 JSON (syntax, encoding, BOM,
trailing commas, control characters, duplicate keys, non-standard numbers)."""

PREFIX = "JSN"
