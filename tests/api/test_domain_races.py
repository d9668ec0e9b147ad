"""M5 (in part): two General domains in one region cannot both be stored, even when both passed
the service's check before either was written (the race concurrent creates ran into): the
database holds the rule as a partial unique index, and the service answers its error code."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hanji.core.errors import GeneralDomainExists
from hanji.services.management import domains
from hanji.storage.database import make_engine, make_session_factory
from hanji.storage.models import Domain


def _general(n: int, region: str) -> Domain:
    return Domain(
        name=f"g{n}",
        name_key=f"g{n}",
        code=f"g{n}",
        code_key=f"g{n}",
        service_type="general",
        languages=["ko"],
        recognition_model="general",
        service_plan="basic",
        region=region,
    )


def test_the_database_refuses_a_second_general_domain_in_a_region(database_url: str) -> None:
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    try:
        with factory() as db:
            db.add(_general(1, "JP"))
            db.commit()
        with factory() as db:
            db.add(_general(2, "JP"))  # as if its check ran before the first was committed
            with pytest.raises(GeneralDomainExists):
                domains._flush_unique(db)
        with factory() as db:
            db.add(_general(3, "KR"))  # another region, and other service types, are not limited
            db.add(_template(4))
            db.commit()
    finally:
        engine.dispose()


def _template(n: int) -> Domain:
    domain = _general(n, "JP")
    domain.service_type, domain.recognition_model = "template", "premium"
    return domain


def _at_once(n: int, call: Callable[[int], Any]) -> list[Any]:
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def one(i: int) -> None:
        barrier.wait()
        results[i] = call(i)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.slow
def test_eight_creates_through_the_api_at_once_keep_the_limits(api: TestClient) -> None:
    """M5 replayed with real concurrent requests, as the console sends them."""

    def create(i: int, **body: Any) -> Any:
        return api.post("/api/v1/domains", json={"languages": ["ko"], "service_plan": "basic", **body})

    biz = _at_once(
        8,
        lambda i: create(
            i, name=f"biz {i}", code=f"biz{i}", service_type="document", recognition_model="biz-license"
        ),
    )
    assert sorted(r.status_code for r in biz) == [201] * 2 + [409] * 6
    assert {r.json()["error"]["code"] for r in biz if r.status_code == 409} == {"SPECIALIZED_MODEL_LIMIT"}
    general = _at_once(
        8,
        lambda i: create(
            i,
            name=f"gen {i}",
            code=f"gen{i}",
            service_type="general",
            recognition_model="general",
            region="JP",
        ),
    )
    assert sorted(r.status_code for r in general) == [201] + [409] * 7
    domain = create(0, name="keys", code="keys", service_type="template", recognition_model="premium").json()
    keys = _at_once(8, lambda i: api.post(f"/api/v1/domains/{domain['id']}/secret-keys"))
    assert sorted(r.status_code for r in keys) == [201] * 2 + [409] * 6
    assert len(api.get(f"/api/v1/domains/{domain['id']}/secret-keys").json()["data"]) == 2
