"""crossfile rules: the swagger, apiProperties.json and script agree (rules-catalog §6).

Security definitions against connection parameters for each authentication shape,
OAuth endpoints on both sides, policy templates that name connection parameters,
operations and operation parameters that exist, `@connectionParameters()` references
in the swagger, and `scriptOperations` naming real operations.
"""

PREFIX = "XFL"
