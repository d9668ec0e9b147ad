"""Render template readings (:mod:`hanji.core.template_reading`) as CLOVA's Template response
(``.../infer``); every quad is already in the input image's pixels."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from hanji.clova.common import new_uid
from hanji.clova.geometry import confidence, polygon_item
from hanji.clova.request import InvokeRequest
from hanji.clova.tables import render_table
from hanji.core.template_reading import (
    FieldKind,
    TableAreaReading,
    TemplateField,
    TemplatePage,
)
from hanji.core.wire import WireObject

NOT_MATCHED_MESSAGE: Final = "NOT_FOUND: not found matched template"


Validator = Callable[[TemplatePage, WireObject], WireObject | None]
"""Asks a template's validation server about one rendered entry: its ``validationResult``, or None
to keep the template's own verdict."""


def render_template_response(
    request: InvokeRequest,
    pages: Sequence[TemplatePage],
    *,
    timestamp_ms: int,
    make_uid: Callable[[], str] = new_uid,
    validate: Validator | None = None,
) -> WireObject:
    """The whole response: one ``images[]`` entry per page, in page order."""
    images: list[WireObject] = []
    for page in pages:
        entry = render_template_page(page, name=request.image.name, version=request.version, uid=make_uid())
        verdict = validate(page, entry) if validate is not None else None
        if verdict is not None:
            entry["validationResult"] = verdict
        images.append(entry)
    return {
        "version": request.version,
        "requestId": request.request_id,
        "timestamp": timestamp_ms,
        "images": images,
    }


def render_field(field: TemplateField, version: str) -> WireObject:
    """One ``fields[]`` item; key order follows CLOVA's samples for each ``type``."""
    item: WireObject = {"name": field.name, "valueType": field.value_type}
    if field.kind is FieldKind.MULTI_BOX:
        item |= {"type": field.kind.value, "inferText": field.text}
        item |= {"inferConfidence": confidence(field.confidence)}
        item |= polygon_item(field.quad, version)
        item["subFields"] = [
            {
                **polygon_item(box.quad, version),
                "inferText": box.text,
                "inferConfidence": confidence(box.confidence),
                "lineBreak": False,
            }
            for box in field.boxes
        ]
        return item
    if field.kind is FieldKind.CHECKBOX:
        item |= {
            "type": field.kind.value,
            "checked": bool(field.checked),
            "inferText": field.text,
            "inferConfidence": confidence(field.confidence),
        }
        return item | polygon_item(field.quad, version)
    item |= polygon_item(field.quad, version)
    item |= {
        "inferText": field.text,
        "inferConfidence": confidence(field.confidence),
        "type": "NORMAL",
        "lineBreak": True,
    }
    return item


def render_table_area(area: TableAreaReading, version: str) -> WireObject:
    """One ``tables[]`` item: the area's name, then the table in CLOVA's General shape.

    An area where no ruled table was found keeps its place: no cells, the area's polygon, confidence 0.
    """
    if area.table is None:
        return {"name": area.name, "cells": [], **polygon_item(area.quad, version), "inferConfidence": 0.0}
    return {"name": area.name, **render_table(area.table, version)}


def converted_info(page: TemplatePage) -> WireObject:
    return {
        "width": page.width,
        "height": page.height,
        "pageIndex": page.index,
        "longImage": page.width > 0 and page.height / page.width > 3.0,
    }


def render_template_page(page: TemplatePage, *, name: str, version: str, uid: str) -> WireObject:
    """One entry: ``uid, name, inferResult, message, matchedTemplate, validationResult,
    convertedImageInfo, title, fields`` (+ ``combineResult`` when the template combines fields,
    + ``tables`` when it has table areas: one item per area, in the template's order)."""
    template = page.template
    if page.error:
        infer_result, message = "ERROR", page.error
    elif template is None:
        infer_result, message = "FAILURE", NOT_MATCHED_MESSAGE
    else:
        infer_result, message = "SUCCESS", "SUCCESS"
    entry: WireObject = {"uid": uid, "name": name, "inferResult": infer_result, "message": message}
    entry["matchedTemplate"] = {"id": template.id, "name": template.name} if template else None
    check: WireObject = {"result": page.check.result}
    if page.check.message:
        check["message"] = page.check.message
    entry["validationResult"] = check
    entry["convertedImageInfo"] = converted_info(page)
    title = page.title
    entry["title"] = (
        {
            "name": title.name,
            **polygon_item(title.quad, version),
            "inferText": title.text,
            "inferConfidence": confidence(title.confidence),
        }
        if title
        else None
    )
    entry["fields"] = [render_field(f, version) for f in page.fields]
    if page.combined is not None:
        entry["combineResult"] = [{"name": c.name, "inferText": c.text} for c in page.combined]
    if page.tables is not None:
        entry["tables"] = [render_table_area(t, version) for t in page.tables]
    return entry
