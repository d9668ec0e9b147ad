"""M5 (in part): two General domains in one region cannot both be stored, even when both passed
the service's check before either was written (the race concurrent creates ran into): the
database holds the rule as a partial unique index, and the service answers its error code."""

from __future__ import annotations

import pytest

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
