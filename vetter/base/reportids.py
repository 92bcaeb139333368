"""Which report a JSON document is: the ``$schema`` and version of vetter's scan and diff reports.

The writers (``vetter.report.model``, ``vetter.compare.report``) stamp them and ``vetter report``
reads them back; this module imports nothing, so telling the two apart costs no import of
the scan or diff machinery.
"""

REPORT_SCHEMA_ID = "https://vetter.invalid/schemas/report-v2.schema.json"
REPORT_VERSION = 2
DIFF_SCHEMA_ID = "https://vetter.invalid/schemas/diff-report-v1.schema.json"
DIFF_VERSION = 1
