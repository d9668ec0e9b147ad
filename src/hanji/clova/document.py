"""Render a Document-model reading as CLOVA's response (``.../document/{model}``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from hanji.clova.common import VALIDATION_NOT_REQUESTED, converted_image_info, new_uid
from hanji.clova.request import InvokeRequest
from hanji.core.document_fields import DocumentFields, FieldNode, FieldValue
from hanji.core.geometry import Quad
from hanji.core.result import Page
from hanji.core.wire import Wire, WireObject

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


def _polygon(quad: Quad) -> dict[str, list[dict[str, float]]]:
    """One ``{"vertices": [{x, y} ×4]}`` polygon, floats rounded to 0.1 px."""
    return {"vertices": [{"x": round(float(p.x), 1), "y": round(float(p.y), 1)} for p in quad.points]}


def render_value(value: FieldValue) -> WireObject:
    """One value object: ``text, formatted, keyText, confidenceScore, boundingPolys, maskingPolys``."""
    return {
        "text": value.text,
        "formatted": dict(value.formatted),
        "keyText": value.key_text,
        "confidenceScore": round(float(value.confidence), 4),
        "boundingPolys": [_polygon(q) for q in value.quads],
        "maskingPolys": [_polygon(q) for q in value.masking],
    }


def render_fields(node: FieldNode) -> Wire:
    """A model's result tree (or a part of it) as CLOVA's JSON: groups keep their keys and order."""
    if isinstance(node, FieldValue):
        return render_value(node)
    if isinstance(node, Quad):
        return _polygon(node)
    if isinstance(node, bool | str):
        return node
    if isinstance(node, Mapping):
        return {key: render_fields(child) for key, child in node.items()}
    return [render_fields(child) for child in node]


def render_document_response(
    request: InvokeRequest,
    *,
    model: str,
    page: Page,
    result: DocumentFields,
    language: str,
    timestamp_ms: int,
    make_uid: Callable[[], str] = new_uid,
) -> WireObject:
    """Render the response: the model key first, then ``uid, name, inferResult, message,
    validationResult, convertedImageInfo`` (CLOVA's order)."""
    if page.error is not None:
        infer, message = "ERROR", page.error
    elif not result:
        infer, message = "FAILURE", NOTHING_FOUND
    else:
        infer, message = "SUCCESS", "SUCCESS"
    entry: WireObject = {
        MODEL_KEYS[model]: {"meta": {"estimatedLanguage": language}, "result": render_fields(result)},
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
