"""The domain list: search, filters, sorting and paging, all as plain GET parameters."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hanji.console.pages import render, signed_in
from hanji.core.languages import DOMAIN_LANGUAGES
from hanji.services.management import domain_rules, domains
from hanji.services.management.access import Permission
from hanji.web.deps import DbSession, SettingsDep, base_url
from hanji.web.models.domains import domain_view

router = APIRouter()
PAGE_SIZE = 20
SORTABLE = ("id", "name", "code", "created_at", "updated_at")
FILTERS = ("q", "service_type", "language", "recognition_model")
MODELS = {
    "general": ("general",),
    "template": domain_rules.TEMPLATE_MODELS,
    "document": domain_rules.DOCUMENT_MODELS,
}


def _sort_param(raw: str | None) -> str:
    return raw if raw and raw.lstrip("-") in SORTABLE else "-created_at"


def sort_links(filters: dict[str, str], sort: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the link that sorts by it (toggling direction) and its aria-sort."""
    links = {}
    for column in SORTABLE:
        active = sort.lstrip("-") == column
        descending = sort.startswith("-")
        target = column if (active and descending) or not active else f"-{column}"
        state = ("descending" if descending else "ascending") if active else "none"
        links[column] = {"href": "?" + urlencode({**filters, "sort": target}), "aria": state}
    return links


@router.get("/console/")
def domains_page(request: Request, db: DbSession, settings: SettingsDep) -> Response:
    """Domains with every column; the JSON twin is ``GET /api/v1/domains`` with the same filters."""
    caller = signed_in(request, db, settings)
    if isinstance(caller, Response):
        return caller
    params = request.query_params
    filters = {k: params[k].strip() for k in FILTERS if params.get(k, "").strip()}  # ' bills ' finds bills
    sort = _sort_param(params.get("sort"))
    page_no = max(1, int(params["page"])) if params.get("page", "").isdigit() else 1

    def load(number: int) -> domains.DomainPage:
        return domains.list_domains(
            db,
            q=filters.get("q"),
            service_type=filters.get("service_type"),
            language=filters.get("language"),
            recognition_model=filters.get("recognition_model"),
            sort=sort,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
            only=caller.access.domain_ids,
        )

    page = load(page_no)
    pages = max(1, math.ceil(page.count / PAGE_SIZE))
    if page_no > pages:  # "page 99 of 1" shows the last page instead
        page_no, page = pages, load(pages)
    paging: dict[str, Any] = {"page": page_no, "pages": pages}
    if page_no > 1:
        paging["prev"] = "?" + urlencode({**filters, "sort": sort, "page": page_no - 1})
    if page_no < pages:
        paging["next"] = "?" + urlencode({**filters, "sort": sort, "page": page_no + 1})
    return render(
        request,
        "domains.html",
        {
            "title_key": "domains.title",
            "domains": [domain_view(d, base_url(request, settings)) for d in page.domains],
            "count": page.count,
            "filters": filters,
            "sort": sort,
            "sort_links": sort_links(filters, sort),
            "paging": paging,
            "service_types": domain_rules.SERVICE_TYPES,
            "all_languages": DOMAIN_LANGUAGES,
            "models": MODELS,
            "all_models": sorted({m for ms in MODELS.values() for m in ms}),
            "plans": domain_rules.SERVICE_PLANS,
            "max_document_domains": domain_rules.MAX_DOMAINS_PER_DOCUMENT_MODEL,
            "can_create": caller.access.allows(Permission.CREATE_DOMAINS),
            "can_edit": caller.access.allows(Permission.EDIT),
        },
        caller=caller,
    )
