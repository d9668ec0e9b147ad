"""API Gateway integration for one domain: invoke URLs, secret keys, gateway config and examples."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from hanji.console.examples import SECRET_PLACEHOLDER, curl_example, python_example
from hanji.console.pages import render, signed_in
from hanji.services.management import domains
from hanji.web.deps import DbSession, SettingsDep, base_url
from hanji.web.models.domains import InvokeUrlView, domain_view
from hanji.web.models.gateway import secret_key_view

router = APIRouter()


@dataclass(frozen=True)
class InvokeUrlExamples:
    """An invoke URL as the API shows it, with ready-to-run client examples beside it."""

    kind: str
    url: str
    curl: str
    python: str


def with_examples(url: InvokeUrlView, service_type: str) -> InvokeUrlExamples:
    return InvokeUrlExamples(
        kind=url.kind,
        url=url.url,
        curl=curl_example(url.url, service_type),
        python=python_example(url.url, service_type),
    )


@router.get("/console/domains/{domain_id}/gateway")
def gateway_page(domain_id: int, request: Request, db: DbSession, settings: SettingsDep) -> Response:
    """JSON twins: ``GET /api/v1/domains/{id}`` (invoke URLs) and ``GET …/secret-keys``."""
    caller = signed_in(request, db, settings)
    if isinstance(caller, Response):
        return caller
    domain = domains.get_domain(db, domain_id=domain_id)
    view = domain_view(domain, base_url(request, settings))
    return render(
        request,
        "gateway.html",
        {
            "title_key": "gateway.title",
            "domain": view,
            "urls": [with_examples(u, view.service_type) for u in view.invoke_urls],
            "keys": [secret_key_view(k) for k in domain.secret_keys],
            "placeholder": SECRET_PLACEHOLDER,
        },
        caller=caller,
    )
