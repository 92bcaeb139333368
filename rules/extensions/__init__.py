"""x-ms-* extensions: where each may appear, the shape of its value, unknown and misspelled names.

Every rule here reads the one table in ``vetter/model/extensions.py``.
"""

PREFIX = "XMS"
