"""Render a Document-model reading as CLOVA's response (``.../document/{model}``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from hanji.clova.common import VALIDATION_NOT_REQUESTED, converted_image_info, new_uid
from hanji.clova.request import InvokeRequest
from hanji.core.result import Page

MODEL_KEYS: Final = {
    "receipt": "receipt",
    "name-card": "nameCard",
    "biz-license": "bizLicense",
    "id-card": "idCard",
    "passport": "passport",
    "credit-card": "creditCard",
    "medical-receipt": "medicalReceipt",
    "invoice": "invoice",
}
"""URL model name -> the key that holds the model's result in each ``images[]`` entry."""

NOTHING_FOUND: Final = "NOT_FOUND: no field of this document type was found"


def render_document_response(
    request: InvokeRequest,
    *,
    model: str,
    page: Page,
    result: dict[str, Any],
    language: str,
    timestamp_ms: int,
    make_uid: Callable[[], str] = new_uid,
) -> dict[str, Any]:
    """Render the response: the model key first, then ``uid, name, inferResult, message,
    validationResult, convertedImageInfo`` (CLOVA's order)."""
    if page.error is not None:
        infer, message = "ERROR", page.error
    elif not result:
        infer, message = "FAILURE", NOTHING_FOUND
    else:
        infer, message = "SUCCESS", "SUCCESS"
    entry = {
        MODEL_KEYS[model]: {"meta": {"estimatedLanguage": language}, "result": result},
        "uid": make_uid(),
        "name": request.image.name,
        "inferResult": infer,
        "message": message,
        "validationResult": dict(VALIDATION_NOT_REQUESTED),
        "convertedImageInfo": converted_image_info(page),
    }
    return {
        "version": request.version,
        "requestId": request.request_id,
        "timestamp": timestamp_ms,
        "images": [entry],
    }
