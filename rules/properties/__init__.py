"""properties rules: apiProperties.json (connection parameters, policy templates, branding)
matches what Power Platform accepts."""

PREFIX = "PRP"
