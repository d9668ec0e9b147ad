"""What every model of the management API shares: the strict request base, timestamps, the error body."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, overload

from pydantic import BaseModel, ConfigDict, WithJsonSchema

Timestamp = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]
"""An ISO 8601 UTC time as the API writes it (``2026-11-24T13:05:09.123456Z``)."""


class View(BaseModel):
    """A JSON object the API answers; attribute docstrings become the OpenAPI descriptions."""

    model_config = ConfigDict(use_attribute_docstrings=True)


class RequestBody(BaseModel):
    """A JSON body with a fixed set of keys: an unknown key is a 422, not silently dropped."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


@overload
def iso(value: datetime) -> str: ...
@overload
def iso(value: None) -> None: ...
@overload
def iso(value: datetime | None) -> str | None: ...
def iso(value: datetime | None) -> str | None:
    """``value`` as the API writes times: ISO 8601 with ``Z`` for UTC."""
    return value.isoformat().replace("+00:00", "Z") if value else None


class ErrorDetail(View):
    code: str
    """Stable, upper case (``DOMAIN_NAME_TAKEN``); the list is in the management API spec."""
    message: str
    details: dict[str, Any]
    """``field`` naming the offending input, or ``problems`` (``[{"field", "problem"}]``)."""


class ErrorResponse(View):
    """The one error shape of the management API (``hanji.web.errors`` renders it)."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "default": {"model": ErrorResponse, "description": "An error in the management API's error shape."}
}
"""``responses=`` for every management router: it documents the error body (a 422 included, which
FastAPI would otherwise describe in its own validation shape, not the one this API answers)."""


def file_response(media_type: str, *, binary: bool = True, description: str = "") -> dict[int | str, Any]:
    """``responses=`` for a route whose 200 is a file (PNG, PDF, XLSX) or text (CSV, Prometheus)."""
    schema: dict[str, Any] = {"type": "string", "format": "binary"} if binary else {"type": "string"}
    response: dict[str, Any] = {"content": {media_type: {"schema": schema}}}
    if description:
        response["description"] = description
    return {200: response}
