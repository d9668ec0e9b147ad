"""M5: rules that count rows hold when writers race, on SQLite and PostgreSQL alike.

Eight threads start together (a barrier), each in its own session as eight requests would be.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from hanji.core.errors import HanjiError
from hanji.services.management import domains, gateway
from hanji.storage.database import make_engine, make_session_factory, transaction
from hanji.storage.models import Domain, SecretKey, Template

WRITERS = 8


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url, pool_size=WRITERS)
    yield make_session_factory(engine)
    engine.dispose()


def race(
    factory: sessionmaker[Session], work: Callable[[Session, int], Any], n: int = WRITERS
) -> Counter[str]:
    """Run ``work`` in ``n`` threads at once, each in its own transaction; count the outcomes."""
    barrier = threading.Barrier(n)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def one(i: int) -> None:
        barrier.wait()
        try:
            with transaction(factory) as db:
                work(db, i)
            outcome = "ok"
        except HanjiError as exc:
            outcome = type(exc).__name__
        except Exception as exc:  # anything else is a bug the test must show, not hide
            outcome = f"crash: {exc!r}"
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _create(service_type: str, model: str, prefix: str) -> Callable[[Session, int], Any]:
    def work(db: Session, i: int) -> Any:
        return domains.create_domain(
            db,
            name=f"{prefix} {i}",
            code=f"{prefix}{i}",
            service_type=service_type,
            languages=["ko"],
            recognition_model=model,
        )

    return work


def _count(factory: sessionmaker[Session], query: Any) -> int:
    with factory() as db:
        return int(db.scalar(query) or 0)


def test_eight_document_creates_at_once_make_two_per_model(factory: sessionmaker[Session]) -> None:
    outcomes = race(factory, _create("document", "biz-license", "biz"))
    assert outcomes == Counter({"ok": 2, "SpecializedModelLimit": WRITERS - 2})
    assert _count(factory, select(func.count(Domain.id)).where(Domain.service_type == "document")) == 2


def test_eight_general_creates_at_once_make_one_per_region(factory: sessionmaker[Session]) -> None:
    outcomes = race(factory, _create("general", "general", "gen"))
    assert outcomes == Counter({"ok": 1, "GeneralDomainExists": WRITERS - 1})


def test_eight_secret_key_creates_at_once_make_two(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as db:
        domain_id = _create("template", "premium", "keys")(db, 0).id

    def work(db: Session, _: int) -> Any:
        domain = domains.get_domain(db, domain_id=domain_id)
        return gateway.create_secret_key(db, domain=domain, server_key="k" * 32)

    outcomes = race(factory, work)
    assert outcomes == Counter({"ok": 2, "SecretKeyLimit": WRITERS - 2})
    assert _count(factory, select(func.count(SecretKey.id))) == 2


def _delete_or_copy(source_id: int, code: str, prefix: str) -> Callable[[Session, int], Any]:
    def work(db: Session, i: int) -> Any:
        if i == 0:
            return domains.delete_domain(db, domain_id=source_id, confirm=code)
        return domains.copy_domain(db, domain_id=source_id, name=f"{prefix} copy", code=f"{prefix}{i}")

    return work


def _delete_or_copy(source_id: int, code: str, prefix: str) -> Callable[[Session, int], Any]:
    def work(db: Session, i: int) -> Any:
        if i == 0:
            return domains.delete_domain(db, domain_id=source_id, confirm=code)
        return domains.copy_domain(db, domain_id=source_id, name=f"{prefix} copy", code=f"{prefix}{i}")

    return work


def test_a_copy_racing_a_delete_is_whole_or_refused(factory: sessionmaker[Session]) -> None:
    for round_ in range(4):
        with transaction(factory) as db:
            source = _create("template", "premium", f"src{round_}")(db, 0)
            for n in range(3):
                source.templates.append(Template(name=f"t{n}", definition={"fields": []}, stage="draft"))
            source_id, code = source.id, source.code

        outcomes = race(factory, _delete_or_copy(source_id, code, f"c{round_}x"), n=2)
        assert not [o for o in outcomes if o.startswith("crash")], outcomes
        assert outcomes["ok"] >= 1 and set(outcomes) <= {"ok", "DomainNotFound"}
        with factory() as db:
            for copy in db.scalars(select(Domain).where(Domain.code_key.like(f"c{round_}x%"))):
                assert len(copy.templates) == 3  # whole: never a copy with the templates gone
