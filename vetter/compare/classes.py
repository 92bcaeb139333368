"""The classes of change between two connector versions, with Power Automate semantics.

Codes B1–B11 are the classes Microsoft's breaking-change validator has been
seen to report (docs: rules-catalog §5); the others are the changes commonly
treated as breaking for Swagger 2.0 connectors. Each class carries its
default severity and the advice shown with every change of that class.
"""

from __future__ import annotations

from dataclasses import dataclass

BREAKING = "breaking"
POTENTIALLY = "potentially-breaking"
NON_BREAKING = "non-breaking"
SEVERITIES = (BREAKING, POTENTIALLY, NON_BREAKING)
RANK = {BREAKING: 3, POTENTIALLY: 2, NON_BREAKING: 1}

NEW_OPERATION = "Keep the old operation, mark it `deprecated: true`, and add the changed behaviour as a new operation (for example `GetItemV2`); flows keep working and makers move when ready."


@dataclass(frozen=True)
class ChangeClass:
    name: str
    severity: str
    title: str
    hint: str
    microsoft: str | None = None  # the ValidateChange class it mirrors (B1..B11)


def _c(name: str, severity: str, title: str, hint: str, microsoft: str | None = None) -> ChangeClass:
    return ChangeClass(name, severity, title, hint, microsoft)


CLASSES: dict[str, ChangeClass] = {
    c.name: c
    for c in (
        # operations
        _c("operation-removed", BREAKING, "Operation removed", "Do not delete operations that flows use: mark the operation `deprecated: true` (and `x-ms-visibility: internal` to hide it from new flows) instead.", "B1"),
        _c("operation-renamed", BREAKING, "operationId renamed", "Power Automate binds flows to the operationId: keep the old operationId, or keep the old operation deprecated beside the renamed one.", "B1"),
        _c("operation-path-changed", BREAKING, "Path template changed", NEW_OPERATION, "B2"),
        _c("operation-method-changed", BREAKING, "HTTP method changed", NEW_OPERATION),
        _c("operation-made-internal", BREAKING, "Operation hidden (x-ms-visibility: internal)", "Deprecate the operation instead of hiding it, so existing flows keep showing and running it."),
        _c("operation-deprecated", NON_BREAKING, "Operation deprecated", "This is the proper way to retire an operation; point makers to its replacement in the description."),
        _c("operation-added", NON_BREAKING, "Operation added", "Nothing to do."),
        _c("trigger-type-changed", BREAKING, "Trigger type changed (x-ms-trigger)", "Add a new trigger with the new behaviour and deprecate the old one."),
        _c("trigger-kind-changed", BREAKING, "Trigger changed between polling and webhook", "Add a new trigger with the new mechanism and deprecate the old one."),
        _c("dynamic-source-changed", POTENTIALLY, "Dynamic values or schema source changed", "Check that the new source operation returns the same values and shape; flows keep the values chosen before."),
        # inputs
        _c("input-location-changed", BREAKING, "Parameter location changed", NEW_OPERATION, "B3"),
        _c("input-made-required", BREAKING, "Input changed from optional to required", "Keep the input optional and give it a default, or add a new operation that requires it.", "B4"),
        _c("required-input-added", BREAKING, "Required input added", "Make the new input optional (with a `default`), or add it to a new operation.", "B5"),
        _c("input-enum-value-removed", BREAKING, "Enum value removed from an input", "Keep accepting the old value (map it server-side) or add a new operation.", "B6"),
        _c("input-enum-added", BREAKING, "Enum list added to a free input", "Validate the value server-side instead of restricting the input, or add a new operation.", "B7"),
        _c("input-removed", POTENTIALLY, "Input removed", "Keep accepting the input (and ignore it if it no longer matters) so flows that set it still save and run."),
        _c("input-type-changed", BREAKING, "Input type changed", NEW_OPERATION),
        _c("input-format-changed", POTENTIALLY, "Input format changed", "Keep accepting the old format, or add a new operation."),
        _c("input-constraint-tightened", POTENTIALLY, "Input constraint tightened", "Keep the old limits; values that flows send today would be rejected."),
        _c("input-made-internal", BREAKING, "Required input hidden without a default", "Give the hidden input a `default`, or keep it visible."),
        _c("input-default-changed", POTENTIALLY, "Default of a hidden input changed", "Flows cannot see or set this input; make sure the new default keeps the old behaviour."),
        _c("optional-input-added", NON_BREAKING, "Optional input added", "Nothing to do."),
        # outputs
        _c("output-removed", BREAKING, "Output field removed", "Keep returning the field (it may be empty), or add a new operation.", "B8"),
        _c("output-type-changed", BREAKING, "Output field type changed", NEW_OPERATION, "B9"),
        _c("output-format-changed", BREAKING, "Output field format changed", NEW_OPERATION, "B10"),
        _c("output-enum-removed", BREAKING, "Enum list removed from an output field", "Keep the enum list, adding new values to it if needed.", "B11"),
        _c("output-added", NON_BREAKING, "Output field added", "Nothing to do."),
        _c("success-response-removed", BREAKING, "Success response removed", "Keep the success status code and its schema; flows read outputs from it."),
        _c("notification-field-removed", BREAKING, "Trigger payload field removed (x-ms-notification-content)", "Keep the field in the webhook payload schema.", "B8"),
        _c("notification-field-type-changed", BREAKING, "Trigger payload field type changed (x-ms-notification-content)", "Keep the field's type; add a new field for the new shape.", "B9"),
        _c("media-type-narrowed", POTENTIALLY, "consumes/produces narrowed", "Keep accepting and producing the media types clients use today."),
        # connection
        _c("host-changed", BREAKING, "Host changed", "Existing connections call the new host; make sure it serves the same API, or publish a new connector."),
        _c("base-path-changed", BREAKING, "basePath changed", "Keep the base path, or route the old one to the new one."),
        _c("scheme-removed", BREAKING, "URL scheme removed", "Keep serving the old scheme until flows have moved."),
        _c("security-changed", BREAKING, "Authentication changed", "Existing connections were made with the old authentication and stop working; publish the new authentication as a new connector or a new connection parameter set."),
        _c("security-details-changed", POTENTIALLY, "API key location or OAuth endpoints changed", "Existing connections keep working only if the service accepts the credential the new way; test an existing connection before publishing."),
        _c("oauth-scope-added", BREAKING, "OAuth scope added", "Every user must sign in again to consent; announce it, or ask for the new scope only where it is needed."),
        _c("connection-parameter-added", BREAKING, "Required connection parameter added", "Make the new parameter optional, or give it a default; existing connections do not have it."),
        _c("connection-parameter-removed", POTENTIALLY, "Connection parameter removed", "Existing connections keep a value nobody reads; check that policies and scripts no longer use it."),
        _c("connection-parameter-changed", BREAKING, "Connection parameter type changed", "Keep the parameter's type; existing connections hold a value of the old type."),
        _c("identity-provider-changed", BREAKING, "Identity provider changed", "Existing connections hold tokens from the old provider; publish a new connector or connection parameter set."),
        _c("dynamic-host-changed", POTENTIALLY, "dynamichosturl template changed", "Check that existing connections' values still build a valid host."),
    )
}
