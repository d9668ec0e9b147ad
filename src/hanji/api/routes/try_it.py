"""Trying a domain from the console: one file through the domain's own flow, as its invoke URL
would read it (``POST /api/v1/domains/{id}/try``), and a CLOVA result as a spreadsheet
(``POST /api/v1/results/export``)."""

from __future__ import annotations

import time
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response
from fastapi.responses import JSONResponse

from hanji.api.invoke_access import run_invoke
from hanji.api.uploads import fields_download, uploaded_image
from hanji.clova.request import ImageInput, InvokeRequest
from hanji.core.errors import ValidationFailed
from hanji.services.management import domains, gateway
from hanji.web.deps import CurrentCaller, DbSession, get_runtime
from hanji.web.models.clova import ClovaResponse
from hanji.web.models.common import ERROR_RESPONSES
from hanji.web.models.templates import TEST_RUN_BODY, TEST_RUN_FILES

router = APIRouter(prefix="/api/v1", tags=["try"], responses=ERROR_RESPONSES)
FORMATS = ("json", "csv", "xlsx")


@router.post(
    "/domains/{domain_id}/try",
    response_model=ClovaResponse,
    responses=TEST_RUN_FILES,
    openapi_extra=TEST_RUN_BODY,
)
async def try_domain(
    domain_id: int,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    export_format: Annotated[str, Query(alias="format")] = "json",
    lang: str | None = None,
    kind: str | None = None,
    tables: bool = False,
    key_values: bool = False,
) -> Response:
    """Read one file (multipart ``file``) as the domain's invoke URL of ``kind`` would, in ``lang``
    (default: the domain's languages), with ``tables`` and (General) ``key_values`` as a call's
    ``enableTableDetection`` and ``enableKeyValue``; CLOVA's answer, or its fields with
    ``?format=csv|xlsx``.
    The call counts in the domain's statistics and quota like any other."""
    if export_format not in FORMATS:
        raise ValidationFailed("format is json, csv or xlsx", details={"field": "format"})
    runtime = get_runtime(request)
    data, declared = await uploaded_image(request, runtime.settings)
    resolved = gateway.console_resolution(domains.get_domain(db, domain_id=domain_id), kind=kind)
    db.commit()  # the connection goes back to the pool before OCR starts
    started = time.perf_counter()
    invoke = InvokeRequest(
        version="V2",
        request_id=uuid.uuid4().hex,
        timestamp=int(time.time() * 1000),
        languages=[lang] if lang else None,
        image=ImageInput(format=declared or "", name="try", data=data, url=None),
        enable_table_detection=tables,
        enable_key_value=key_values,
    )
    body = await run_invoke(runtime, resolved, invoke, size=len(data), started=started)
    if export_format != "json":
        return fields_download(body, export_format, f"domain-{domain_id}-try")
    return JSONResponse(body)


EXPORT_FILES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The result's fields as CSV or XLSX.", "content": TEST_RUN_FILES[200]["content"]}
}


@router.post("/results/export", responses=EXPORT_FILES, response_class=Response)
def export_result(
    caller: CurrentCaller,
    body: Annotated[ClovaResponse, Body(description="A CLOVA response, as an invoke URL answered it.")],
    export_format: Annotated[str, Query(alias="format")] = "csv",
) -> Response:
    """A CLOVA result's fields as a CSV or XLSX download (no OCR: the result given is converted).
    Bodies are held to the form cap (1 MB by default): a page's result is far smaller."""
    if export_format not in ("csv", "xlsx"):
        raise ValidationFailed("format is csv or xlsx", details={"field": "format"})
    return fields_download(body.model_dump(mode="json"), export_format, "result")
