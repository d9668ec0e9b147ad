"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from hanji.core.errors import NotFound
from hanji.web.deps import RuntimeDep
from hanji.web.models.common import ERROR_RESPONSES, file_response
from hanji.web.models.health import Health, Readiness

router = APIRouter(tags=["health"], responses=ERROR_RESPONSES)
METRICS_RESPONSE = file_response(CONTENT_TYPE_LATEST, binary=False, description="Prometheus text format.")


@router.get("/healthz")
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", responses={503: {"model": Readiness, "description": "A check failed."}})
def readyz(runtime: RuntimeDep, response: Response) -> Readiness:
    checks: dict[str, str] = {}
    try:
        with runtime.session_factory() as db:
            db.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # readiness reports any failure instead of raising
        checks["database"] = f"error: {type(exc).__name__}"
    checks["ocr_workers"] = "ok" if runtime.ocr_ready.is_set() else "loading"
    ready = all(v == "ok" for v in checks.values())
    response.status_code = 200 if ready else 503
    return Readiness(status="ready" if ready else "not ready", checks=checks)


@router.get("/metrics", response_class=Response, responses=METRICS_RESPONSE)
def metrics(runtime: RuntimeDep) -> Response:
    if not runtime.settings.expose_metrics:
        raise NotFound("No such path.")
    return Response(generate_latest(runtime.metrics.registry), media_type=CONTENT_TYPE_LATEST)
