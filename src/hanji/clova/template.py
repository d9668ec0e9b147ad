"""Render template reading results as CLOVA's Template response (``.../infer``).

The input is plain data, one dict per page, as ``hanji.templates.flow`` produces it:
``{"index", "width", "height", "error", "template": {"id", "name"} | None, "title"?, "fields"?,
"combine"?, "tables"?, "validation"?}`` with every ``quad`` already in the input image's pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from hanji.clova.common import VALIDATION_NOT_REQUESTED, new_uid
from hanji.clova.geometry import confidence, polygon_item
from hanji.clova.request import InvokeRequest
from hanji.clova.tables import render_table
from hanji.core.geometry import Quad
from hanji.core.result import Table

NOT_MATCHED_MESSAGE: Final = "NOT_FOUND: not found matched template"


def render_template_response(
    request: InvokeRequest,
    pages: Sequence[Mapping[str, Any]],
    *,
    timestamp_ms: int,
    make_uid: Callable[[], str] = new_uid,
) -> dict[str, Any]:
    """The whole response: one ``images[]`` entry per page, in page order."""
    return {
        "version": request.version,
        "requestId": request.request_id,
        "timestamp": timestamp_ms,
        "images": [
            render_template_page(page, name=request.image.name, version=request.version, uid=make_uid())
            for page in pages
        ],
    }


def _polygon(quad: Sequence[Sequence[float]], version: str) -> dict[str, Any]:
    return polygon_item(Quad.from_sequence(quad), version)


def render_field(field: Mapping[str, Any], version: str) -> dict[str, Any]:
    """One ``fields[]`` item; key order follows CLOVA's samples for each ``type``."""
    kind = field["type"]
    item: dict[str, Any] = {"name": field["name"], "valueType": field["value_type"]}
    if kind == "MULTI_BOX":
        item |= {"type": kind, "inferText": field["text"], "inferConfidence": confidence(field["confidence"])}
        item |= _polygon(field["quad"], version)
        item["subFields"] = [
            {
                **_polygon(sub["quad"], version),
                "inferText": sub["text"],
                "inferConfidence": confidence(sub["confidence"]),
                "lineBreak": False,
            }
            for sub in field["sub_fields"]
        ]
        return item
    if kind == "CHECKBOX":
        item |= {
            "type": kind,
            "checked": bool(field["checked"]),
            "inferText": field["text"],
            "inferConfidence": confidence(field["confidence"]),
        }
        return item | _polygon(field["quad"], version)
    item |= _polygon(field["quad"], version)
    item |= {
        "inferText": field["text"],
        "inferConfidence": confidence(field["confidence"]),
        "type": "NORMAL",
        "lineBreak": True,
    }
    return item


def render_table_area(area: Mapping[str, Any], version: str) -> dict[str, Any]:
    """One ``tables[]`` item: the area's name, then the table in CLOVA's General shape.

    An area where no ruled table was found keeps its place: no cells, the area's polygon, confidence 0.
    """
    table = area.get("table")
    if table is None:
        return {"name": area["name"], "cells": [], **_polygon(area["quad"], version), "inferConfidence": 0.0}
    return {"name": area["name"], **render_table(Table.from_dict(table), version)}


def converted_info(page: Mapping[str, Any]) -> dict[str, Any]:
    width, height = int(page["width"]), int(page["height"])
    return {
        "width": width,
        "height": height,
        "pageIndex": int(page.get("index", 0)),
        "longImage": width > 0 and height / width > 3.0,
    }


def render_template_page(page: Mapping[str, Any], *, name: str, version: str, uid: str) -> dict[str, Any]:
    """One entry: ``uid, name, inferResult, message, matchedTemplate, validationResult,
    convertedImageInfo, title, fields`` (+ ``combineResult`` when the template combines fields,
    + ``tables`` when it has table areas: one item per area, in the template's order)."""
    template = page.get("template")
    if page.get("error"):
        infer_result, message = "ERROR", str(page["error"])
    elif template is None:
        infer_result, message = "FAILURE", NOT_MATCHED_MESSAGE
    else:
        infer_result, message = "SUCCESS", "SUCCESS"
    entry: dict[str, Any] = {"uid": uid, "name": name, "inferResult": infer_result, "message": message}
    entry["matchedTemplate"] = {"id": template["id"], "name": template["name"]} if template else None
    entry["validationResult"] = dict(page.get("validation") or VALIDATION_NOT_REQUESTED)
    entry["convertedImageInfo"] = converted_info(page)
    title = page.get("title")
    entry["title"] = (
        {
            "name": title["name"],
            **_polygon(title["quad"], version),
            "inferText": title["text"],
            "inferConfidence": confidence(title["confidence"]),
        }
        if title
        else None
    )
    entry["fields"] = [render_field(f, version) for f in page.get("fields", [])]
    if "combine" in page:
        entry["combineResult"] = [{"name": c["name"], "inferText": c["text"]} for c in page["combine"]]
    if "tables" in page:
        entry["tables"] = [render_table_area(t, version) for t in page["tables"]]
    return entry
