"""security rules: findings a reviewer must act on, raised from the security profile (vetter.security).

Inventory (auth kind, hosts, geographies, DLP suggestion) stays in the profile and the
reports; these rules only judge.
"""

PREFIX = "SEC"
