"""Flow requests and results cross processes as JSON made from their types: what a Celery worker
receives is the request that was sent, and what comes back is the result the flow returned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hanji.core.errors import UnknownServiceError
from hanji.intake.limits import IntakeLimits
from hanji.pipeline.document import DocumentRequest
from hanji.pipeline.flows import FLOWS, Ping, warm_request
from hanji.pipeline.general import GeneralRequest
from hanji.pipeline.inputs import FileInput
from hanji.pipeline.samples import SampleRequest, TitleRequest
from hanji.pipeline.task import Task, decode_result, decode_task, encode_result, encode_task, task_types
from hanji.pipeline.template import TemplateRequest
from hanji.pipeline.warm_page import LINES
from hanji.templates.candidates import TemplateSpec

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ocr" / "en_receipt.jpg"
FILE = FileInput(b"\x89PNG\r\n", "png", IntakeLimits(max_pages=3))
SPEC = TemplateSpec(7, "신청서", '{"fields": []}', "key", b"\x89PNG", "https://validate.example/")
REQUESTS: list[Task[object]] = [
    GeneralRequest(FILE, ("ko", "en"), tables=True, key_values=True),
    DocumentRequest(FILE, "receipt", ("ko",)),
    TemplateRequest(FILE, (SPEC,), ("ko",), preview=True),
    SampleRequest(FILE),
    TitleRequest(b"png", (1.0, 2.0, 3.0, 4.0), ("ja",)),
    Ping(),
]


def _wire(value: object) -> object:
    return json.loads(json.dumps(value))


@pytest.mark.parametrize("request_", REQUESTS, ids=[r.kind for r in REQUESTS])
def test_every_request_comes_back_as_sent(request_: Task[object]) -> None:
    assert decode_task(_wire(encode_task(request_))) == request_  # type: ignore[arg-type]


def test_every_task_and_service_type_is_registered() -> None:
    assert set(task_types()) == {
        "general",
        "document",
        "template",
        "template_sample",
        "template_title",
        "ping",
    }
    assert {kind: cls.kind for kind, cls in FLOWS.items()} == {k: k for k in FLOWS}


def test_an_unknown_or_misshapen_message_is_a_clear_error() -> None:
    with pytest.raises(UnknownServiceError):
        decode_task({"kind": "format_disk", "request": {}})
    with pytest.raises(UnknownServiceError):
        decode_task({"kind": "general", "request": {"file": "nope"}})


@pytest.mark.slow
def test_a_general_result_read_on_the_other_side_is_the_flow_result() -> None:
    request = GeneralRequest(FileInput(SAMPLE.read_bytes(), "jpg", IntakeLimits()), ("en",), key_values=True)
    received = decode_task(_wire(encode_task(request)))  # type: ignore[arg-type]
    result = received.run()
    assert decode_result(request, _wire(encode_result(received, result))) == result  # type: ignore[arg-type]
    assert "JOHOR" in result.pages[0].text


def test_the_warm_up_call_is_a_real_general_call_on_a_printed_page() -> None:
    request = warm_request()
    assert decode_task(_wire(encode_task(request))) == request  # it crosses to a worker like any call
    document = request.run()
    assert len(document.pages) == 1 and document.pages[0].error is None
    text = document.pages[0].text
    # Every line is read, so the recognisers ran on a page's worth of batches, not only the detector.
    assert len(document.pages[0].lines) >= 2 * len(LINES) - 2, text
    assert "Amount due" in text and "143,000" in text, text
