"""Domains: create, read, list, update, delete and copy, with every rule of the spec."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hanji.core.errors import (
    ConfirmationRequired,
    DomainCodeTaken,
    DomainNameTaken,
    DomainNotFound,
    GeneralDomainExists,
    GeneralDomainNotCopyable,
    InvalidQuery,
    SpecializedModelLimit,
    ValidationFailed,
)
from hanji.services.management import audit, domain_rules, gateway
from hanji.services.management.template_features import PremiumUse, to_basic
from hanji.storage.blobs import BlobStore
from hanji.storage.locks import DOMAIN_CREATION, domain_lock, hold
from hanji.storage.models import Call, Domain, Job, JobPart, Template, utcnow


@dataclass(frozen=True)
class DomainPage:
    domains: list[Domain]
    count: int


def create_domain(
    db: Session,
    *,
    name: str,
    code: str,
    service_type: str,
    languages: list[str],
    recognition_model: str | None,
    service_plan: str = "basic",
    region: str = "KR",
    table_extraction: bool = False,
    actor: str = "system",
) -> Domain:
    """Create a domain with its invoke URL(s); raise the spec's error for any broken rule."""
    model = domain_rules.check_recognition_model(service_type, recognition_model)
    domain = Domain(
        name=domain_rules.check_name(name),
        name_key=name.casefold(),
        code=domain_rules.check_code(code),
        code_key=code.casefold(),
        service_type=service_type,
        languages=domain_rules.check_languages(languages),
        recognition_model=model,
        service_plan=domain_rules.check_service_plan(service_plan),
        region=domain_rules.check_region(region),
        table_extraction=bool(table_extraction) if service_type == "general" else False,
    )
    if table_extraction and service_type != "general":
        raise ValidationFailed(
            "table_extraction applies to General domains only.", details={"field": "table_extraction"}
        )
    hold(db, DOMAIN_CREATION)  # M5: checks and id below see every create committed before this one
    _check_unique(db, domain)
    _check_type_limits(db, domain)
    domain.id = _next_domain_id(db)  # type: ignore[assignment]
    db.add(domain)
    _flush_unique(db)
    gateway.create_endpoints(db, domain=domain)
    audit.record(
        db, actor=actor, action="domain.create", target=f"domain:{domain.id}", details={"code": code}
    )
    return domain


def get_domain(db: Session, *, domain_id: int, fresh: bool = False) -> Domain:
    """The domain (``DomainNotFound`` when there is none); ``fresh`` reads it from the database
    even when this session has it already (after a lock, another writer may have changed it)."""
    domain = db.get(Domain, domain_id, populate_existing=fresh)
    if domain is None:
        raise DomainNotFound(details={"id": domain_id})
    return domain


_SORT_COLUMNS = {
    "id": Domain.id,
    "name": Domain.name_key,
    "code": Domain.code_key,
    "created_at": Domain.created_at,
    "updated_at": Domain.updated_at,
    "service_type": Domain.service_type,
    "region": Domain.region,
}


def list_domains(
    db: Session,
    *,
    q: str | None = None,
    service_type: str | None = None,
    language: str | None = None,
    recognition_model: str | None = None,
    region: str | None = None,
    sort: str = "-created_at",
    limit: int = 50,
    offset: int = 0,
    only: frozenset[int] | None = None,
) -> DomainPage:
    """List domains (of ``only``, an editor's or viewer's list, when given); ``q`` matches the id
    exactly or the name/code as a substring (any case)."""
    if not 1 <= limit <= 500 or offset < 0:
        raise InvalidQuery("limit must be 1-500 and offset >= 0.", details={"field": "limit"})
    q = q.strip() if q else None  # a pasted " bills " still finds bills
    stmt = select(Domain)
    if only is not None:
        stmt = stmt.where(Domain.id.in_(sorted(only)))
    if q:
        pattern = f"%{_escape_like(q.casefold())}%"
        terms: list[ColumnElement[bool]] = [
            Domain.name_key.like(pattern, escape="\\"),
            Domain.code_key.like(pattern, escape="\\"),
        ]
        if q.isdigit():
            terms.append(Domain.id == int(q))
        stmt = stmt.where(or_(*terms))
    if service_type:
        stmt = stmt.where(Domain.service_type == service_type)
    if recognition_model:
        stmt = stmt.where(Domain.recognition_model == recognition_model)
    if region:
        stmt = stmt.where(Domain.region == region)
    rows = list(db.scalars(stmt.order_by(_order(sort), Domain.id)))
    if language:
        # JSON containment differs per database; the list is small, so filter here.
        rows = [d for d in rows if language in d.languages or language == "en"]
    return DomainPage(rows[offset : offset + limit], len(rows))


def update_domain(db: Session, *, domain_id: int, changes: dict[str, Any], actor: str = "system") -> Domain:
    """Apply a PATCH. ``code`` and ``service_type`` never change; returns the domain."""
    domain = get_domain(db, domain_id=domain_id)
    for frozen in ("code", "service_type", "region", "id"):
        if frozen in changes and changes[frozen] != getattr(domain, frozen):
            raise ValidationFailed(f"{frozen} cannot be changed.", details={"field": frozen})
    if "name" in changes:
        domain.name = domain_rules.check_name(changes["name"])
        domain.name_key = domain.name.casefold()
        _check_unique(db, domain)
    if "languages" in changes:
        domain.languages = domain_rules.check_languages(changes["languages"])
    if "service_plan" in changes:
        domain.service_plan = domain_rules.check_service_plan(changes["service_plan"])
    if "table_extraction" in changes:
        if domain.service_type != "general":
            raise ValidationFailed(
                "table_extraction applies to General domains only.", details={"field": "table_extraction"}
            )
        domain.table_extraction = bool(changes["table_extraction"])
    if "webhook_url" in changes:
        domain.webhook_url = domain_rules.check_webhook_url(changes["webhook_url"])
    if "recognition_model" in changes and changes["recognition_model"] != domain.recognition_model:
        if domain.service_type != "template":
            raise ValidationFailed(
                "Only a Template domain's recognition model can change.",
                details={"field": "recognition_model"},
            )
        domain.recognition_model = domain_rules.check_recognition_model(
            "template", changes["recognition_model"]
        )
        if domain.recognition_model == "basic":
            for template in domain.templates:
                template.definition, _ = to_basic(template.definition)
                template.version += 1
                template.updated_at = utcnow()
    domain.updated_at = utcnow()
    _flush_unique(db)
    audit.record(
        db,
        actor=actor,
        action="domain.update",
        target=f"domain:{domain.id}",
        details={"fields": sorted(changes)}
        | ({"webhook_url": domain.webhook_url} if "webhook_url" in changes else {}),
    )
    return domain


def delete_domain(
    db: Session, *, domain_id: int, confirm: str | None, actor: str = "system", blobs: BlobStore | None = None
) -> None:
    """Delete a domain, its templates, URLs, keys and jobs (with their files and results, from
    ``blobs``); its call records stay, marked deleted."""
    hold(db, domain_lock(domain_id))  # a copy or a new key of this domain waits, then finds it gone
    domain = get_domain(db, domain_id=domain_id, fresh=True)
    if confirm is None or confirm.casefold() != domain.code_key:
        raise ConfirmationRequired(
            f"Deleting domain {domain.id} needs ?confirm={domain.code}.", details={"field": "confirm"}
        )
    for call in db.scalars(select(Call).where(Call.domain_id == domain.id)):
        call.domain_deleted = True
    keys: set[str] = set()
    for job in db.scalars(select(Job).where(Job.domain_id == domain.id)):
        keys |= {k for k in (job.input_key, job.result_key, job.pdf_key) if k}
        keys |= {k for part in job.parts for k in (part.input_key, part.result_key) if k}
        db.delete(job)
    db.delete(domain)
    db.flush()
    if blobs is not None:
        for key in keys - _blobs_in_use(db, keys):
            blobs.delete(key)
    audit.record(
        db, actor=actor, action="domain.delete", target=f"domain:{domain_id}", details={"code": domain.code}
    )


def _blobs_in_use(db: Session, keys: set[str]) -> set[str]:
    """Which of ``keys`` another job, job part or template still holds (blobs are shared by hash)."""
    if not keys:
        return set()
    used = set(db.scalars(select(Job.input_key).where(Job.input_key.in_(keys))))
    used |= set(db.scalars(select(Job.result_key).where(Job.result_key.in_(keys))))
    used |= set(db.scalars(select(Job.pdf_key).where(Job.pdf_key.in_(keys))))
    used |= set(db.scalars(select(JobPart.input_key).where(JobPart.input_key.in_(keys))))
    used |= set(db.scalars(select(JobPart.result_key).where(JobPart.result_key.in_(keys))))
    used |= set(db.scalars(select(Template.sample_blob).where(Template.sample_blob.in_(keys))))
    return {k for k in used if k}


def _next_domain_id(db: Session) -> int | None:
    """SQLite hands a deleted domain's id to the next domain; calls and jobs keep the old one, so a
    new domain would inherit its quota and statistics. Ids here never go back: past every id any
    domain, call or job ever had. (PostgreSQL's sequence never reuses one: None lets it choose.)"""
    if db.get_bind().dialect.name != "sqlite":
        return None
    highest = [
        db.scalar(select(func.max(Domain.id))),
        db.scalar(select(func.max(Call.domain_id))),
        db.scalar(select(func.max(Job.domain_id))),
    ]
    return max((h or 0 for h in highest), default=0) + 1


@dataclass(frozen=True)
class TemplateCopy:
    """What became of one template in a copy: its stage kept, or a draft because a Basic copy had
    to change it (then ``dropped`` says how, and it needs deploying again)."""

    name: str
    source_stage: str
    stage: str
    dropped: tuple[PremiumUse, ...] = ()

    @property
    def needs_redeploy(self) -> bool:
        return self.stage != self.source_stage


@dataclass(frozen=True)
class CopiedDomain:
    domain: Domain
    templates: tuple[TemplateCopy, ...]

    @property
    def dropped_features(self) -> list[str]:
        """Every feature left out, in English (the API's ``dropped_features``)."""
        return [f"template '{t.name}' {use.describe()}" for t in self.templates for use in t.dropped]


def copy_domain(
    db: Session,
    *,
    domain_id: int,
    name: str,
    code: str,
    recognition_model: str | None = None,
    languages: list[str] | None = None,
    service_plan: str | None = None,
    actor: str = "system",
) -> CopiedDomain:
    """Copy a domain with its templates; new URLs, no keys. Templates keep their stage (a copy
    serves as its source did), except those a Premium-to-Basic copy had to change: they become
    drafts, and the result says what was dropped from each."""
    hold(db, domain_lock(domain_id))  # a delete running now finishes first: no copy of half a domain
    source = get_domain(db, domain_id=domain_id, fresh=True)
    if source.service_type == "general":
        raise GeneralDomainNotCopyable()
    model = recognition_model or source.recognition_model
    if source.service_type == "document" and model != source.recognition_model:
        raise ValidationFailed(
            "A Document domain's copy keeps its specialized model.", details={"field": "recognition_model"}
        )
    copy = create_domain(
        db,
        name=name,
        code=code,
        service_type=source.service_type,
        languages=list(languages if languages is not None else source.languages),
        recognition_model=model,
        service_plan=service_plan or source.service_plan,
        region=source.region,
        actor=actor,
    )
    downgrade = source.recognition_model == "premium" and model == "basic"
    effects: list[TemplateCopy] = []
    for template in source.templates:
        definition, lost = to_basic(template.definition) if downgrade else (template.definition, [])
        stage = "draft" if lost else template.stage
        effects.append(TemplateCopy(template.name, template.stage, stage, tuple(lost)))
        copy.templates.append(
            Template(name=template.name, definition=definition, sample_blob=template.sample_blob, stage=stage)
        )
    db.flush()
    for source_template, copied in zip(source.templates, copy.templates, strict=True):
        audit.record(
            db,
            actor=actor,
            action="template.create",
            target=f"template:{copied.id}",
            details={"domain_id": copy.id, "copied_from": f"template:{source_template.id}"},
        )
    return CopiedDomain(copy, tuple(effects))


def template_names(domain: Domain) -> list[str]:
    return [t.name for t in domain.templates]


def _check_unique(db: Session, domain: Domain) -> None:
    others = select(Domain.id).where(Domain.id != domain.id) if domain.id else select(Domain.id)
    if db.scalar(others.where(Domain.name_key == domain.name_key)) is not None:
        raise DomainNameTaken(details={"field": "name"})
    if db.scalar(others.where(Domain.code_key == domain.code_key)) is not None:
        raise DomainCodeTaken(details={"field": "code"})


def _check_type_limits(db: Session, domain: Domain) -> None:
    if domain.service_type == "general":
        existing = db.scalar(
            select(Domain.id).where(Domain.service_type == "general", Domain.region == domain.region)
        )
        if existing is not None:
            raise GeneralDomainExists(details={"region": domain.region, "existing_id": existing})
    if domain.service_type == "document":
        count = db.scalar(
            select(func.count(Domain.id)).where(
                Domain.service_type == "document", Domain.recognition_model == domain.recognition_model
            )
        )
        if (count or 0) >= domain_rules.MAX_DOMAINS_PER_DOCUMENT_MODEL:
            raise SpecializedModelLimit(details={"recognition_model": domain.recognition_model})


def _flush_unique(db: Session) -> None:
    """Flush; a unique-index race that slipped past the checks still gets the right error code."""
    try:
        db.flush()
    except IntegrityError as exc:
        db.rollback()
        text = str(exc.orig).lower()
        if "code_key" in text:
            raise DomainCodeTaken(details={"field": "code"}) from exc
        if "ux_domains_general_region" in text or "domains.region" in text:
            raise GeneralDomainExists() from exc
        raise DomainNameTaken(details={"field": "name"}) from exc


def _order(sort: str) -> Any:
    descending = sort.startswith("-")
    column = _SORT_COLUMNS.get(sort.lstrip("-"))
    if column is None:
        raise InvalidQuery(
            f"sort must be one of {', '.join(sorted(_SORT_COLUMNS))} (prefix '-' for descending).",
            details={"field": "sort"},
        )
    return column.desc() if descending else column.asc()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
