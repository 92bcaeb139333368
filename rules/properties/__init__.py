"""properties rules."""
