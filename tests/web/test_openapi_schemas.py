"""The OpenAPI document describes every body: each request body and each 2xx answer has a schema.

The document is the app's own ``/openapi.json`` (the console's HTML routes are left out of it by
``include_in_schema=False``, nothing else is). Bodies read raw (invoke URLs, template test runs) are
documented with ``openapi_extra`` and must be as complete as the ones FastAPI parses.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from typing import Any

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

import hanji.api.routes

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

METHODS_WITH_BODY = ("post", "put", "patch")
# Operations that take no body at all: the route reads none (checked below against the route).
BODYLESS = {
    ("post", "/api/v1/domains/{domain_id}/invoke-urls/{kind}/regenerate"),
    ("post", "/api/v1/domains/{domain_id}/secret-keys"),
    ("post", "/api/v1/domains/{domain_id}/templates/{template_id}/undeploy"),
}
NO_CONTENT = {"204", "301", "302", "303", "307", "308"}


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in doc["paths"].items()
        for method, operation in item.items()
        if method in ("get", "put", "post", "delete", "patch", "head", "options")
    ]


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref``s into ``#/components/schemas``."""
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = doc["components"]["schemas"][name]
    return schema


def describes_json(doc: dict[str, Any], schema: dict[str, Any]) -> bool:
    """An object with named properties, or an array of such objects: not a bare ``dict[str, Any]``."""
    schema = resolve(doc, schema)
    if schema.get("type") == "array":
        return describes_json(doc, schema.get("items") or {})
    return schema.get("type") == "object" and bool(schema.get("properties"))


def describes_file(schema: dict[str, Any]) -> bool:
    """CSV, Prometheus text, PNG, PDF, XLSX: a string, binary or not."""
    return schema.get("type") == "string"


def body_problems(doc: dict[str, Any], where: str, content: dict[str, Any]) -> list[str]:
    problems = []
    if not content:
        problems.append(f"{where}: no content types")
    for media_type, entry in content.items():
        schema = entry.get("schema") or {}
        ok = describes_json(doc, schema) if "json" in media_type else describes_file(schema)
        if media_type == "multipart/form-data":
            ok = describes_json(doc, schema)
        if not ok:
            problems.append(f"{where} {media_type}: no schema describing it ({schema})")
    return problems


@pytest.fixture
def doc(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def test_the_document_is_valid_openapi(doc: dict[str, Any]) -> None:
    validate(doc)  # type: ignore[arg-type]


def test_every_request_body_has_a_schema(doc: dict[str, Any]) -> None:
    problems: list[str] = []
    for method, path, operation in operations(doc):
        body = operation.get("requestBody")
        if body is None:
            if method in METHODS_WITH_BODY and (method, path) not in BODYLESS:
                problems.append(f"{method.upper()} {path}: takes a body but documents none")
            continue
        problems += body_problems(doc, f"{method.upper()} {path} request", body.get("content") or {})
    assert not problems, "\n".join(problems)


def api_routes() -> dict[tuple[str, str], APIRoute]:
    """Every route of the modules under ``hanji.api.routes``, by (method, path)."""
    found: dict[tuple[str, str], APIRoute] = {}
    for info in pkgutil.iter_modules(hanji.api.routes.__path__):
        module = importlib.import_module(f"hanji.api.routes.{info.name}")
        for router in [v for v in vars(module).values() if isinstance(v, APIRouter)]:
            for route in router.routes:
                if isinstance(route, APIRoute):
                    found.update({(m.lower(), route.path): route for m in route.methods})
    return found


def test_the_bodyless_operations_read_no_body(doc: dict[str, Any]) -> None:
    documented = {(m, p) for m, p, _ in operations(doc)}
    assert documented >= BODYLESS, "a BODYLESS entry names no operation: update the list"
    routes = api_routes()
    for key in BODYLESS:
        route = routes[key]
        assert route.body_field is None and not route.openapi_extra, key
        source = inspect.getsource(route.endpoint)
        assert not re.search(r"\.(body|form|stream|json)\(|read_capped_body", source), key


def test_every_success_answer_has_a_schema(doc: dict[str, Any]) -> None:
    problems: list[str] = []
    for method, path, operation in operations(doc):
        for status, response in operation["responses"].items():
            if not status.startswith("2") or status in NO_CONTENT:
                continue
            where = f"{method.upper()} {path} {status}"
            problems += body_problems(doc, where, response.get("content") or {})
    assert not problems, "\n".join(problems)


def test_errors_are_documented_in_the_shape_they_have(doc: dict[str, Any]) -> None:
    """FastAPI documents a 422 as its own ``HTTPValidationError`` unless told otherwise; this app
    answers ``ErrorResponse`` on the management API and ``ClovaError`` on invoke URLs."""
    problems = []
    for method, path, operation in operations(doc):
        expected = "ClovaError" if path.startswith(("/custom/", "/external/")) else "ErrorResponse"
        errors = {s: r for s, r in operation["responses"].items() if s == "default" or s[0] in "45"}
        refs = {
            entry.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1]
            for response in errors.values()
            for entry in (response.get("content") or {}).values()
        }
        if expected not in refs or "HTTPValidationError" in refs:
            problems.append(f"{method.upper()} {path}: errors documented as {sorted(refs)}")
    assert not problems, "\n".join(problems)


def test_the_console_pages_stay_out_of_the_document(doc: dict[str, Any]) -> None:
    assert not [p for p in doc["paths"] if p == "/" or p.startswith("/console")]
