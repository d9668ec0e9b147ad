"""Domains: the create, update and copy bodies, and the domain as the API returns and the console shows it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema

from hanji.services.management import domain_rules, gateway
from hanji.services.management.domains import CopiedDomain
from hanji.storage.models import Domain, InvokeEndpoint
from hanji.web.models.common import RequestBody, Timestamp, View, iso


def _one_of(values: tuple[str, ...]) -> WithJsonSchema:
    """Document the allowed values without checking them here: the service checks them, with errors
    that name the field (``domain_rules``)."""
    return WithJsonSchema({"type": "string", "enum": list(values)})


ServiceType = Annotated[str, _one_of(domain_rules.SERVICE_TYPES)]
ServicePlan = Annotated[str, _one_of(domain_rules.SERVICE_PLANS)]
EndpointKind = Annotated[str, _one_of(("default", "passport"))]
RECOGNITION_MODEL_HELP = (
    "general: `general`; template: `basic` or `premium`; document: the specialized model "
    f"({', '.join(domain_rules.DOCUMENT_MODELS)})."
)


class DomainCreate(RequestBody):
    name: str
    code: str
    service_type: ServiceType
    languages: list[str]
    """Any of ``ko``, ``ja``, ``zh-TW`` (at least one); English is always on."""
    recognition_model: str | None = Field(default=None, description=RECOGNITION_MODEL_HELP)
    service_plan: ServicePlan = "basic"
    region: str = "KR"
    table_extraction: bool = False
    """General domains: whether invoke calls may ask for tables."""


class DomainUpdate(RequestBody):
    """Only the keys sent change. ``code`` and ``service_type`` are refused (they cannot change)."""

    name: str | None = None
    languages: list[str] | None = None
    service_plan: ServicePlan | None = None
    table_extraction: bool | None = None
    recognition_model: str | None = None
    """Template domains only; Premium to Basic disables the Premium-only template features."""
    webhook_url: str | None = None
    code: str | None = None
    service_type: str | None = None


class DomainCopy(RequestBody):
    name: str
    code: str
    recognition_model: str | None = None
    """The copy's model (a Template domain may be copied Premium to Basic); default: the source's."""
    languages: list[str] | None = None
    """The copy's languages; default: the source's."""
    service_plan: str | None = None
    """The copy's plan; default: the source's."""


class InvokeUrlView(View):
    kind: EndpointKind
    url: str
    """``{base}/custom/v1/{domain_id}/{invoke_key}/{suffix}``; the key is a credential."""
    created_at: Timestamp


class DomainView(View):
    """A domain with its invoke URLs (``GET /api/v1/domains/{id}``)."""

    id: int
    name: str
    code: str
    service_type: ServiceType
    languages: list[str]
    recognition_model: str = Field(description=RECOGNITION_MODEL_HELP)
    service_plan: ServicePlan
    region: str
    table_extraction: bool
    webhook_url: str | None
    template_count: int
    template_names: list[str]
    invoke_urls: list[InvokeUrlView]
    secret_key_count: int
    created_at: Timestamp
    updated_at: Timestamp


class DomainList(View):
    data: list[DomainView]
    count: int
    """All domains matching the filters (``data`` holds one page of them)."""


class DroppedFeatureView(View):
    field: str
    feature: Literal["multi_box", "checkbox", "checkbox_text", "value_type"]
    """What a Basic copy does with it: ``multi_box`` keeps the first box, ``checkbox`` drops the
    field, ``checkbox_text`` drops the conversion, ``value_type`` reads text."""
    detail: str
    """The box count (multi_box) or the value type (value_type); else empty."""


class TemplateCopyView(View):
    name: str
    source_stage: str
    stage: str
    """The source's stage, kept; ``draft`` when the copy had to change the template."""
    needs_redeploy: bool
    dropped: list[DroppedFeatureView]


class DomainCopied(DomainView):
    """The new domain, what became of each template, and what a Premium to Basic copy left out."""

    dropped_features: list[str]
    """Each feature left out, in English (``templates[].dropped`` says the same, structured)."""
    templates: list[TemplateCopyView]


def invoke_url_view(domain: Domain, endpoint: InvokeEndpoint, base_url: str) -> InvokeUrlView:
    return InvokeUrlView(
        kind=endpoint.kind,
        url=base_url.rstrip("/") + gateway.invoke_path(domain, endpoint),
        created_at=iso(endpoint.created_at),
    )


def domain_view(domain: Domain, base_url: str) -> DomainView:
    """``domain`` as the API returns it; ``base_url`` is where clients reach this Hanji."""
    return DomainView(
        id=domain.id,
        name=domain.name,
        code=domain.code,
        service_type=domain.service_type,
        languages=list(domain.languages),
        recognition_model=domain.recognition_model,
        service_plan=domain.service_plan,
        region=domain.region,
        table_extraction=domain.table_extraction,
        webhook_url=domain.webhook_url,
        template_count=len(domain.templates),
        template_names=[t.name for t in domain.templates],
        invoke_urls=[invoke_url_view(domain, e, base_url) for e in gateway.active_endpoints(domain)],
        secret_key_count=len(domain.secret_keys),
        created_at=iso(domain.created_at),
        updated_at=iso(domain.updated_at),
    )


def copied_domain_view(result: CopiedDomain, base_url: str) -> DomainCopied:
    """A new copy as ``POST …/copy`` returns it, with what became of each template."""
    templates = [
        TemplateCopyView(
            name=t.name,
            source_stage=t.source_stage,
            stage=t.stage,
            needs_redeploy=t.needs_redeploy,
            dropped=[
                DroppedFeatureView(field=u.field, feature=u.feature, detail=u.detail) for u in t.dropped
            ],
        )
        for t in result.templates
    ]
    return DomainCopied(
        **domain_view(result.domain, base_url).model_dump(),
        dropped_features=result.dropped_features,
        templates=templates,
    )
