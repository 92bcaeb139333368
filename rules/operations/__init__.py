"""Operations: ids, paths and routing, parameters lists, versioning, dynamic calls, webhooks, security requirements.

Mirrors the Operations, Security and Webhooks tables of Microsoft's Swagger Validator
(rules-catalog.md §1.1, §1.7, §1.8).
"""

PREFIX = "OPR"
