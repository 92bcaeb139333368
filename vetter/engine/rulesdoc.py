"""The rule catalogue as Markdown (`vetter rules --format markdown`), generated on demand.

Every rule with its severity, ground, aliases and fix, the retired rules, Microsoft's 174
Swagger Validator codes (rules-catalog.md §1, listed here as data) matched against the rules'
aliases with the reason for each code no rule covers, and the x-ms-* table of
``vetter.model.extensions``. Nothing is committed from it: the catalogue is printed from the rules
that are there, so adding a rule touches its module and its YAML cases only.
"""

from __future__ import annotations

from vetter.engine.catalog import Catalog

# rules-catalog.md §1: (number, section, code), in the catalog's order.
CODES = (
    (1, "1.1", "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations"),
    (2, "1.1", "ApiAnnotationExtensionReplacementInfoMissingApiProperty"),
    (3, "1.1", "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty"),
    (4, "1.1", "ArrayDuplicateValue"),
    (5, "1.1", "BodyOrFormDataParameterInFetchOperationNotAllowed"),
    (6, "1.1", "ConnectionIdParameterNotAllowed"),
    (7, "1.1", "ConsumesMissing"),
    (8, "1.1", "DuplicateEnumValuesInExtension"),
    (9, "1.1", "DuplicateOperationPath"),
    (10, "1.1", "DynamicExtensionDefinitionNotAllowedInParameter"),
    (11, "1.1", "DynamicListExtensionRequiredForAmbiguousReferences"),
    (12, "1.1", "DynamicListExtensionRequiredForNonParameterReferences"),
    (13, "1.1", "DynamicPropertiesExtensionRequiredForAmbiguousReferences"),
    (14, "1.1", "DynamicPropertiesExtensionRequiredForNonParameterReferences"),
    (15, "1.1", "DynamicPropertiesExtensionRequiredForPropertiesValuePath"),
    (16, "1.1", "DynamicPropertiesItemValuePathMismatch"),
    (17, "1.1", "DynamicTreeExtensionMissing"),
    (18, "1.1", "InvalidEnumValue"),
    (19, "1.1", "InvalidEnumValuesExtensionValue"),
    (20, "1.1", "InvalidFormDataParameterName"),
    (21, "1.1", "InvalidNextLinkNameValue"),
    (22, "1.1", "InvokedOperationShouldProduceArray"),
    (23, "1.1", "InvokedOperationShouldProduceProperty"),
    (24, "1.1", "MimeTypeNotCompatibleWithRequestContentSchemaType"),
    (25, "1.1", "NotificationExtensionNotSupportedInWebhookOperation"),
    (26, "1.1", "NotificationExtensionSupportedForTriggerOnly"),
    (27, "1.1", "NotificationOperationMustBeWebhook"),
    (28, "1.1", "OperationFamilyHasDuplicateRevisions"),
    (29, "1.1", "OperationFamilyHasManyActiveOperations"),
    (30, "1.1", "OperationFamilyHasManyActiveProductionOperations"),
    (31, "1.1", "OperationFamilyHasManyEmptyRevisions"),
    (32, "1.1", "OperationHasManyResponsesWithSchema"),
    (33, "1.1", "OperationIdNotFound"),
    (34, "1.1", "OperationIdNotUnique"),
    (35, "1.1", "OperationIdRequired"),
    (36, "1.1", "OperationIdSanitized"),
    (37, "1.1", "OperationIdShouldEndWithRevision"),
    (38, "1.1", "OperationIdTooLong"),
    (39, "1.1", "OperationMissingPathParameter"),
    (40, "1.1", "OperationMissingRequiredProperty"),
    (41, "1.1", "OperationMustHaveNotificationContentExtension"),
    (42, "1.1", "OperationMustHaveResponse"),
    (43, "1.1", "OperationParameterNameIsAmbiguous"),
    (44, "1.1", "OperationParameterNameNotFound"),
    (45, "1.1", "OperationParameterRequiredMismatch"),
    (46, "1.1", "OperationParametersAreNotUnique"),
    (47, "1.1", "OperationParametersContainDuplicateParameter"),
    (48, "1.1", "OperationParametersContainMultipleBodyParameters"),
    (49, "1.1", "OperationParameterStaticTypeMismatch"),
    (50, "1.1", "OperationParameterTypeMismatch"),
    (51, "1.1", "OperationPathContainsUnsupportedCharacters"),
    (52, "1.1", "OperationPathMayNotContainQueryOrFragment"),
    (53, "1.1", "OperationPathMustStartWithSlash"),
    (54, "1.1", "OperationPathTemplateNotValid"),
    (55, "1.1", "OperationPathVariablesContainDefaults"),
    (56, "1.1", "OperationRevisionEmpty"),
    (57, "1.1", "OperationSchemaCountExceedsMaxAllowed"),
    (58, "1.1", "OperationShouldHaveSuccessfulResponse"),
    (59, "1.1", "OperationStatusAheadOfConnector"),
    (60, "1.1", "OperationSummaryTooLong"),
    (61, "1.1", "PartialDuplicateOperationPath"),
    (62, "1.1", "PathParameterMustBeRequired"),
    (63, "1.1", "PathParameterNotDefinedInTemplate"),
    (64, "1.1", "PathParametersContainDuplicateParameter"),
    (65, "1.1", "PathParametersContainMultipleBodyParameters"),
    (66, "1.1", "PathRedefined"),
    (67, "1.1", "RestrictedCharactersInSummary"),
    (68, "1.1", "SelectedItemValuePathNotAllowedInThisPosition"),
    (69, "1.1", "StringBinaryNotSupportedForFormUrlEncoded"),
    (70, "1.1", "TotalOperationsCountExceedsMaxAllowed"),
    (71, "1.1", "UnrecognizedTypeFormat"),
    (72, "1.1", "WebhookOperationsMissingNotificationUrlProperty"),
    (73, "1.2", "ArrayHasNoItems"),
    (74, "1.2", "RequiredPropertyArrayEmpty"),
    (75, "1.2", "SchemesArrayEmpty"),
    (76, "1.3", "CollectionFormatValueNotSupported"),
    (77, "1.3", "MimeTypeNotSupported"),
    (78, "1.3", "PathItemRefNotSuppored"),
    (79, "1.3", "SwaggerKeywordNotSupported"),
    (80, "1.4", "FileParameterMustBeInFormData"),
    (81, "1.4", "ParameterListContainsFormDataAndBody"),
    (82, "1.4", "ParameterReferenceNotFound"),
    (83, "1.4", "ParameterReferenceNotValid"),
    (84, "1.4", "ParameterRefLoopNotAllowed"),
    (85, "1.4", "ParamtersWithSameNameMustHaveSameTypeAndVisibility"),
    (86, "1.4", "PathParameterMissingEncoding"),
    (87, "1.4", "QueryParameterEncodingNotSupported"),
    (88, "1.4", "ReservedParameterIsUsed"),
    (89, "1.4", "ResponseRefLoopNotAllowed"),
    (90, "1.4", "SourcePropertyInternal"),
    (91, "1.5", "AdditionalPropertyNotAllowed"),
    (92, "1.5", "AdditionalPropertyNotAllowedAdjacentToRef"),
    (93, "1.5", "BasePathNotValid"),
    (94, "1.5", "BodyParameterPropertyNotValid"),
    (95, "1.5", "ConnectorMetadataPropertiesMissing"),
    (96, "1.5", "ContactEmailNotValid"),
    (97, "1.5", "DefaultValueMustMatchType"),
    (98, "1.5", "EnumMustContainAtLeastOneElement"),
    (99, "1.5", "ExtensionNameNotValid"),
    (100, "1.5", "FilterFunctionsPropertyEmpty"),
    (101, "1.5", "FilterFunctionsPropertyHasDuplicates"),
    (102, "1.5", "FilterFunctionsPropertyInInputSchema"),
    (103, "1.5", "FilterFunctionsPropertyInvalidValue"),
    (104, "1.5", "HostNameNotValid"),
    (105, "1.5", "InternalPropertyWithDefaultOptional"),
    (106, "1.5", "InvalidConnectorCategory"),
    (107, "1.5", "InvalidStringBinaryProperty"),
    (108, "1.5", "JsonTypeIncorrect"),
    (109, "1.5", "JsonValueNotInEnum"),
    (110, "1.5", "MimeTypeNotValid"),
    (111, "1.5", "MissingEnumValuesDisplayName"),
    (112, "1.5", "MultipleOfMustBeGreaterThanZero"),
    (113, "1.5", "OneOfPropertiesRequired"),
    (114, "1.5", "ProductionStatusOnBetaService"),
    (115, "1.5", "PropertyMustBeRequired"),
    (116, "1.5", "RequiredPropertyDefinitionMissing"),
    (117, "1.5", "RequiredPropertyMissing"),
    (118, "1.5", "RequiredPropertyNotOnObject"),
    (119, "1.5", "RequiredReadOnlyPropertyNotAllowedAsInput"),
    (120, "1.5", "SchemeNotValid"),
    (121, "1.5", "SecuritySchemePropertyNotValid"),
    (122, "1.5", "SecuritySchemePropertyRequired"),
    (123, "1.5", "SpecificationVersionIncorrect"),
    (124, "1.5", "TagRedefined"),
    (125, "1.5", "TooManyConnectorCategories"),
    (126, "1.5", "UrlNotValid"),
    (127, "1.6", "BodyParameterSchemaRequired"),
    (128, "1.6", "BodySchemaCountExceedsMaxAllowed"),
    (129, "1.6", "DefaultResponseHasSchema"),
    (130, "1.6", "InvalidCustomEditorExtensionDictionaryValue"),
    (131, "1.6", "JsonPointerNotValid"),
    (132, "1.6", "NonBodyParameterSchemaNotValid"),
    (133, "1.6", "RequiredLoopInSchemaNotAllowed"),
    (134, "1.6", "ResponseExampleMustBeProducedByOperation"),
    (135, "1.6", "ResponseHeadersAreNotUnique"),
    (136, "1.6", "ResponseMustBeDefaultOrHttpStatusCode"),
    (137, "1.6", "ResponseReferenceNotFound"),
    (138, "1.6", "ResponseReferenceNotValid"),
    (139, "1.6", "SchemaDefinitionSetIncorrectly"),
    (140, "1.6", "SchemaReferenceNotFound"),
    (141, "1.6", "SchemaReferenceNotValid"),
    (142, "1.6", "SchemaRefLoopNotAllowed"),
    (143, "1.6", "SchemaTooDeep"),
    (144, "1.6", "SchemaTypeFileNotValid"),
    (145, "1.6", "SchemeNotSupported"),
    (146, "1.6", "TotalSchemaCountExceedsMaxAllowed"),
    (147, "1.7", "OAuthSecurityRequirementValueMustBeScopeName"),
    (148, "1.7", "SecurityRequirementMustBeDefined"),
    (149, "1.7", "SecurityRequirementMustHaveEmptyValue"),
    (150, "1.7", "SecurityRequirementMustHaveValue"),
    (151, "1.8", "NotificationUrlNotAllowedInThisPosition"),
    (152, "1.8", "NotificationUrlNotInternal"),
    (153, "1.8", "NotificationUrlNotRequired"),
    (154, "1.8", "NotificationUrlNotString"),
    (155, "1.9", "AllowEmptyValueOnlyValidForQueryFormData"),
    (156, "1.9", "DiscriminatorMustBeARequiredStringProperty"),
    (157, "1.9", "ExclusiveMaximumRequiresMaximum"),
    (158, "1.9", "ExclusiveMinimumRequiresMinimum"),
    (159, "1.9", "FieldLengthExceeded"),
    (160, "1.9", "FieldLengthNotInRange"),
    (161, "1.9", "MaxItemsMustBeGreaterThanOrEqualToZero"),
    (162, "1.9", "MaxLengthMustBeGreaterThanOrEqualToZero"),
    (163, "1.9", "MaxPropertiesMustBeGreaterThanOrEqualToZero"),
    (164, "1.9", "MinimumShouldBeLessThanOrEqualToMaximum"),
    (165, "1.9", "MinItemsMustBeGreaterThanOrEqualToZero"),
    (166, "1.9", "MinItemsShouldBeLessThanOrEqualToMaxItems"),
    (167, "1.9", "MinLengthMustBeGreaterThanOrEqualToZero"),
    (168, "1.9", "MinLengthShouldBeLessThanOrEqualToMaxLength"),
    (169, "1.9", "MinPropertiesMustBeGreaterThanOrEqualToZero"),
    (170, "1.9", "PatternShouldBeValidRegularExpression"),
    (171, "1.9", "RequiredValueEmpty"),
    (172, "1.9", "ValueContainsRestrictedWords"),
    (173, "1.9", "ValueMustBeInEnglish"),
    (174, "1.9", "ValueMustEndWithAlphanumeric"),
)

_LIMIT = "Microsoft does not publish the limit; vetter does not guess one."
_STRINGS = "A string-guidance check (titles, summaries, descriptions, wording): the certification rules' area (rules-catalog §2), not this validator set."
_METADATA = "Certification metadata (x-ms-connector-metadata, contact, categories): the certification rules' area (rules-catalog §2.4)."

# Why a code has no rule. Only read for codes that no rule lists as an alias.
NOT_COVERED = {
    "MimeTypeNotCompatibleWithRequestContentSchemaType": "Microsoft does not publish which MIME types fit which body schema types.",
    "DynamicTreeExtensionMissing": "What makes a parameter need x-ms-dynamic-tree is not documented.",
    "OperationIdTooLong": _LIMIT,
    "OperationSchemaCountExceedsMaxAllowed": _LIMIT,
    "TotalOperationsCountExceedsMaxAllowed": _LIMIT,
    "TotalSchemaCountExceedsMaxAllowed": _LIMIT,
    "SchemaTooDeep": _LIMIT,
    "OperationSummaryTooLong": _STRINGS,
    "RestrictedCharactersInSummary": _STRINGS,
    "FieldLengthExceeded": _STRINGS,
    "FieldLengthNotInRange": _STRINGS,
    "RequiredValueEmpty": _STRINGS,
    "ValueContainsRestrictedWords": _STRINGS,
    "ValueMustBeInEnglish": _STRINGS,
    "ValueMustEndWithAlphanumeric": _STRINGS,
    "ConnectorMetadataPropertiesMissing": _METADATA,
    "ContactEmailNotValid": _METADATA,
    "InvalidConnectorCategory": _METADATA,
    "TooManyConnectorCategories": _METADATA,
    "OperationParameterNameIsAmbiguous": "How it differs from the ...RequiredForAmbiguousReferences codes (OPR021) is not documented.",
    "ParamtersWithSameNameMustHaveSameTypeAndVisibility": "Which fetch and subscribe operations are paired is not documented.",
    "MimeTypeNotSupported": "Microsoft does not publish the supported list (malformed types are SWG023).",
    "ProductionStatusOnBetaService": "Whether the backend is in beta is not in the files.",
    "FilterFunctionsPropertyEmpty": "Not built yet: filterFunctions (tabular capabilities) are absent from the corpus.",
    "FilterFunctionsPropertyHasDuplicates": "Not built yet: filterFunctions (tabular capabilities) are absent from the corpus.",
    "FilterFunctionsPropertyInInputSchema": "Not built yet: filterFunctions (tabular capabilities) are absent from the corpus.",
    "FilterFunctionsPropertyInvalidValue": "The allowed set is not published.",
}


def table_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(catalog: Catalog) -> str:
    """The catalogue as Markdown: every rule, the retired ones, Microsoft's validator codes, the x-ms-* table."""
    from vetter.engine.catalog import RETIRED
    from vetter.model.extensions import AUTOREST, EXTENSIONS, describe_sites

    rules = sorted(catalog, key=lambda r: r.id)
    by_alias: dict[str, list[str]] = {}
    for r in rules:
        for alias in r.rule.aliases:
            by_alias.setdefault(alias, []).append(r.id)
    out: list[str] = []
    w = out.append
    w("# Rules")
    w("")
    w("<!-- Generated by `vetter rules --format markdown` from the rule modules. -->")
    w("")
    w("Every rule vetter runs, from its module's metadata. `vetter explain <ID or alias>` prints a")
    w("rule's full documentation with a passing and a failing example. Aliases are Microsoft's")
    w("validator codes (and other tools' names) the rule mirrors; when an OPR, XMS or SWG005+ rule has")
    w("several, each finding's message starts with the one it is. Severity is the default (override it in")
    w("`vetter.toml`); section is the part of `rules-catalog.md` the rule implements. Fix says whether")
    w("`vetter fix` (and the editor, [editor.md](editor.md)) can fix a finding: safe, or unsafe (only with")
    w("`--unsafe-fixes`).")
    w("")
    w("Severity policy ([severity.md](severity.md)): `error` only when Microsoft documents the problem as")
    w("blocking or it was seen as a validator error (`blocking`), when the connector breaks at run time or")
    w("in the designer (`breaks`), or for a security defect (`security`); everything else is a `warning` a")
    w("reviewer should act on, or `info` (`advice`). Ground is the one each rule's docs state, for its")
    w("highest severity; some rules report part of their findings lower (`vetter explain ID` says which).")
    w("")
    w("| Rule | Name | Severity | Ground | Section | Aliases | Fix | Summary |")
    w("|---|---|---|---|---|---|---|---|")
    for r in rules:
        aliases = ", ".join(f"`{a}`" for a in r.rule.aliases) or "—"
        fix = "—" if r.rule.fix.value == "none" else r.rule.fix.value
        w(f"| {r.id} | {r.rule.name} | {r.rule.severity.value} | {r.ground or '—'} | {r.rule.section or '—'} | {aliases} | {fix} | {table_cell(r.summary)} |")
    w("")
    w("Retired rules (naming one in a config or on the command line is an error that says what replaced it):")
    w("")
    for rule_id, (name, why) in sorted(RETIRED.items()):
        w(f"- {rule_id} `{name}`: {why}.")
    w("")
    covered = [c for c in CODES if c[2] in by_alias]
    w("## Microsoft's Swagger Validator codes")
    w("")
    w(f"rules-catalog.md §1 lists {len(CODES)} documented codes; {len(covered)} are aliases of a rule.")
    w("Values (`default`, `enum`, `example`, `x-ms-test-value`) are checked against their schema with")
    w("openapi-schema-validator (its OpenAPI 3.0 schema validator, the nearest it has to Swagger 2.0) in SWG013.")
    w("")
    w("| # | Section | Code | Rule or reason |")
    w("|---|---|---|---|")
    for number, section, code in CODES:
        ids = by_alias.get(code)
        if ids:
            cell = ", ".join(ids)
        else:
            cell = "not covered: " + NOT_COVERED.get(code, "no rule yet.")
        w(f"| {number} | {section} | `{code}` | {table_cell(cell)} |")
    w("")
    w("## x-ms-* extensions")
    w("")
    w("The table in `vetter/model/extensions.py` that XMS001 (placement), XMS002 (value shape), XMS003")
    w("(misspelled names) and XMS004 (unknown names) read. Source: `schema` = in Microsoft's shipped")
    w("`apiDefinition.swagger.schema.json`; `doc` = Microsoft Learn; `observed` = seen only in published")
    w("connectors.")
    w("")
    w("| Extension | Where | Source | What it does |")
    w("|---|---|---|---|")
    for name in sorted(EXTENSIONS):
        ext = EXTENSIONS[name]
        note = f" {ext.note}" if ext.note else ""
        w(f"| `{name}` | {describe_sites(ext)} | {ext.source} | {table_cell(ext.summary + note)} |")
    w("")
    w("AutoRest / Azure Resource Manager extensions Power Platform ignores (XMS004 lists them at info): ")
    w(", ".join(f"`{n}`" for n in sorted(AUTOREST)) + ".")
    w("")
    return "\n".join(out)
