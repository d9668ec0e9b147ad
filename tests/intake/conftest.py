"""Fixtures for the intake tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .local_server import LocalServer, serve


@pytest.fixture(scope="module")
def image_server() -> Iterator[LocalServer]:
    local, server, thread = serve()
    try:
        yield local
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
