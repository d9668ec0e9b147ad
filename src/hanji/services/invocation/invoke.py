"""An invoke call end to end: check the request against its domain, run its flow, render CLOVA's JSON."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session, sessionmaker

from hanji.clova.request import InvokeRequest
from hanji.config import Settings
from hanji.core.errors import ClovaError, HanjiError, TableDetectionDisabled, UnknownServiceError
from hanji.core.wire import WireObject
from hanji.services.execution.executor import Executor
from hanji.services.invocation import template_runs
from hanji.services.invocation.flow import CallPlan, answer, file_limits, flow_request, run_flow
from hanji.services.invocation.inputs import languages_for, read_file_bytes
from hanji.services.invocation.outcome import InvokeOutcome
from hanji.services.invocation.recording import record_outcome
from hanji.services.limits.quota import check_quota
from hanji.services.management.gateway import ResolvedInvoke
from hanji.storage.models import Domain

log = logging.getLogger("hanji.invocations")


def call_plan(
    db: Session, domain: Domain, request: InvokeRequest, *, model: str, settings: Settings
) -> CallPlan:
    """What the call asks of its domain: languages checked, and a Template domain's candidates read
    while the session is open (the flow then runs with none held).

    Raises:
        RequestDomainInvalid: a language the domain does not enable.
        TableDetectionDisabled: tables asked of a General domain that does not allow them.
        DeployInfoNotFound: a Template domain with nothing deployed to service.
    """
    if request.enable_table_detection and not domain.table_extraction:
        raise TableDetectionDisabled()
    languages = tuple(languages_for(domain, request))
    templates = (
        tuple(
            template_runs.service_templates(
                db,
                domain_id=domain.id,
                wanted=request.image.template_ids,
                blobs=template_runs.blob_store(settings),
            )
        )
        if domain.service_type == "template"
        else ()
    )
    return CallPlan(domain.service_type, languages, model, templates)


def handle_invoke(
    *,
    session_factory: sessionmaker[Session],
    settings: Settings,
    executor: Executor,
    resolved: ResolvedInvoke,
    request: InvokeRequest,
    request_bytes: int,
    started: float,
) -> WireObject:
    """Run one authorised invoke call (its rate already taken by the route, before the body was read)
    and record it in the statistics, whatever its outcome."""
    domain = resolved.domain
    outcome: InvokeOutcome | None = None
    error: HanjiError | None = None
    try:
        # The session closes before OCR starts: a pool of N connections serves any number of
        # calls in flight, each holding one only for these few queries.
        with session_factory() as db:
            check_quota(db, domain=domain, monthly_quota=settings.monthly_quota(domain.service_plan))
            plan = call_plan(db, domain, request, model=resolved.model, settings=settings)
        # Document models read one page, from inline data only (CLOVA's rule).
        document = plan.service_type == "document"
        data = read_file_bytes(request, settings, allow_url=not document)
        limits = file_limits(settings, max_pages=1 if document else settings.max_pages)
        flow = flow_request(plan, request, data, limits)
        result = run_flow(executor, flow, timeout_s=settings.ocr_timeout_s)
        outcome = answer(request, result, plan=plan, settings=settings)
        return outcome.body
    except ClovaError as exc:
        error = exc
        raise
    except HanjiError as exc:
        error = UnknownServiceError()
        raise error from exc
    finally:
        record_outcome(session_factory, resolved, outcome, error, request_bytes, started)
