"""Templates of a Template domain: create, read, update, delete, deploy, with the spec's rules.

A template row keeps its definition as JSON (title area, fields, tables, combinations, ``validation_url``
and the sample's size) and its sample image, decoded to PNG, in the blob store under ``sample_blob``.
A title area given without its text has that text read from the sample once, on save, and kept as
``sample.title_text``: matching compares it with every input's title without OCRing the sample again.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanji.core.errors import Conflict, HanjiError, NotFound, PremiumFeature, ValidationFailed
from hanji.intake.limits import IntakeLimits
from hanji.pipeline.inputs import FileInput
from hanji.pipeline.samples import SampleRequest, TitleRequest
from hanji.services.execution.executor import Executor
from hanji.services.management import audit
from hanji.services.management.domains import get_domain
from hanji.services.management.template_features import premium_features
from hanji.storage.blobs import BlobStore
from hanji.storage.database import release_connection
from hanji.storage.models import Domain, Template, utcnow
from hanji.templates.candidates import TemplateSpec
from hanji.templates.schema import parse_definition

STAGES: Final = ("beta", "service")
DEFINITION_KEYS: Final = ("title", "fields", "tables", "combine")
TITLE_READ_TIMEOUT_S: Final = 60.0
SAMPLE_READ_TIMEOUT_S: Final = 60.0
log = logging.getLogger("hanji.templates")


class NotATemplateDomain(Conflict):
    code = "NOT_A_TEMPLATE_DOMAIN"
    default_message = "Templates belong to Template domains; this domain is of another type."


class TemplateNotFound(NotFound):
    code = "TEMPLATE_NOT_FOUND"
    default_message = "No template with that id in this domain."


def template_domain(db: Session, *, domain_id: int) -> Domain:
    domain = get_domain(db, domain_id=domain_id)
    if domain.service_type != "template":
        raise NotATemplateDomain(details={"service_type": domain.service_type})
    return domain


def list_templates(db: Session, *, domain_id: int) -> list[Template]:
    return list(template_domain(db, domain_id=domain_id).templates)


def get_template(db: Session, *, domain_id: int, template_id: int) -> Template:
    template_domain(db, domain_id=domain_id)
    template = db.scalar(select(Template).where(Template.id == template_id, Template.domain_id == domain_id))
    if template is None:
        raise TemplateNotFound()
    return template


def store_sample(
    blobs: BlobStore, sample: Any, *, limits: IntakeLimits, executor: Executor | None
) -> tuple[str, int, int]:
    """Decode ``{"format", "data": base64}`` (a PDF gives its first page) and store it as PNG.

    The decoding runs on ``executor`` (a worker process: a hostile sample costs it, not the
    server); without one, here.

    Returns:
        The blob key and the sample's width and height.
    """
    if not isinstance(sample, dict) or not isinstance(sample.get("data"), str):
        raise ValidationFailed(
            'sample_image is {"format": "png", "data": "<base64>"}', details={"field": "sample_image"}
        )
    try:
        data = base64.b64decode(sample["data"], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed(
            "sample_image.data is not valid base64", details={"field": "sample_image.data"}
        ) from None
    declared = sample.get("format")
    task = SampleRequest(FileInput(data, declared if isinstance(declared, str) else None, limits))
    try:
        decoded = task.run() if executor is None else executor.run(task, SAMPLE_READ_TIMEOUT_S)
    except HanjiError as exc:  # intake's CLOVA codes: here it is a management-API validation error
        raise ValidationFailed(f"sample_image: {exc.message}", details={"field": "sample_image"}) from None
    return blobs.put(decoded.png), decoded.width, decoded.height


def _checked_definition(domain: Domain, body: dict[str, Any], size: tuple[int, int]) -> dict[str, Any]:
    """Validate the definition part of a body; a Basic domain refuses Premium features."""
    parsed = parse_definition(body, sample_size=size).export()
    if domain.recognition_model == "basic":
        found = premium_features(parsed)
        if found:
            raise PremiumFeature(
                f"A Basic domain cannot use: {'; '.join(found)}.", details={"features": found}
            )
    return parsed


def _keep_title_text(
    definition: dict[str, Any], sample_png: bytes, *, languages: list[str], executor: Executor | None
) -> None:
    """Read the title area's text from the sample into ``sample.title_text`` (title given without text).

    Without an executor, or when OCR fails, nothing is kept and matching reads the sample itself.
    """
    sample = definition["sample"]
    sample.pop("title_text", None)
    title = definition.get("title")
    if title is None or title.get("text") or executor is None:
        return
    try:
        x, y, w, h = (float(v) for v in title["box"])
        text = executor.run(TitleRequest(sample_png, (x, y, w, h), tuple(languages)), TITLE_READ_TIMEOUT_S)
    except HanjiError as exc:
        log.warning("title text of the sample not read: %s", exc)
        return
    sample["title_text"] = text


def _validation_url(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not value.startswith(("http://", "https://")) or len(value) > 2000:
        raise ValidationFailed("validation_url must be an http(s) URL", details={"field": "validation_url"})
    return value


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > 100:
        raise ValidationFailed(
            "name is a non-empty string of at most 100 characters", details={"field": "name"}
        )
    return value.strip()


def create_template(
    db: Session,
    *,
    domain_id: int,
    body: dict[str, Any],
    blobs: BlobStore,
    limits: IntakeLimits,
    actor: str,
    executor: Executor | None = None,
) -> Template:
    """Create a draft template from the API body (``name``, ``sample_image``, title, fields, tables, combine).

    ``executor`` reads the title text from the sample (see the module docstring).
    """
    domain = template_domain(db, domain_id=domain_id)
    name = _name(body.get("name"))
    if body.get("sample_image") is None:
        raise ValidationFailed("sample_image is required", details={"field": "sample_image"})
    if executor is not None:
        release_connection(db)  # only reads so far: nothing is held while the sample and title are read
    key, width, height = store_sample(blobs, body["sample_image"], limits=limits, executor=executor)
    definition = _checked_definition(domain, body, (width, height))
    definition["sample"] = {"width": width, "height": height}
    definition["validation_url"] = _validation_url(body.get("validation_url"))
    _keep_title_text(definition, blobs.get(key), languages=list(domain.languages), executor=executor)
    template = Template(domain_id=domain.id, name=name, definition=definition, sample_blob=key, stage="draft")
    db.add(template)
    domain.updated_at = utcnow()
    db.flush()
    audit.record(db, actor=actor, action="template.create", target=f"template:{template.id}")
    return template


def update_template(
    db: Session,
    *,
    domain_id: int,
    template_id: int,
    changes: dict[str, Any],
    blobs: BlobStore,
    limits: IntakeLimits,
    actor: str,
    executor: Executor | None = None,
) -> Template:
    """Apply a PATCH: any of name, sample_image, title, fields, tables, combine, validation_url.

    Bumps ``version``; a new sample or title area has its title text read again (see ``create_template``).
    """
    template = get_template(db, domain_id=domain_id, template_id=template_id)
    definition = dict(template.definition)
    definition["sample"] = dict(definition["sample"])
    # Everything is worked out before anything is set on the template, so the title can be read
    # with no connection held (see release_connection) and nothing half-changed is ever flushed.
    name = _name(changes["name"]) if "name" in changes else template.name
    sample_blob = template.sample_blob
    if changes.get("sample_image") is not None:
        if executor is not None:
            release_connection(db)
        sample_blob, width, height = store_sample(
            blobs, changes["sample_image"], limits=limits, executor=executor
        )
        definition["sample"] = {"width": width, "height": height}
    if "validation_url" in changes:
        definition["validation_url"] = _validation_url(changes["validation_url"])
    merged = {k: changes.get(k, definition.get(k)) for k in DEFINITION_KEYS}
    title = changes.get("title")
    if title is not None and not isinstance(title, dict):
        raise ValidationFailed("title is an object with a box.", details={"field": "title"})
    if title is not None and "text" not in title:
        merged["title"] = {
            k: v for k, v in changes["title"].items() if k != "text"
        }  # re-read from the sample
    size = (definition["sample"]["width"], definition["sample"]["height"])
    languages = list(template.domain.languages)
    definition.update(_checked_definition(template.domain, merged, size))
    stale = "title" in changes or changes.get("sample_image") is not None
    if (stale or "title_text" not in definition["sample"]) and sample_blob is not None:
        if executor is not None:
            release_connection(db)
        _keep_title_text(definition, blobs.get(sample_blob), languages=languages, executor=executor)
    template.name, template.sample_blob = name, sample_blob
    template.definition = definition
    template.version += 1
    template.updated_at = utcnow()
    audit.record(db, actor=actor, action="template.update", target=f"template:{template.id}")
    return template


def delete_template(db: Session, *, domain_id: int, template_id: int, actor: str) -> None:
    # The sample blob stays: copied domains share it (content-addressed, so nothing else can reuse the key).
    template = get_template(db, domain_id=domain_id, template_id=template_id)
    db.delete(template)
    audit.record(db, actor=actor, action="template.delete", target=f"template:{template_id}")


def deploy_template(db: Session, *, domain_id: int, template_id: int, stage: Any, actor: str) -> Template:
    if stage not in STAGES:
        raise ValidationFailed('stage must be "beta" or "service"', details={"field": "stage"})
    template = get_template(db, domain_id=domain_id, template_id=template_id)
    template.stage = stage
    template.updated_at = utcnow()
    audit.record(
        db, actor=actor, action="template.deploy", target=f"template:{template_id}", details={"stage": stage}
    )
    return template


def undeploy_template(db: Session, *, domain_id: int, template_id: int, actor: str) -> Template:
    template = get_template(db, domain_id=domain_id, template_id=template_id)
    template.stage = "draft"
    template.updated_at = utcnow()
    audit.record(db, actor=actor, action="template.undeploy", target=f"template:{template_id}")
    return template


def task_template(template: Template, blobs: BlobStore) -> TemplateSpec:
    """What the Template flow needs about one candidate template, read while the session is open."""
    if template.sample_blob is None:
        raise ValidationFailed(f"template {template.id} has no sample image")
    url = template.definition.get("validation_url")
    return TemplateSpec(
        id=template.id,
        name=template.name,
        definition_json=json.dumps(template.definition, ensure_ascii=False),
        sample_key=template.sample_blob,
        sample=blobs.get(template.sample_blob),
        validation_url=url if isinstance(url, str) else None,
    )
