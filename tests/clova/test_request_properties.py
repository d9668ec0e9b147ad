"""Property: whatever a client sends, parsing answers with a request or a ClovaError, never a crash."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hanji.clova.request import InvokeRequest, parse_json_request, parse_multipart_request
from hanji.core.errors import ClovaError

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["V1", "V2", "ko", "ko, ja", "true", "false", "jpg", "png", "1723455986947", "QUJD"])
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
IMAGE_KEYS = st.sampled_from(["format", "name", "data", "url", "templateIds"])
image_objects = st.dictionaries(IMAGE_KEYS, json_values, max_size=5)
REQUEST_KEYS = ["version", "requestId", "timestamp", "lang", "enableTableDetection", "enableKeyValue"]
requests = st.fixed_dictionaries(
    {},
    optional={
        **{key: json_values for key in REQUEST_KEYS},
        "images": st.lists(image_objects, max_size=2) | json_values,
    },
)


def parses_or_refuses(call: Any, *args: Any) -> None:
    try:
        result = call(*args)
    except ClovaError as error:
        assert error.code in {"0011", "0021", "0022"}
        assert error.http_status == 400
    else:
        assert isinstance(result, InvokeRequest)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw: bytes) -> None:
    parses_or_refuses(parse_json_request, raw)


@SETTINGS
@given(requests)
def test_arbitrary_request_shaped_json(request: dict[str, Any]) -> None:
    parses_or_refuses(parse_json_request, json.dumps(request).encode())


@SETTINGS
@given(json_values)
def test_arbitrary_json(value: Any) -> None:
    parses_or_refuses(parse_json_request, json.dumps(value).encode())


@SETTINGS
@given(
    st.one_of(st.none(), st.text(max_size=80), st.binary(max_size=80), requests.map(json.dumps)),
    st.one_of(st.none(), st.binary(max_size=20)),
    st.one_of(st.none(), st.text(max_size=20)),
)
def test_arbitrary_multipart(message: Any, file: bytes | None, filename: str | None) -> None:
    parses_or_refuses(parse_multipart_request, message, file, filename)
