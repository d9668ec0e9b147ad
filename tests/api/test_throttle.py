"""M2: the failed-authentication table forgets, so scanners cannot grow the server's memory."""

import pytest
from starlette.requests import Request

from hanji.api.throttle import FailedAuthThrottle
from hanji.core.errors import TooManyAttempts


def test_the_throttle_table_stays_bounded_and_still_throttles() -> None:
    throttle = FailedAuthThrottle(max_clients=100)
    request = Request({"type": "http", "client": ("198.51.100.7", 1234), "headers": []})
    for n in range(5000):  # random paths and scopes, as a scanner sends them
        throttle.fail(request, f"scope-{n}")
    assert throttle.tracked() <= 100
    for _ in range(10):
        throttle.fail(request, "scope-4999")
    with pytest.raises(TooManyAttempts):
        throttle.check(request, "scope-4999")
    throttle.check(request, "scope-0")  # forgotten, so not blocked
