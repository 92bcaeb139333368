"""dlp rules: the tenant's own DLP policies (``--dlp-policy``) against each connector, and the policies' own problems.

Package rules (DLP001-DLP004) judge the verdict each policy gives a connector
(vetter.security.verdict): blocked, trusted as Business while vetter suggests a stricter
group, hosts the decision never looked at, or ignored. Policy rules (``scope="policy"``,
DLP005-DLP008) read each policy file once and are reported once per file, never per package.
Without ``--dlp-policy`` none of them reports anything.
"""

PREFIX = "DLP"
