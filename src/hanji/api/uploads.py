"""Files operators send from the console (a template test, a try): read from multipart or JSON, and
results given back as spreadsheets."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from fastapi import Request, Response

from hanji.config import Settings
from hanji.core.errors import ValidationFailed
from hanji.templates import export as result_export
from hanji.web.body import read_capped_body
from hanji.web.downloads import attachment
from hanji.web.models.templates import XLSX_MEDIA_TYPE


async def uploaded_image(request: Request, settings: Settings) -> tuple[bytes, str | None]:
    """The file of a test run or a try: multipart part ``file``, or JSON ``{"image": {"format", "data"}}``;
    with its declared format (the file name's extension, or ``format``)."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form(max_files=2, max_fields=8)
        try:
            part = form.get("file")
            if part is None or isinstance(part, str):
                raise ValidationFailed(
                    "send the image as the multipart part 'file'", details={"field": "file"}
                )
            name = part.filename or ""
            return await part.read(), (name.rsplit(".", 1)[-1].lower() if "." in name else None)
        finally:
            await form.close()
    raw = await read_capped_body(request, settings.max_body_bytes)
    try:
        image = json.loads(raw or b"{}").get("image") or {}
        return base64.b64decode(image["data"], validate=True), image.get("format")
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        raise ValidationFailed(
            'send multipart "file", or JSON {"image": {"format": "png", "data": "<base64>"}}',
            details={"field": "image"},
        ) from None


def fields_download(body: dict[str, Any], export_format: str, name: str) -> Response:
    """A CLOVA result's fields as a CSV or XLSX download named ``name`` (``hanji.templates.export``)."""
    rows = result_export.result_rows(body)
    filename = f"{name}.{export_format}"
    headers = attachment(filename)
    if export_format == "csv":
        return Response(result_export.to_csv(rows), media_type="text/csv", headers=headers)
    return Response(result_export.to_xlsx(rows), media_type=XLSX_MEDIA_TYPE, headers=headers)
