"""Domains: list, search, create, read, update, delete, copy."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from hanji.services.management import domains
from hanji.web.deps import CurrentCaller, DbSession, SettingsDep, base_url, get_runtime
from hanji.web.models.common import ERROR_RESPONSES
from hanji.web.models.domains import (
    DomainCopied,
    DomainCopy,
    DomainCreate,
    DomainList,
    DomainUpdate,
    DomainView,
    copied_domain_view,
    domain_view,
)

router = APIRouter(prefix="/api/v1/domains", tags=["domains"], responses=ERROR_RESPONSES)


@router.get("")
def list_domains(
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
    q: str | None = None,
    service_type: str | None = None,
    language: str | None = None,
    recognition_model: str | None = None,
    region: str | None = None,
    sort: str = "-created_at",
    limit: int = 50,
    offset: int = 0,
) -> DomainList:
    """Domains matching the filters (``q`` matches id, name or code), one page of them."""
    page = domains.list_domains(
        db,
        q=q,
        service_type=service_type,
        language=language,
        recognition_model=recognition_model,
        region=region,
        sort=sort,
        limit=limit,
        offset=offset,
        only=caller.access.domain_ids,
    )
    url = base_url(request, settings)
    return DomainList(data=[domain_view(d, url) for d in page.domains], count=page.count)


@router.post("", status_code=201)
def create_domain(
    body: DomainCreate, request: Request, caller: CurrentCaller, db: DbSession, settings: SettingsDep
) -> DomainView:
    domain = domains.create_domain(db, **body.model_dump(), actor=caller.operator.username)
    return domain_view(domain, base_url(request, settings))


@router.get("/{domain_id}")
def get_domain(
    domain_id: int, request: Request, caller: CurrentCaller, db: DbSession, settings: SettingsDep
) -> DomainView:
    return domain_view(domains.get_domain(db, domain_id=domain_id), base_url(request, settings))


@router.patch("/{domain_id}")
def update_domain(
    domain_id: int,
    body: DomainUpdate,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
) -> DomainView:
    changes = body.model_dump(exclude_unset=True)
    domain = domains.update_domain(db, domain_id=domain_id, changes=changes, actor=caller.operator.username)
    return domain_view(domain, base_url(request, settings))


@router.delete("/{domain_id}", status_code=204)
def delete_domain(
    domain_id: int, request: Request, caller: CurrentCaller, db: DbSession, confirm: str | None = None
) -> Response:
    """Delete the domain with its templates, URLs and keys; ``?confirm=`` must be its code."""
    domains.delete_domain(
        db,
        domain_id=domain_id,
        confirm=confirm,
        actor=caller.operator.username,
        blobs=get_runtime(request).blobs,
    )
    return Response(status_code=204)


@router.post("/{domain_id}/copy", status_code=201)
def copy_domain(
    domain_id: int,
    body: DomainCopy,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
) -> DomainCopied:
    """Copy a Template or Document domain with its templates (new URLs, no keys)."""
    result = domains.copy_domain(
        db,
        domain_id=domain_id,
        name=body.name,
        code=body.code,
        recognition_model=body.recognition_model,
        languages=body.languages,
        service_plan=body.service_plan,
        actor=caller.operator.username,
    )
    return copied_domain_view(result, base_url(request, settings))
