"""Typed receipt and business-licence clients (``images[0].receipt.result…``,
``images[0].bizLicense.result.registerNumber[0].text``) on rendered Korean documents, real engines;
the licence once more through the async jobs API, which must bind to the very same values."""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from typing import Any

import pytest
from benchmarks.synthetic import biz_license
from fastapi.testclient import TestClient
from PIL import Image

from tests.clients.endpoints import Endpoint, clova_body, open_endpoint, png_bytes
from tests.clients.pages import BIZ_NUMBER, receipt_page
from tests.clients.strict_json import (
    BoundingPoly,
    WireShapeError,
    as_object,
    child,
    children,
    number,
    string,
)

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class ValueObject:
    """One extracted value, every key the spec lists for it required."""

    text: str
    formatted: dict[str, str]
    key_text: str
    confidence_score: float
    bounding_polys: tuple[BoundingPoly, ...]
    masking_polys: tuple[BoundingPoly, ...]

    @classmethod
    def read(cls, value: Any, path: str) -> ValueObject:
        raw = as_object(value, path)
        formatted = child(raw, "formatted", path)
        polys = children(raw, "boundingPolys", path)
        masks = children(raw, "maskingPolys", path)
        return cls(
            text=string(raw, "text", path),
            formatted={k: string(formatted, k, f"{path}.formatted") for k in formatted},
            key_text=string(raw, "keyText", path),  # "" when no label was found, never missing
            confidence_score=number(raw, "confidenceScore", path),
            bounding_polys=tuple(
                BoundingPoly.read(p, f"{path}.boundingPolys[{i}]") for i, p in enumerate(polys)
            ),
            masking_polys=tuple(
                BoundingPoly.read(p, f"{path}.maskingPolys[{i}]") for i, p in enumerate(masks)
            ),
        )


def value_at(parent: Any, key: str, path: str) -> ValueObject:
    return ValueObject.read(child(parent, key, path), f"{path}.{key}")


def optional_value(parent: Any, key: str, path: str) -> ValueObject | None:
    return value_at(parent, key, path) if key in parent else None


def first_value(parent: Any, key: str, path: str) -> ValueObject:
    """``result.registerNumber[0]``: the list client code indexes blindly must have an element."""
    listed = children(parent, key, path)
    if not listed:
        raise WireShapeError(f"{path}.{key}: empty list")
    return ValueObject.read(listed[0], f"{path}.{key}[0]")


def model_result(answer: dict[str, Any], key: str) -> Any:
    """``images[0].<model key>.result``, after checking the entry succeeded and names its language."""
    image = as_object(children(answer, "images", "$")[0], "$.images[0]")
    assert string(image, "inferResult", "$.images[0]") == "SUCCESS", image.get("message")
    model = child(image, key, "$.images[0]")
    string(child(model, "meta", f"$.images[0].{key}"), "estimatedLanguage", f"$.images[0].{key}.meta")
    return child(model, "result", f"$.images[0].{key}")


@dataclass(frozen=True)
class ReceiptItem:
    name: ValueObject
    count: ValueObject | None
    price: ValueObject
    unit_price: ValueObject | None


@dataclass(frozen=True)
class Receipt:
    store_name: ValueObject
    biz_num: ValueObject
    addresses: tuple[ValueObject, ...]
    date: ValueObject
    time: ValueObject | None
    total_price: ValueObject
    items: tuple[ReceiptItem, ...]


def read_receipt(answer: dict[str, Any]) -> Receipt:
    result = model_result(answer, "receipt")
    at = "$.images[0].receipt.result"
    store, payment = child(result, "storeInfo", at), child(result, "paymentInfo", at)
    items = []
    for s, sub in enumerate(children(result, "subResults", at) if "subResults" in result else []):
        for i, raw in enumerate(children(as_object(sub, at), "items", at)):
            path = f"{at}.subResults[{s}].items[{i}]"
            prices = child(raw, "price", path)
            items.append(
                ReceiptItem(
                    name=value_at(raw, "name", path),
                    count=optional_value(raw, "count", path),
                    price=value_at(prices, "price", f"{path}.price"),
                    unit_price=optional_value(prices, "unitPrice", f"{path}.price"),
                )
            )
    # A field with nothing found is omitted (the spec): the client treats the list as optional.
    addresses = children(store, "addresses", f"{at}.storeInfo") if "addresses" in store else []
    return Receipt(
        store_name=value_at(store, "name", f"{at}.storeInfo"),
        biz_num=value_at(store, "bizNum", f"{at}.storeInfo"),
        addresses=tuple(
            ValueObject.read(a, f"{at}.storeInfo.addresses[{i}]") for i, a in enumerate(addresses)
        ),
        date=value_at(payment, "date", f"{at}.paymentInfo"),
        time=optional_value(payment, "time", f"{at}.paymentInfo"),
        total_price=value_at(child(result, "totalPrice", at), "price", f"{at}.totalPrice"),
        items=tuple(items),
    )


@dataclass(frozen=True)
class BizLicense:
    tax_type: ValueObject
    register_number: ValueObject
    rep_name: ValueObject
    company_name: ValueObject | None
    corp_name: ValueObject | None
    open_date: ValueObject
    bis_address: ValueObject


def read_biz_license(answer: dict[str, Any]) -> BizLicense:
    result = model_result(answer, "bizLicense")
    at = "$.images[0].bizLicense.result"
    return BizLicense(
        tax_type=first_value(result, "taxType", at),
        register_number=first_value(result, "registerNumber", at),
        rep_name=first_value(result, "repName", at),
        company_name=first_value(result, "companyName", at) if "companyName" in result else None,
        corp_name=first_value(result, "corpName", at) if "corpName" in result else None,
        open_date=first_value(result, "openDate", at),
        bis_address=first_value(result, "bisAddress", at),
    )


@pytest.fixture(scope="module")
def receipts(hanji: TestClient) -> Endpoint:
    return open_endpoint(
        hanji, name="receipts", code="receipts", service_type="document", recognition_model="receipt"
    )


@pytest.fixture(scope="module")
def licences(hanji: TestClient) -> Endpoint:
    return open_endpoint(
        hanji, name="licences", code="licences", service_type="document", recognition_model="biz-license"
    )


@pytest.fixture(scope="module")
def receipt_answer(hanji: TestClient, receipts: Endpoint) -> dict[str, Any]:
    return receipts.call(hanji, clova_body(png_bytes(receipt_page().image)))


def test_receipt_client_reads_store_payment_total_and_items(receipt_answer: dict[str, Any]) -> None:
    receipt = read_receipt(receipt_answer)
    assert receipt.store_name.text == "(주)한빛마트 망원점"
    assert receipt.biz_num.text == BIZ_NUMBER
    assert receipt.biz_num.formatted == {"value": BIZ_NUMBER.replace("-", "")}
    assert receipt.date.text == "2026-03-05"
    assert receipt.date.formatted == {"year": "2026", "month": "03", "day": "05"}
    assert receipt.time is not None and receipt.time.formatted == {
        "hour": "14",
        "minute": "22",
        "second": "31",
    }
    assert receipt.total_price.text == "10,800" and receipt.total_price.formatted == {"value": "10800"}
    assert receipt.total_price.key_text == "합계"
    bought = [
        (i.name.text, i.count.text if i.count else None, i.price.formatted["value"]) for i in receipt.items
    ]
    assert bought == [("신라면", "2", "9000"), ("새우깡", "1", "1800")]
    for value in (receipt.store_name, receipt.biz_num, receipt.date, receipt.total_price):
        assert value.bounding_polys and 0.0 <= value.confidence_score <= 1.0


def test_python_requests_multipart_receipt_binds_to_the_same_values(
    hanji: TestClient, receipts: Endpoint, receipt_answer: dict[str, Any]
) -> None:
    message = {"version": "V2", "requestId": "mp", "timestamp": 0, "images": [{"format": "png", "name": "r"}]}
    response = hanji.post(
        receipts.path,
        headers=receipts.headers,
        data={"message": json.dumps(message)},
        files={"file": ("receipt.png", png_bytes(receipt_page().image), "image/png")},
    )
    assert response.status_code == 200, response.text
    assert read_receipt(response.json()) == read_receipt(receipt_answer)


def test_receipt_address_under_a_row_holding_the_phone_number_is_read(receipt_answer: dict[str, Any]) -> None:
    assert [a.text for a in read_receipt(receipt_answer).addresses] == ["서울특별시 마포구 월드컵로 12"]


def test_receipt_values_name_the_label_printed_beside_them(receipt_answer: dict[str, Any]) -> None:
    receipt = read_receipt(receipt_answer)
    assert (receipt.biz_num.key_text, receipt.date.key_text) == ("사업자번호", "일시")


def _licence_photo(seed: int) -> tuple[bytes, dict[str, str]]:
    """A SYNTHETIC 사업자등록증 (``benchmarks.synthetic``), as the JPEG a phone client uploads."""
    doc = biz_license.render(random.Random(seed))
    buffer = io.BytesIO()
    Image.fromarray(doc.image).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue(), doc.truth


@pytest.mark.parametrize("seed", [7, 10], ids=["corporate", "personal"])
def test_biz_license_client_reads_number_names_and_dates(
    hanji: TestClient, licences: Endpoint, seed: int
) -> None:
    photo, truth = _licence_photo(seed)
    licence = read_biz_license(licences.call(hanji, clova_body(photo, fmt="jpg")))
    assert licence.register_number.text == truth["registerNumber"]
    assert licence.register_number.key_text == "등록번호"
    # ``text`` is what is printed ("(일반과세자)" on a personal one); the kind is the formatted value.
    assert licence.tax_type.formatted == {"value": truth["taxType"]}
    assert licence.rep_name.text == truth["repName"]
    if "corpName" in truth:
        assert licence.corp_name is not None and licence.corp_name.text == truth["corpName"]
    else:
        assert licence.company_name is not None and licence.company_name.text == truth["companyName"]
    year, month, day = truth["openDate"].split("-")
    assert licence.open_date.formatted == {"year": year, "month": month, "day": day}
    assert licence.bis_address.text == truth["bisAddress"]


def test_biz_license_through_the_jobs_api_binds_to_the_same_values(
    hanji: TestClient, licences: Endpoint
) -> None:
    photo, truth = _licence_photo(7)
    body = clova_body(photo, fmt="jpg")
    by_job = read_biz_license(licences.call_as_job(hanji, body))
    assert by_job == read_biz_license(licences.call(hanji, body))
    assert by_job.register_number.text == truth["registerNumber"]
