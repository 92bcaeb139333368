"""secrets rules: credentials shipped inside a package (any file), never echoed in reports.

Detection is ``vetter.security.secrets.find_secrets`` (once per package); each rule reports one family
of what it finds, with the value shown only in redacted form.
"""

PREFIX = "CRD"
