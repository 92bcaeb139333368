"""swagger rules."""
