"""Request bodies and public views of the management API (Create / Update / Public per resource)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from hanji.services.management import gateway
from hanji.storage.models import Domain, InvokeEndpoint, SecretKey


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionCreate(_Body):
    username: str
    password: str


class TokenCreate(_Body):
    name: str = Field(min_length=1, max_length=100)


class DomainCreate(_Body):
    name: str
    code: str
    service_type: str
    languages: list[str]
    recognition_model: str | None = None
    service_plan: str = "basic"
    region: str = "KR"
    table_extraction: bool = False


class DomainUpdate(_Body):
    name: str | None = None
    languages: list[str] | None = None
    service_plan: str | None = None
    table_extraction: bool | None = None
    recognition_model: str | None = None
    webhook_url: str | None = None
    code: str | None = None
    service_type: str | None = None


class DomainCopy(_Body):
    name: str
    code: str
    recognition_model: str | None = None


def iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def endpoint_view(domain: Domain, endpoint: InvokeEndpoint, base_url: str) -> dict[str, Any]:
    return {
        "kind": endpoint.kind,
        "url": base_url.rstrip("/") + gateway.invoke_path(domain, endpoint),
        "created_at": iso(endpoint.created_at),
    }


def domain_view(domain: Domain, base_url: str) -> dict[str, Any]:
    return {
        "id": domain.id,
        "name": domain.name,
        "code": domain.code,
        "service_type": domain.service_type,
        "languages": list(domain.languages),
        "recognition_model": domain.recognition_model,
        "service_plan": domain.service_plan,
        "region": domain.region,
        "table_extraction": domain.table_extraction,
        "webhook_url": domain.webhook_url,
        "template_count": len(domain.templates),
        "template_names": [t.name for t in domain.templates],
        "invoke_urls": [endpoint_view(domain, e, base_url) for e in gateway.active_endpoints(domain)],
        "secret_key_count": len(domain.secret_keys),
        "created_at": iso(domain.created_at),
        "updated_at": iso(domain.updated_at),
    }


def secret_key_view(key: SecretKey) -> dict[str, Any]:
    return {
        "id": key.id,
        "prefix": key.prefix,
        "created_at": iso(key.created_at),
        "last_used_at": iso(key.last_used_at),
    }
