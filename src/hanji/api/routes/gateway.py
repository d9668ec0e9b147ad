"""API Gateway integration: invoke URLs, secret keys and the downloadable gateway configuration."""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Request, Response

from hanji.services.management import domains, gateway
from hanji.services.management.gateway_config import build_gateway_config
from hanji.web.deps import CurrentCaller, DbSession, SettingsDep, base_url
from hanji.web.downloads import attachment
from hanji.web.models.common import ERROR_RESPONSES, iso
from hanji.web.models.domains import InvokeUrlView, invoke_url_view
from hanji.web.models.gateway import SecretKeyIssued, SecretKeyList, secret_key_view

router = APIRouter(prefix="/api/v1/domains/{domain_id}", tags=["gateway"], responses=ERROR_RESPONSES)

GATEWAY_CONFIG_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "An OpenAPI 3.0 or Swagger 2.0 document of the domain's invoke endpoints, "
        "as a download (`Content-Disposition: attachment`).",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "An OpenAPI 3.0 (`openapi`) or Swagger 2.0 (`swagger`) document.",
                    "properties": {
                        "openapi": {"type": "string", "enum": ["3.0.3"]},
                        "swagger": {"type": "string", "enum": ["2.0"]},
                        "info": {"type": "object"},
                        "paths": {"type": "object"},
                    },
                    "required": ["info", "paths"],
                }
            }
        },
    }
}


@router.post("/invoke-urls/{kind}/regenerate")
def regenerate_url(
    domain_id: int, kind: str, request: Request, caller: CurrentCaller, db: DbSession, settings: SettingsDep
) -> InvokeUrlView:
    """A new invoke URL of that kind (``default``, ``passport``); the old one stops working at once."""
    domain = domains.get_domain(db, domain_id=domain_id)
    endpoint = gateway.regenerate_url(db, domain=domain, kind=kind, actor=caller.operator.username)
    return invoke_url_view(domain, endpoint, base_url(request, settings))


@router.post("/secret-keys", status_code=201)
def create_secret_key(
    domain_id: int, caller: CurrentCaller, db: DbSession, settings: SettingsDep
) -> SecretKeyIssued:
    """Create a secret key; the secret is returned only here and stored hashed."""
    domain = domains.get_domain(db, domain_id=domain_id)
    issued = gateway.create_secret_key(
        db, domain=domain, server_key=settings.secret_key, actor=caller.operator.username
    )
    return SecretKeyIssued(
        id=issued.key.id,
        secret=issued.secret,
        prefix=issued.key.prefix,
        created_at=iso(issued.key.created_at),
    )


@router.get("/secret-keys")
def list_secret_keys(domain_id: int, caller: CurrentCaller, db: DbSession) -> SecretKeyList:
    domain = domains.get_domain(db, domain_id=domain_id)
    return SecretKeyList(data=[secret_key_view(k) for k in domain.secret_keys])


@router.delete("/secret-keys/{key_id}", status_code=204)
def revoke_secret_key(domain_id: int, key_id: int, caller: CurrentCaller, db: DbSession) -> Response:
    domain = domains.get_domain(db, domain_id=domain_id)
    gateway.revoke_secret_key(db, domain=domain, key_id=key_id, actor=caller.operator.username)
    return Response(status_code=204)


@router.get("/gateway-config", response_class=Response, responses=GATEWAY_CONFIG_RESPONSE)
def gateway_config(
    domain_id: int,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
    format: Literal["openapi3", "swagger2"] = "openapi3",
) -> Response:
    """The domain's invoke endpoints for import into an external API gateway."""
    domain = domains.get_domain(db, domain_id=domain_id)
    document = build_gateway_config(domain, base_url=base_url(request, settings), fmt=format)
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers=attachment(f"hanji-{domain.code}-{format}.json"),
    )
