"""Generated code; see scripts/generate_validators.py."""
