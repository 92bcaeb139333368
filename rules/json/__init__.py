"""json rules."""
