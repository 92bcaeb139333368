"""package rules."""
