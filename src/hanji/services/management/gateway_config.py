"""The API description of a domain's invoke endpoints, for import into an external API gateway."""

from __future__ import annotations

import copy
from typing import Any

from hanji.services.management import gateway
from hanji.storage.models import Domain

_IMAGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["format", "name"],
    "properties": {
        "format": {"type": "string", "enum": ["jpg", "jpeg", "png", "pdf", "tif", "tiff", "bmp", "webp"]},
        "name": {"type": "string"},
        "data": {"type": "string", "description": "Base64 file bytes."},
        "url": {"type": "string", "description": "http(s) URL of the file (not for Document models)."},
        "templateIds": {"type": "array", "items": {"type": "integer"}},
    },
}
_REQUEST_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "requestId", "timestamp", "images"],
    "properties": {
        "version": {"type": "string", "enum": ["V1", "V2"]},
        "requestId": {"type": "string"},
        "timestamp": {"type": "integer"},
        "lang": {"type": "string", "description": "ko, ja, zh-TW, en or a comma list."},
        "images": {"type": "array", "minItems": 1, "maxItems": 1, "items": {"$ref": "#/IMAGE"}},
        "enableTableDetection": {"type": "boolean"},
    },
}
_RESPONSE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "version": {"type": "string"},
        "requestId": {"type": "string"},
        "timestamp": {"type": "integer"},
        "images": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
    },
}
_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "message": {"type": "string"},
        "path": {"type": "string"},
        "traceId": {"type": "string"},
        "timestamp": {"type": "integer"},
    },
}
_ERRORS = {
    "400": "Invalid URL (0001), body (0011), version (0021), domain (0022), quota (0023).",
    "401": "Secret key validate failed (0002).",
    "429": "Rate limit exceeded (0025).",
    "500": "Unknown service error (0500) or OCR service error (0501).",
}


def build_gateway_config(domain: Domain, *, base_url: str, fmt: str) -> dict[str, Any]:
    """Describe ``domain``'s active invoke URLs as an OpenAPI 3.0 (``openapi3``) or Swagger 2.0 document."""
    if fmt == "swagger2":
        return _swagger2(domain, base_url)
    return _openapi3(domain, base_url)


def _operations(domain: Domain) -> list[tuple[str, str, str]]:
    return [
        (gateway.invoke_path(domain, e), e.kind, f"{domain.code}-{e.kind}")
        for e in gateway.active_endpoints(domain)
    ]


def _schema(schema: dict[str, Any], image_ref: str) -> dict[str, Any]:
    copied = copy.deepcopy(schema)
    if "images" in copied.get("properties", {}):
        copied["properties"]["images"]["items"] = {"$ref": image_ref}
    return copied


def _openapi3(domain: Domain, base_url: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for path, kind, operation_id in _operations(domain):
        paths[path] = {
            "post": {
                "operationId": operation_id,
                "summary": f"{domain.service_type.title()} OCR ({kind}) for domain {domain.name}",
                "security": [{"ocrSecret": []}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/InvokeRequest"}},
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["message", "file"],
                                "properties": {
                                    "message": {
                                        "type": "string",
                                        "description": "The JSON request without data/url.",
                                    },
                                    "file": {"type": "string", "format": "binary"},
                                },
                            }
                        },
                    },
                },
                "responses": {
                    "200": {
                        "description": "CLOVA OCR result",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/InvokeResponse"}}
                        },
                    },
                    **{
                        code: {
                            "description": text,
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                            },
                        }
                        for code, text in _ERRORS.items()
                    },
                },
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"Hanji OCR — {domain.name}",
            "version": "1.0.0",
            "description": f"Invoke endpoints of domain {domain.code} ({domain.service_type}).",
        },
        "servers": [{"url": base_url.rstrip("/")}],
        "paths": paths,
        "components": {
            "securitySchemes": {"ocrSecret": {"type": "apiKey", "in": "header", "name": "X-OCR-SECRET"}},
            "schemas": {
                "Image": _IMAGE_SCHEMA,
                "InvokeRequest": _schema(_REQUEST_SCHEMA, "#/components/schemas/Image"),
                "InvokeResponse": _RESPONSE_SCHEMA,
                "Error": _ERROR_SCHEMA,
            },
        },
    }


def _swagger2(domain: Domain, base_url: str) -> dict[str, Any]:
    scheme, _, rest = base_url.rstrip("/").partition("://")
    host, _, base_path = rest.partition("/")
    paths: dict[str, Any] = {}
    for path, kind, operation_id in _operations(domain):
        paths[path] = {
            "post": {
                "operationId": operation_id,
                "summary": f"{domain.service_type.title()} OCR ({kind}) for domain {domain.name}",
                "consumes": ["application/json"],
                "produces": ["application/json"],
                "security": [{"ocrSecret": []}],
                "parameters": [
                    {
                        "in": "body",
                        "name": "body",
                        "required": True,
                        "schema": {"$ref": "#/definitions/InvokeRequest"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "CLOVA OCR result",
                        "schema": {"$ref": "#/definitions/InvokeResponse"},
                    },
                    **{
                        code: {"description": text, "schema": {"$ref": "#/definitions/Error"}}
                        for code, text in _ERRORS.items()
                    },
                },
            }
        }
    return {
        "swagger": "2.0",
        "info": {"title": f"Hanji OCR — {domain.name}", "version": "1.0.0"},
        "host": host,
        "basePath": "/" + base_path if base_path else "/",
        "schemes": [scheme or "http"],
        "paths": paths,
        "securityDefinitions": {"ocrSecret": {"type": "apiKey", "in": "header", "name": "X-OCR-SECRET"}},
        "definitions": {
            "Image": _IMAGE_SCHEMA,
            "InvokeRequest": _schema(_REQUEST_SCHEMA, "#/definitions/Image"),
            "InvokeResponse": _RESPONSE_SCHEMA,
            "Error": _ERROR_SCHEMA,
        },
    }
