"""Templates of a Template domain: CRUD, sample image, deploy/undeploy, test runs (one template, or a
stage's deployed ones) and their previews."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import APIRouter, Body, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from hanji.api.uploads import fields_download, uploaded_image
from hanji.config import Settings
from hanji.core.errors import NotFound, ValidationFailed
from hanji.intake.limits import IntakeLimits
from hanji.services.invocation import template_runs
from hanji.services.management import templates
from hanji.services.management.templates import STAGES
from hanji.storage.blobs import BlobNotFound, BlobStore
from hanji.web.deps import CurrentCaller, DbSession, SettingsDep, base_url, get_runtime
from hanji.web.models.common import ERROR_RESPONSES, file_response
from hanji.web.models.templates import (
    TEST_RUN_BODY,
    TEST_RUN_FILES,
    TemplateCreate,
    TemplateDeploy,
    TemplateList,
    TemplateTestResult,
    TemplateUpdate,
    TemplateView,
    template_view,
)

router = APIRouter(
    prefix="/api/v1/domains/{domain_id}/templates", tags=["templates"], responses=ERROR_RESPONSES
)

# The bodies are optional: an empty one reaches the service, which names what is missing.
CreateBody = Body(default_factory=TemplateCreate)
UpdateBody = Body(default_factory=TemplateUpdate)
DeployBody = Body(default_factory=TemplateDeploy)
ExportFormat = Query(default="json", alias="format")
StageQuery = Query(
    description="`beta` or `service`: the deployment to match against.",
    json_schema_extra={"enum": list(STAGES)},
)
PNG_RESPONSE = file_response("image/png")


def _blobs(settings: Settings) -> BlobStore:
    return template_runs.blob_store(settings)


def _limits(settings: Settings) -> IntakeLimits:
    return IntakeLimits(max_bytes=settings.max_file_bytes, max_pages=1)


@router.get("")
def list_templates(
    domain_id: int, request: Request, caller: CurrentCaller, db: DbSession, settings: SettingsDep
) -> TemplateList:
    items = templates.list_templates(db, domain_id=domain_id)
    base = base_url(request, settings)
    return TemplateList(data=[template_view(t, base) for t in items], count=len(items))


@router.post("", status_code=201)
def create_template(
    domain_id: int,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
    body: TemplateCreate = CreateBody,
) -> TemplateView:
    """Create a draft template from a sample image (a PDF gives its first page) and its areas."""
    template = templates.create_template(
        db,
        domain_id=domain_id,
        body=body.changes(),
        blobs=_blobs(settings),
        limits=_limits(settings),
        actor=caller.operator.username,
        executor=get_runtime(request).executor,
    )
    return template_view(template, base_url(request, settings))


@router.get("/{template_id}")
def get_template(
    domain_id: int,
    template_id: int,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
) -> TemplateView:
    template = templates.get_template(db, domain_id=domain_id, template_id=template_id)
    return template_view(template, base_url(request, settings))


@router.patch("/{template_id}")
def update_template(
    domain_id: int,
    template_id: int,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
    body: TemplateUpdate = UpdateBody,
) -> TemplateView:
    template = templates.update_template(
        db,
        domain_id=domain_id,
        template_id=template_id,
        changes=body.changes(),
        blobs=_blobs(settings),
        limits=_limits(settings),
        actor=caller.operator.username,
        executor=get_runtime(request).executor,
    )
    return template_view(template, base_url(request, settings))


@router.delete("/{template_id}", status_code=204)
def delete_template(domain_id: int, template_id: int, caller: CurrentCaller, db: DbSession) -> Response:
    templates.delete_template(
        db, domain_id=domain_id, template_id=template_id, actor=caller.operator.username
    )
    return Response(status_code=204)


@router.get("/{template_id}/sample", response_class=Response, responses=PNG_RESPONSE)
def get_sample(
    domain_id: int, template_id: int, caller: CurrentCaller, db: DbSession, settings: SettingsDep
) -> Response:
    template = templates.get_template(db, domain_id=domain_id, template_id=template_id)
    if template.sample_blob is None:
        raise BlobNotFound("This template has no sample image.")
    return Response(_blobs(settings).get(template.sample_blob), media_type="image/png")


@router.post("/{template_id}/deploy")
def deploy(
    domain_id: int,
    template_id: int,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
    body: TemplateDeploy = DeployBody,
) -> TemplateView:
    template = templates.deploy_template(
        db,
        domain_id=domain_id,
        template_id=template_id,
        stage=body.stage,
        actor=caller.operator.username,
    )
    return template_view(template, base_url(request, settings))


@router.post("/{template_id}/undeploy")
def undeploy(
    domain_id: int,
    template_id: int,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
) -> TemplateView:
    template = templates.undeploy_template(
        db, domain_id=domain_id, template_id=template_id, actor=caller.operator.username
    )
    return template_view(template, base_url(request, settings))


def _export_format(export_format: str) -> str:
    if export_format not in ("json", "csv", "xlsx"):
        raise ValidationFailed("format is json, csv or xlsx", details={"field": "format"})
    return export_format


def _test_answer(
    request: Request,
    settings: Settings,
    *,
    domain_id: int,
    preview_template: int,
    run: template_runs.TemplateRun,
    export_format: str,
    filename: str,
) -> TemplateTestResult | Response:
    """The test run's JSON (with the signed preview URL, under ``preview_template``) or its download."""
    if export_format != "json":
        return fields_download(run.body, export_format, filename)
    base = base_url(request, settings).rstrip("/")
    prefix = f"{base}/api/v1/domains/{domain_id}/templates/{preview_template}"
    preview = None
    if run.previews:
        key = run.previews[0]
        preview = f"{prefix}/previews/{key}?sig={preview_signature(settings, preview_template, key)}"
    return TemplateTestResult.model_validate({**run.body, "preview_url": preview})


@router.post(
    "/test", response_model=TemplateTestResult, responses=TEST_RUN_FILES, openapi_extra=TEST_RUN_BODY
)
async def test_stage(
    domain_id: int,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
    stage: str = StageQuery,
    export_format: str = ExportFormat,
) -> TemplateTestResult | Response:
    """Match an image against the templates deployed to ``?stage=beta`` or ``?stage=service``, as a
    call to that stage would; ``images[].matchedTemplate`` says which one matched.

    Nothing deployed to the stage: 400 with CLOVA's code ``1021``. ``?format=csv|xlsx`` as for one
    template's test.
    """
    export_format = _export_format(export_format)
    if stage not in STAGES:
        raise ValidationFailed('stage is "beta" or "service"', details={"field": "stage"})
    data, declared_format = await uploaded_image(request, settings)
    runtime = get_runtime(request)
    domain = templates.template_domain(db, domain_id=domain_id)
    languages = list(domain.languages)
    candidates = template_runs.stage_templates(
        db, domain_id=domain_id, stage=stage, wanted=None, blobs=runtime.blobs
    )
    first_deployed = min(t.id for t in domain.templates if t.stage == stage)
    db.commit()  # gives the connection back to the pool before OCR starts
    run = await run_in_threadpool(
        lambda: template_runs.run_template_test(
            candidates,
            languages=languages,
            data=data,
            declared_format=declared_format,
            settings=settings,
            executor=runtime.executor,
        )
    )
    # The preview is signed for the template that matched (the stage's first when none did): the
    # preview route checks that template belongs to the domain, as for one template's test.
    matched = run.template_id if run.template_id is not None else first_deployed
    return _test_answer(
        request,
        settings,
        domain_id=domain_id,
        preview_template=matched,
        run=run,
        export_format=export_format,
        filename=f"templates-{stage}-test",
    )


@router.post(
    "/{template_id}/test",
    response_model=TemplateTestResult,
    responses=TEST_RUN_FILES,
    openapi_extra=TEST_RUN_BODY,
)
async def test_template(
    domain_id: int,
    template_id: int,
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
    export_format: str = ExportFormat,
) -> TemplateTestResult | Response:
    """Run this template on an image, as the invoke URL would; ``preview_url`` shows what was read.

    ``?format=csv`` or ``?format=xlsx`` returns the result's fields as a file download instead.
    """
    export_format = _export_format(export_format)
    data, declared_format = await uploaded_image(request, settings)
    runtime = get_runtime(request)
    candidate, languages = template_runs.test_candidate(
        db, domain_id=domain_id, template_id=template_id, blobs=runtime.blobs
    )
    db.commit()  # gives the connection back to the pool before OCR starts
    run = await run_in_threadpool(
        lambda: template_runs.run_template_test(
            [candidate],
            languages=languages,
            data=data,
            declared_format=declared_format,
            settings=settings,
            executor=runtime.executor,
        )
    )
    return _test_answer(
        request,
        settings,
        domain_id=domain_id,
        preview_template=template_id,
        run=run,
        export_format=export_format,
        filename=f"template-{template_id}-test",
    )


@router.get("/{template_id}/previews/{key}", response_class=Response, responses=PNG_RESPONSE)
def get_preview(
    domain_id: int,
    template_id: int,
    key: str,
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
    sig: str = "",
) -> Response:
    """A test run's preview, through the signed URL that run answered (no other blob is readable
    here, whatever its key)."""
    templates.get_template(db, domain_id=domain_id, template_id=template_id)
    if not hmac.compare_digest(sig, preview_signature(settings, template_id, key)):
        raise NotFound("No such preview.")
    return Response(_blobs(settings).get(key), media_type="image/png")


def preview_signature(settings: Settings, template_id: int, key: str) -> str:
    """HMAC of a preview's template and blob key with the server key: the URL's proof."""
    message = f"template-preview:{template_id}:{key}".encode()
    return hmac.new(settings.secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]
