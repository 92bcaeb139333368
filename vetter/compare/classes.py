"""The classes of change between two connector versions, with Power Automate semantics.

This table is the one place where a class's severity and the reason for that
severity live: the classifier only says *which* class a change is, never how
bad it is. ``vetter explain CHG001`` and docs/diff.md print the table
(``class_table()``; tests/test_diff.py checks docs/diff.md against it).

Codes B1–B11 are the classes Microsoft's breaking-change validator has been
seen to report (docs: rules-catalog §5); the others are the changes commonly
treated as breaking for Swagger 2.0 connectors. Each class carries its default
severity, why, and the advice shown with every change of that class.

One rule changes a severity by context, and it is data here too:
``INTERNAL_OPERATION``. A break inside an ``x-ms-visibility: internal``
operation that no other operation uses is only potentially breaking; when
another operation depends on it (dynamic values, schema, list, tree or
properties, a webhook trigger's delete operation, an ``x-ms-notification``
link) it stays breaking, and the change names that dependant.
"""

from __future__ import annotations

from msgspec import Struct

BREAKING = "breaking"
POTENTIALLY = "potentially-breaking"
NON_BREAKING = "non-breaking"
SEVERITIES = (BREAKING, POTENTIALLY, NON_BREAKING)
RANK = {BREAKING: 3, POTENTIALLY: 2, NON_BREAKING: 1}

NEW_OPERATION = "Keep the old operation, mark it `deprecated: true`, and add the changed behaviour as a new operation (for example `GetItemV2`); flows keep working and makers move when ready."
SAVED_INPUT = (
    "A saved flow stores every input it sets by name; when the operation no longer defines that name, "
    "the flow fails validation when it is saved or run (Logic Apps: the API operation \"does not contain a definition for parameter\")."
)
BOUND_OUTPUT = "Flows read outputs by path (`body('Get_item')?['name']`); a path the operation no longer returns gives null or fails the step that uses it."
ADDITION = "Nothing existing refers to it; flows that do not use it see no difference."


class ChangeClass(Struct, frozen=True, order=True):
    name: str
    severity: str
    title: str
    reason: str  # why this severity: what the platform does with a saved flow
    hint: str  # how to avoid the break
    microsoft: str | None = None  # the ValidateChange class it mirrors (B1..B11)


class SeverityRule(Struct, frozen=True, order=True):
    """A context that changes a class's default severity, with why."""

    name: str
    applies_to: str  # the default severity it changes
    severity: str  # what it becomes
    reason: str


INTERNAL_OPERATION = SeverityRule(
    "internal-operation",
    BREAKING,
    POTENTIALLY,
    "An `x-ms-visibility: internal` operation is not in the designer, so no saved flow calls it directly; a break there "
    "matters only if another operation calls it. When one does (x-ms-dynamic-values, -schema, -list, -tree, -properties, "
    "a webhook trigger's delete operation, an x-ms-notification link), the change stays breaking and names that operation.",
)


def _c(name: str, severity: str, title: str, reason: str, hint: str, microsoft: str | None = None) -> ChangeClass:
    return ChangeClass(name, severity, title, reason, hint, microsoft)


CLASSES: dict[str, ChangeClass] = {
    c.name: c
    for c in (
        # operations
        _c("operation-removed", BREAKING, "Operation removed",
           "Flows reference the operation by its operationId; the step no longer resolves and the flow fails.",
           "Do not delete operations that flows use: mark the operation `deprecated: true` (and `x-ms-visibility: internal` to hide it from new flows) instead.", "B1"),
        _c("operation-renamed", BREAKING, "operationId renamed",
           "Flows reference the operationId, not the path: a new id is a removal of the old one plus an addition.",
           "Power Automate binds flows to the operationId: keep the old operationId, or keep the old operation deprecated beside the renamed one.", "B1"),
        _c("operation-path-changed", BREAKING, "Path template changed",
           "Saved flows keep calling the operation, which now sends requests to a different URL.", NEW_OPERATION, "B2"),
        _c("operation-method-changed", BREAKING, "HTTP method changed",
           "The same saved step now sends a different HTTP method to the service.", NEW_OPERATION),
        _c("operation-made-internal", BREAKING, "Operation hidden (x-ms-visibility: internal)",
           "Existing steps using the operation can no longer be edited or re-added in the designer; it is a removal for makers.",
           "Deprecate the operation instead of hiding it, so existing flows keep showing and running it."),
        _c("operation-deprecated", NON_BREAKING, "Operation deprecated",
           "Deprecated operations keep running in existing flows; the designer only stops offering them.",
           "This is the proper way to retire an operation; point makers to its replacement in the description."),
        _c("operation-added", NON_BREAKING, "Operation added", ADDITION, "Nothing to do."),
        _c("visibility-changed", NON_BREAKING, "Visibility changed (x-ms-visibility)",
           "`important`, `advanced` and none (and `internal` on an output, an optional input or a deprecated operation) only change where or whether the "
           "designer shows an element; saved flows keep their values and tokens. Shown in the changelog because makers notice it.",
           "Nothing to do; mention it in the release notes."),
        _c("trigger-type-changed", BREAKING, "Trigger type changed (x-ms-trigger)",
           "A single trigger fires once per item, a batch trigger once per array: flows built on one read outputs the other does not give.",
           "Add a new trigger with the new behaviour and deprecate the old one."),
        _c("trigger-kind-changed", BREAKING, "Trigger changed between polling and webhook",
           "Existing flows are registered for the old mechanism (a polling schedule or a webhook subscription) and stop firing.",
           "Add a new trigger with the new mechanism and deprecate the old one."),
        _c("dynamic-source-changed", POTENTIALLY, "Dynamic values or schema source changed",
           "Saved flows keep the values chosen before and still run; only editing them in the designer calls the new source. "
           "It breaks only if the new source returns other values or another shape, which the swagger cannot show.",
           "Check that the new source operation returns the same values and shape; flows keep the values chosen before."),
        # inputs
        _c("input-location-changed", BREAKING, "Parameter location changed",
           "The stored value is sent in another place (query, header, path, body) than the service read it from before.", NEW_OPERATION, "B3"),
        _c("input-made-required", BREAKING, "Input changed from optional to required",
           "Saved flows that leave the input empty fail validation when saved or run.",
           "Keep the input optional and give it a default, or add a new operation that requires it.", "B4"),
        _c("required-input-added", BREAKING, "Required input added",
           "No saved flow sets the new input, so every flow using the operation fails validation.",
           "Make the new input optional (with a `default`), or add it to a new operation.", "B5"),
        _c("input-enum-value-removed", BREAKING, "Enum value removed from an input",
           "Flows that stored the removed value fail validation.",
           "Keep accepting the old value (map it server-side) or add a new operation.", "B6"),
        _c("input-enum-added", BREAKING, "Enum list added to a free input",
           "Flows that stored a value outside the new list fail validation.",
           "Validate the value server-side instead of restricting the input, or add a new operation.", "B7"),
        _c("input-removed", BREAKING, "Input removed", SAVED_INPUT,
           "Keep accepting the input (mark it `x-ms-visibility: internal` or deprecated in its description, and ignore it if it no longer matters) so flows that set it still save and run."),
        _c("input-renamed", BREAKING, "Input renamed",
           "A rename is a removal plus an addition; saved flows still set the old name, and an operation that no longer defines "
           "it fails their validation when they are saved or run.",
           "Keep the old name (change only `x-ms-summary`, which is what makers see), or accept both names."),
        _c("input-type-changed", BREAKING, "Input type changed",
           "Stored values of the old type fail validation or are sent in a form the service no longer reads.", NEW_OPERATION),
        _c("input-type-widened", NON_BREAKING, "Input type widened (integer to number, int32 to int64, float to double)",
           "Every stored integer is still a valid number, and every 32-bit value still fits 64 bits.", "Nothing to do."),
        _c("input-format-changed", POTENTIALLY, "Input format changed",
           "The designer does not enforce most formats on stored values (a `date-time` input takes any string); a flow breaks only "
           "if the service now rejects values in the old form, which the swagger alone cannot tell.",
           "Keep accepting the old format, or add a new operation."),
        _c("input-constraint-tightened", POTENTIALLY, "Input constraint tightened",
           "Limits (maxLength, maximum, pattern, minItems…) are checked against values at run time; only flows whose stored or computed "
           "values fall outside the new limits fail, and which those are depends on the data, not on the swagger.",
           "Keep the old limits; values that flows send today would be rejected."),
        _c("input-made-internal", BREAKING, "Required input hidden without a default",
           "Makers can no longer set a required input that has no default: flows cannot be saved.",
           "Give the hidden input a `default`, or keep it visible."),
        _c("input-default-changed", POTENTIALLY, "Default of an input changed",
           "Flows that never set the input now send (or stop sending) another value: every such flow still saves and runs, but "
           "the request changes. Whether the service behaves the same depends on the service (for example an API-version header).",
           "Make sure the new default keeps the old behaviour, or keep the old default and let makers choose."),
        _c("input-collection-format-changed", BREAKING, "Array input serialisation changed (collectionFormat)",
           "The same stored array is sent in another form (`a,b` becomes `a|b` or `x=a&x=b`); a service that reads the old form gets one wrong value.",
           "Keep the old collectionFormat, or add a new parameter for the new form."),
        _c("optional-input-added", NON_BREAKING, "Optional input added", ADDITION, "Nothing to do."),
        _c("input-enum-value-added", NON_BREAKING, "Enum value added to an input",
           "Every value a flow stored is still accepted; makers only get one more choice.", "Nothing to do."),
        _c("input-made-read-only", POTENTIALLY, "Input property made read-only (readOnly)",
           "Saved flows keep sending the value they stored; a read-only property is one the service sets itself, so it may now ignore or "
           "reject that value. Which it does depends on the service, not on the swagger.",
           "Keep accepting the value, or keep the property writable and document that the service overrides it."),
        # outputs
        _c("output-removed", BREAKING, "Output field removed", BOUND_OUTPUT,
           "Keep returning the field (it may be empty), or add a new operation.", "B8"),
        _c("output-renamed", BREAKING, "Output field renamed",
           "A rename is a removal plus an addition; flows still read the old path, which the operation no longer returns.",
           "Keep the old name and add the new one beside it, or change only `x-ms-summary`.", "B8"),
        _c("output-type-changed", BREAKING, "Output field type changed",
           "Expressions and later steps that read the old type (a string, an object, an array) fail or misread the value.", NEW_OPERATION, "B9"),
        _c("output-format-changed", BREAKING, "Output field format changed",
           "Steps that parse the value in the old format (dates, numbers) fail.", NEW_OPERATION, "B10"),
        _c("output-enum-removed", BREAKING, "Enum list removed from an output field",
           "Conditions and switches built on the listed values may now receive other values.",
           "Keep the enum list, adding new values to it if needed.", "B11"),
        _c("output-added", NON_BREAKING, "Output field added", ADDITION, "Nothing to do."),
        _c("output-enum-value-added", POTENTIALLY, "Enum value added to an output field",
           "Conditions and switches written for the listed values may now receive one they do not handle; flows that compare "
           "for equality or have a default branch keep working.",
           "Announce the new value so makers can handle it in their conditions and switches."),
        _c("output-made-optional", POTENTIALLY, "Output field no longer required",
           "The service no longer promises the field: flows keep working while it is returned, and a step that needs a value "
           "fails on a response without it. Whether that happens depends on the data, not on the swagger.",
           "Keep returning the field (it may be empty), or tell makers to handle its absence."),
        _c("output-format-narrowed", NON_BREAKING, "Output number format narrowed (int64 to int32, double to float)",
           "Every value the output now returns was already a valid value of the old format.", "Nothing to do."),
        _c("response-header-removed", BREAKING, "Response header removed",
           "Headers a success response declares are outputs in the designer (dynamic content); flows that read the header get null or fail the step that uses it.",
           "Keep declaring (and returning) the header, or add a new operation."),
        _c("response-header-added", NON_BREAKING, "Response header added", ADDITION, "Nothing to do."),
        _c("response-added", NON_BREAKING, "Response status code added",
           "Flows do not bind to status codes: an action succeeds on any 2xx and fails on any other status whether or not it is declared, "
           "and outputs come from the success response, which is compared on its own (a new first 2xx response shows as output changes).",
           "Nothing to do; document what the new status means."),
        _c("response-removed", NON_BREAKING, "Response status code removed",
           "The platform does not check a status code against the declared list, so flows see the same responses as before; losing the "
           "last success response is success-response-removed, and outputs of the success response are compared on their own.",
           "Nothing to do, unless the service really stopped answering with that status."),
        _c("success-response-removed", BREAKING, "Success response removed",
           "With no success response the step declares no outputs: every later step that reads them breaks.",
           "Keep the success status code and its schema; flows read outputs from it."),
        _c("notification-field-removed", BREAKING, "Trigger payload field removed (x-ms-notification-content)", BOUND_OUTPUT,
           "Keep the field in the webhook payload schema.", "B8"),
        _c("notification-field-type-changed", BREAKING, "Trigger payload field type changed (x-ms-notification-content)",
           "Steps that read the payload field as the old type fail or misread it.",
           "Keep the field's type; add a new field for the new shape.", "B9"),
        _c("media-type-added", NON_BREAKING, "consumes/produces widened",
           "Existing requests keep the media type they were sent in, and flows read the response by its Content-Type; an added "
           "type is one more choice, not a new default.",
           "Nothing to do."),
        _c("media-type-narrowed", POTENTIALLY, "consumes/produces narrowed",
           "The platform sends each request in one media type picked from the list and keeps doing so while that type is listed; "
           "a narrowed list breaks only flows whose requests or responses used the dropped type, which the swagger does not record.",
           "Keep accepting and producing the media types clients use today."),
        # connection
        _c("version-lowered", POTENTIALLY, "info.version went down",
           "A connector's version only grows. A lower version in the new side usually means the two versions were given the wrong way "
           "round, and then every addition listed is really a removal (and the reverse); otherwise it is a rollback flows built on "
           "the newer version may not survive.",
           "Check the order of the two versions (OLD first, NEW second); if this is a rollback, compare against the version flows use."),
        _c("host-changed", BREAKING, "Host changed",
           "Every existing connection sends its requests to the new host.",
           "Existing connections call the new host; make sure it serves the same API, or publish a new connector."),
        _c("base-path-changed", BREAKING, "basePath changed",
           "Every operation's URL changes for existing connections.",
           "Keep the base path, or route the old one to the new one."),
        _c("scheme-removed", BREAKING, "URL scheme removed",
           "Connections that used the removed scheme can no longer reach the service.",
           "Keep serving the old scheme until flows have moved."),
        _c("security-changed", BREAKING, "Authentication changed",
           "Existing connections hold credentials of the old kind; they fail to authenticate.",
           "Existing connections were made with the old authentication and stop working; publish the new authentication as a new connector or a new connection parameter set."),
        _c("security-details-changed", POTENTIALLY, "API key location or OAuth endpoints changed",
           "Existing connections keep their credential and send it the new way; they work if the service accepts it there (many accept "
           "a key in query and header, and a v2.0 token endpoint issues tokens for the same app), which only a live test shows.",
           "Existing connections keep working only if the service accepts the credential the new way; test an existing connection before publishing."),
        _c("security-definition-removed", POTENTIALLY, "Security definition removed (another of the same kind kept)",
           "Existing connections keep the credentials of the definitions that remain and authenticate with them as before; the removed "
           "one is no longer sent, which breaks only calls whose service still requires it, and the swagger cannot show that.",
           "Check that no operation still needs the removed credential; existing connections keep authenticating with the others."),
        _c("oauth-scope-added", BREAKING, "OAuth scope added",
           "Existing tokens lack the scope; every user must sign in again to consent.",
           "Every user must sign in again to consent; announce it, or ask for the new scope only where it is needed."),
        _c("connection-parameter-added", BREAKING, "Required connection parameter added",
           "Existing connections have no value for it and must be re-created.",
           "Make the new parameter optional, or give it a default; existing connections do not have it."),
        _c("connection-parameter-removed", POTENTIALLY, "Connection parameter removed",
           "Existing connections keep a value nobody reads and keep working; it breaks only if a policy or the script still reads it.",
           "Existing connections keep a value nobody reads; check that policies and scripts no longer use it."),
        _c("connection-parameter-changed", BREAKING, "Connection parameter type changed",
           "Existing connections hold a value of the old type.",
           "Keep the parameter's type; existing connections hold a value of the old type."),
        _c("identity-provider-changed", BREAKING, "Identity provider changed",
           "Existing connections hold tokens from the old provider.",
           "Existing connections hold tokens from the old provider; publish a new connector or connection parameter set."),
        # limits of the comparison itself
        _c("comparison-incomplete", BREAKING, "Comparison stopped at a limit",
           "vetter flattens at most 16 levels of nesting and 4,000 fields per operation side, merges at most 100,000 allOf "
           "parts per document, and lists at most 10,000 changes per comparison; what lies past a limit was not compared, so a break there would go unseen. It fails like a break "
           "until a reviewer has looked: never read as \"no changes\".",
           "Compare the part named in the message by hand, then acknowledge this change with a reason in an --ack file; or flatten the schema (fewer levels or fields)."),
        _c("dynamic-host-changed", POTENTIALLY, "dynamichosturl template changed",
           "Existing connections keep their parameter values; the change breaks them only if those values no longer build a host that serves the API.",
           "Check that existing connections' values still build a valid host."),
    )
}


def class_table() -> str:
    """Every class as a Markdown table (docs/diff.md, `vetter explain CHG001`), generated from CLASSES."""
    rows = ["| class | severity | Microsoft | why this severity |", "|---|---|---|---|"]
    for c in CLASSES.values():
        rows.append(f"| {c.name} | {c.severity} | {c.microsoft or ''} | {c.reason.replace('|', '/')} |")
    rule = INTERNAL_OPERATION
    rows.append("")
    rows.append(f"In an internal operation a `{rule.applies_to}` class becomes `{rule.severity}` unless another operation depends on it: {rule.reason}")
    return "\n".join(rows) + "\n"
