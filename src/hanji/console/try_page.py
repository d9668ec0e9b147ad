"""Try a domain: upload a file, see what its invoke URL would answer drawn over the image, download
it as JSON, CSV or Excel (what CLOVA's OCR Reader gives, without curl)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hanji.console.pages import render, signed_in
from hanji.services.management import domains
from hanji.web.deps import DbSession, SettingsDep, base_url
from hanji.web.models.domains import domain_view

router = APIRouter()


@router.get("/console/domains/{domain_id}/try")
def try_page(domain_id: int, request: Request, db: DbSession, settings: SettingsDep) -> Response:
    """JSON twin: ``POST /api/v1/domains/{id}/try`` (the page's script calls it)."""
    caller = signed_in(request, db, settings)
    if isinstance(caller, Response):
        return caller
    view = domain_view(domains.get_domain(db, domain_id=domain_id), base_url(request, settings))
    return render(
        request,
        "try.html",
        {"title_key": "try.title", "domain": view, "kinds": [u.kind for u in view.invoke_urls]},
        caller=caller,
    )
