"""The report model every renderer reads.

model (a scan's results as the JSON model), applied (what the configuration changed), export
(the security section: the security profile and the agent profile).
May import: everything below it (`base`, `model`, `security`, `agent`, `compare`, `engine`).
"""
