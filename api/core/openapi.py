"""The OpenAPI document: one error schema everywhere, generated from the code and committed."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.core import contract
from api.core.errors import PROBLEM_MEDIA_TYPE, Problem, ProblemFieldError

_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _problem_content() -> dict[str, Any]:
    return {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM_REF}}


def build_openapi(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components["Problem"].pop("$defs", None)
    components["ProblemFieldError"] = ProblemFieldError.model_json_schema()
    components["Problem"]["properties"]["errors"] = {
        "anyOf": [
            {"type": "array", "items": {"$ref": "#/components/schemas/ProblemFieldError"}},
            {"type": "null"},
        ]
    }
    components.pop("HTTPValidationError", None)
    scopes = {}
    for scheme in schema.get("components", {}).get("securitySchemes", {}).values():
        for flow in scheme.get("flows", {}).values():
            scopes.update(flow.get("scopes", {}))
    contract.apply(app, schema, scopes=scopes)
    components.pop("ValidationError", None)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code, response in list(responses.items()):
                if code.isdigit() and int(code) >= 400:
                    response["content"] = _problem_content()
            if "422" in responses:
                responses["422"]["description"] = "Validation failed"
            # Anything not listed (400 malformed JSON, 413, 415, 429, 503…) is still a problem.
            responses["default"] = {
                "description": "Error (RFC 9457 problem details)",
                "content": _problem_content(),
            }
    return schema


def customise_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
