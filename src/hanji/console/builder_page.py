"""The template builder of one Template domain (its JSON twin: ``/api/v1/domains/{id}/templates``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hanji.console.pages import render, signed_in
from hanji.services.management import templates
from hanji.templates.schema import VALUE_TYPES
from hanji.web.deps import DbSession, SettingsDep, base_url
from hanji.web.models.domains import domain_view

router = APIRouter()


@router.get("/console/domains/{domain_id}/templates")
def builder_page(domain_id: int, request: Request, db: DbSession, settings: SettingsDep) -> Response:
    """Page shell; the template list and the editor talk to the templates API from ``builder.js``."""
    caller = signed_in(request, db, settings)
    if isinstance(caller, Response):
        return caller
    domain = templates.template_domain(db, domain_id=domain_id)  # NOT_A_TEMPLATE_DOMAIN, as the API
    return render(
        request,
        "builder.html",
        {
            "title_key": "builder.title",
            "domain": domain_view(domain, base_url(request, settings)),
            "premium": domain.recognition_model == "premium",
            "value_types": VALUE_TYPES,
        },
        caller=caller,
    )
