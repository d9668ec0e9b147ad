"""M2: the failed-authentication table forgets, so scanners cannot grow the server's memory."""

import pytest

from hanji.core.errors import TooManyAttempts
from hanji.services.limits.failures import FailedAuthThrottle


def test_the_throttle_table_stays_bounded_and_still_throttles() -> None:
    throttle = FailedAuthThrottle(max_clients=100)
    address = "198.51.100.7"
    for n in range(5000):  # random paths and scopes, as a scanner sends them
        throttle.fail(address, f"scope-{n}")
    assert throttle.tracked() <= 100
    for _ in range(10):
        throttle.fail(address, "scope-4999")
    with pytest.raises(TooManyAttempts):
        throttle.check(address, "scope-4999")
    throttle.check(address, "scope-0")  # forgotten, so not blocked
