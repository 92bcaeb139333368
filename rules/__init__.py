"""vetter's built-in rules: one module per rule, grouped by area (see docs/writing-rules.md)."""
