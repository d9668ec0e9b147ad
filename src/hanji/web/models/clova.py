"""CLOVA's invoke bodies as the OpenAPI document shows them (``spec/clova-api.md`` is the contract).

Invoke URLs read their body raw, JSON or multipart, with ``hanji.clova.request``'s own checks and
CLOVA's error codes, and answer what ``hanji.clova`` renders; so the request models here only
document (nothing validates against them), and an ``images[]`` entry passes through untouched,
its keys in CLOVA's order.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, RootModel, WithJsonSchema

from hanji.clova.values import IMAGE_FORMATS, VERSIONS
from hanji.web.models.common import Timestamp, View
from hanji.web.models.inline import inline_schema

Version = Annotated[str, WithJsonSchema({"type": "string", "enum": list(VERSIONS)})]
Flag = Annotated[
    bool | str | None,
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["true", "false"]}]}),
]


class _Documented(View):
    """A CLOVA request part: unknown keys are ignored, as CLOVA does (old samples send ``resultType``)."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)


class ClovaImageInput(_Documented):
    format: str = Field(json_schema_extra={"enum": list(IMAGE_FORMATS)})
    """The file's type; a wrong one is tolerated (the bytes are sniffed)."""
    name: str | None = None
    """Echoed back in the result."""
    data: str | None = None
    """Base64 file bytes (JSON only; multipart sends the bytes as the ``file`` part)."""
    url: str | None = None
    """An http(s) URL to fetch the file from (not for Document models); ``data`` wins when both are set."""
    templateIds: list[int] | None = None
    """Template domains: match only these templates."""


class ClovaRequest(_Documented):
    """An invoke call's JSON body (multipart: the ``message`` part, without ``data``/``url``)."""

    version: Version
    requestId: str
    """Any string, echoed back."""
    timestamp: int | float | str
    """A number or a numeric string; not checked against the clock."""
    lang: str | None = None
    """``ko``, ``ja``, ``zh-TW``, ``en`` or a comma list; default: the domain's languages."""
    images: list[ClovaImageInput] = Field(min_length=1, max_length=1)
    enableTableDetection: Flag = None
    """General domains whose table extraction is on: also answer ``tables``."""
    enableKeyValue: Flag = None
    """Hanji extension: also answer key–value pairs read from the page."""


class ClovaJobRequest(ClovaRequest):
    """An async job's body: an invoke call's, and where to POST the result."""

    webhook: str | None = None
    """URL the finished job is POSTed to (multipart calls pass it as ``?webhook=``)."""


MULTIPART_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["message", "file"],
    "properties": {
        "message": {"type": "string", "description": "The request JSON, without data/url (UTF-8 text)."},
        "file": {"type": "string", "format": "binary", "description": "The image or PDF bytes."},
    },
}


def invoke_body(model: type[ClovaRequest]) -> dict[str, Any]:
    """``openapi_extra`` describing an invoke URL's body: JSON or multipart."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": inline_schema(model)},
                "multipart/form-data": {"schema": MULTIPART_SCHEMA},
            },
        }
    }


_POLY: dict[str, Any] = {
    "type": "object",
    "properties": {
        "vertices": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"x": {"type": "number"}, "y": {"type": "number"}},
            },
        }
    },
}
_OBJECTS: dict[str, Any] = {"type": "array", "items": {"type": "object", "additionalProperties": True}}
_DOCUMENT: dict[str, Any] = {
    "type": "object",
    "description": "Document models: the extracted values (spec/clova-api.md lists each model's result).",
    "properties": {
        "meta": {"type": "object", "properties": {"estimatedLanguage": {"type": "string"}}},
        "result": {"type": "object", "additionalProperties": True},
    },
}
DOCUMENT_KEYS = (
    "receipt",
    "nameCard",
    "bizLicense",
    "idCard",
    "creditCard",
    "medicalReceipt",
    "invoice",
)
IMAGE_SCHEMA: dict[str, Any] = {
    "description": "One page's result; which keys follow depends on the domain's type "
    "(General: tables, fields; Template: matchedTemplate, title, fields, combineResult; "
    "Document: the model key first).",
    "required": ["uid", "name", "inferResult", "message"],
    "properties": {
        "uid": {"type": "string", "description": "32 lowercase hex characters."},
        "name": {"type": "string"},
        "inferResult": {"type": "string", "enum": ["SUCCESS", "FAILURE", "ERROR"]},
        "message": {"type": "string"},
        "matchedTemplate": {
            "anyOf": [
                {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
                {"type": "null"},
            ]
        },
        "validationResult": {
            "type": "object",
            "properties": {
                "result": {"type": "string", "enum": ["NO_REQUESTED", "UNCHECKED", "VALID", "INVALID"]},
                "message": {"type": "string"},
            },
        },
        "convertedImageInfo": {
            "type": "object",
            "properties": {
                "width": {"type": "integer"},
                "height": {"type": "integer"},
                "pageIndex": {"type": "integer"},
                "longImage": {"type": "boolean"},
            },
        },
        "title": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "boundingPoly": _POLY,
                "inferText": {"type": "string"},
                "inferConfidence": {"type": "number"},
            },
        },
        "tables": _OBJECTS,
        "fields": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": True,
                "properties": {
                    "name": {"type": "string"},
                    "valueType": {"type": "string"},
                    "boundingPoly": _POLY,
                    "inferText": {"type": "string"},
                    "inferConfidence": {"type": "number"},
                    "type": {"type": "string", "enum": ["NORMAL", "MULTI_BOX", "CHECKBOX"]},
                    "lineBreak": {"type": "boolean"},
                },
            },
        },
        "combineResult": _OBJECTS,
        **{key: _DOCUMENT for key in DOCUMENT_KEYS},
    },
}


class ClovaImage(RootModel[dict[str, Any]]):
    """One ``images[]`` entry, passed through as rendered (keys in CLOVA's order)."""

    model_config = ConfigDict(json_schema_extra=IMAGE_SCHEMA)


class ClovaResponse(View):
    """An invoke call's result: one ``images[]`` entry per page, in page order."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)

    version: str
    requestId: str
    timestamp: int
    """The server's time, in milliseconds."""
    images: list[ClovaImage]


class ClovaError(View):
    """A failed invoke call (CLOVA's error body); ``code`` is CLOVA's, e.g. ``0011``."""

    code: str
    message: str
    path: str
    traceId: str
    timestamp: int


class JobAccepted(View):
    """A queued job (202, with ``Location`` naming it)."""

    jobId: str


class JobProgress(View):
    done: int
    total: int
    """Pages (or page parts) of the job."""


class JobError(View):
    code: str | None
    message: str | None


class JobView(View):
    """``GET …/jobs/{jobId}``: ``result`` once succeeded, ``error`` once failed."""

    jobId: str
    status: Literal["queued", "running", "succeeded", "failed"]
    progress: JobProgress
    createdAt: Timestamp
    startedAt: Timestamp | None
    finishedAt: Timestamp | None
    result: ClovaResponse | None = None
    """The CLOVA response (``status`` succeeded only)."""
    error: JobError | None = None
    """Why it failed (``status`` failed only)."""


def _clova_error(description: str) -> dict[str, Any]:
    return {"model": ClovaError, "description": description}


INVOKE_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _clova_error(
        "Invalid URL (0001), body (0011), version (0021), domain (0022), quota (0023), "
        "table detection off (0028), no deployed template (1021)."
    ),
    401: _clova_error("Secret key validate failed (0002)."),
    413: _clova_error("The body is over the size limit (0011)."),
    429: _clova_error("Rate limit exceeded (0025)."),
    500: _clova_error("Unknown service error (0500) or OCR service error (0501)."),
    "default": _clova_error("Any other error, in the same shape."),
}
"""``responses=`` of the invoke URLs: CLOVA's error body, by status."""
