"""changes rules: breaking changes against a previous version (vetter scan --against)."""

PREFIX = "CHG"
