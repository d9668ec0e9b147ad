"""SQLAlchemy models. Only services import this module."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware UTC datetimes and gives them back aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Operator(Base):
    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="admin", server_default="admin")
    """``admin``, ``editor`` or ``viewer`` (``services.management.access``)."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime | None] = mapped_column(default=None)

    scope: Mapped[list[OperatorDomain]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    """The domains an editor or viewer is given; none: every domain."""


class OperatorDomain(Base):
    __tablename__ = "operator_domains"
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id", ondelete="CASCADE"), primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id", ondelete="CASCADE"), primary_key=True)


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    """None: never (tokens made before expiry existed)."""


class WebSession(Base):
    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()


class Domain(Base):
    __tablename__ = "domains"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    code: Mapped[str] = mapped_column(String(50))
    code_key: Mapped[str] = mapped_column(String(200), unique=True)
    service_type: Mapped[str] = mapped_column(String(16), index=True)
    languages: Mapped[list[Any]] = mapped_column()
    recognition_model: Mapped[str] = mapped_column(String(32))
    service_plan: Mapped[str] = mapped_column(String(16))
    region: Mapped[str] = mapped_column(String(8))
    table_extraction: Mapped[bool] = mapped_column(Boolean, default=False)
    webhook_url: Mapped[str | None] = mapped_column(Text, default=None)
    webhook_secret: Mapped[str | None] = mapped_column(String(64), default=None)
    """HMAC key signing this domain's webhook bodies; made on first use, shown to operators only."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    templates: Mapped[list[Template]] = relationship(
        back_populates="domain", cascade="all, delete-orphan", order_by="Template.id"
    )
    endpoints: Mapped[list[InvokeEndpoint]] = relationship(
        back_populates="domain", cascade="all, delete-orphan", order_by="InvokeEndpoint.id"
    )
    secret_keys: Mapped[list[SecretKey]] = relationship(
        back_populates="domain", cascade="all, delete-orphan", order_by="SecretKey.id"
    )

    __table_args__ = (
        # One General domain per region, held by the database itself: concurrent creates that all
        # pass the service's check still cannot all commit.
        Index(
            "ux_domains_general_region",
            "region",
            unique=True,
            sqlite_where=text("service_type = 'general'"),
            postgresql_where=text("service_type = 'general'"),
        ),
    )


class Template(Base):
    __tablename__ = "templates"
    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    definition: Mapped[dict[str, Any]] = mapped_column()
    """Title area, fields and table areas as the management API shows them."""
    sample_blob: Mapped[str | None] = mapped_column(String(255), default=None)
    stage: Mapped[str] = mapped_column(String(16), default="draft")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    domain: Mapped[Domain] = relationship(back_populates="templates")


class InvokeEndpoint(Base):
    __tablename__ = "invoke_endpoints"
    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    invoke_key: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    domain: Mapped[Domain] = relationship(back_populates="endpoints")


class SecretKey(Base):
    __tablename__ = "secret_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domains.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)

    domain: Mapped[Domain] = relationship(back_populates="secret_keys")


class Call(Base):
    """One invoke call, kept for statistics after its domain is deleted (no image kept)."""

    __tablename__ = "calls"
    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(Integer)
    domain_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    template_id: Mapped[int | None] = mapped_column(Integer, default=None)
    endpoint_kind: Mapped[str] = mapped_column(String(16))
    pages: Mapped[int] = mapped_column(Integer, default=0)
    success: Mapped[bool] = mapped_column(Boolean)
    error_code: Mapped[str | None] = mapped_column(String(8), default=None)
    latency_ms: Mapped[int] = mapped_column(Integer)
    request_bytes: Mapped[int] = mapped_column(Integer, default=0)
    table_pages: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_calls_domain_at", "domain_id", "at"),)


class AuditEvent(Base):
    """Who changed what and when: keys, URLs, domains, tokens."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(128))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Job(Base):
    """An async invoke call: queued, run (split into page parts), finished with a result or an error."""

    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    domain_id: Mapped[int] = mapped_column(Integer, index=True)
    endpoint_kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    pages_total: Mapped[int] = mapped_column(Integer, default=0)
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    request: Mapped[dict[str, Any]] = mapped_column()
    """The invoke request without the file bytes, plus the resolved languages and model."""
    input_key: Mapped[str | None] = mapped_column(String(64), default=None)
    result_key: Mapped[str | None] = mapped_column(String(64), default=None)
    pdf_key: Mapped[str | None] = mapped_column(String(64), default=None)
    """The searchable PDF of a succeeded job (``GET …/jobs/{id}/pdf``), unless HANJI_JOB_PDF is off."""
    error_code: Mapped[str | None] = mapped_column(String(8), default=None)
    error_message: Mapped[str | None] = mapped_column(Text, default=None)
    webhook_url: Mapped[str | None] = mapped_column(Text, default=None)
    webhook_attempts: Mapped[int] = mapped_column(Integer, default=0)
    webhook_delivered_at: Mapped[datetime | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)

    parts: Mapped[list[JobPart]] = relationship(
        back_populates="job", cascade="all, delete-orphan", order_by="JobPart.index"
    )


class JobPart(Base):
    """A run of consecutive pages of a job, OCR'd by one task; parts run in parallel."""

    __tablename__ = "job_parts"
    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    first_page: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer)
    input_key: Mapped[str] = mapped_column(String(64))
    result_key: Mapped[str | None] = mapped_column(String(64), default=None)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)

    job: Mapped[Job] = relationship(back_populates="parts")

    __table_args__ = (Index("ix_job_parts_job_index", "job_id", "index", unique=True),)


class NamedLock(Base):
    """A row per lock name (``storage.locks.hold``): what rules that count rows are checked under."""

    __tablename__ = "named_locks"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    taken: Mapped[int] = mapped_column(Integer, default=0)
