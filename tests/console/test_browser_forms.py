"""Every console form says every field's problem at once, next to its field, in English and Korean
(#15 item 6), whether the page found it or the server did (its codes through the catalogs, item 4):
create, edit and copy a domain; an operator; one's password and tokens.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from hanji.console.i18n import catalog
from tests.console.conftest import DESKTOP

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.slow
LANGS = ["en", "ko"]
HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def page(signed_in_page: Page) -> Page:
    return signed_in_page


@pytest.fixture(scope="module")
def domain(server_api: httpx.Client) -> dict[str, Any]:
    made = server_api.post(
        "/api/v1/domains",
        json={
            "name": "forms",
            "code": "forms",
            "service_type": "template",
            "languages": ["ko"],
            "recognition_model": "premium",
        },
    )
    assert made.status_code == 201, made.text
    found: dict[str, Any] = made.json()
    for _ in range(30):  # the server commits just after it answers
        if server_api.get(f"/api/v1/domains/{found['id']}").status_code == 200:
            break
        time.sleep(0.1)
    return found


def said(page: Page, ids: list[str]) -> dict[str, str]:
    """The text of each error box (all must be shown at once)."""
    for box in ids:
        page.wait_for_selector(f"#{box}:not([hidden])")
    return {box: page.locator(f"#{box}").inner_text() for box in ids}


def row_button(page: Page, domain_id: int, selector: str) -> Any:
    return page.locator(f'#domain-table tr[data-domain-id="{domain_id}"] {selector}')


@pytest.mark.parametrize("lang", LANGS)
def test_create_domain_says_every_problem_at_once(
    page: Page, screenshot_dir: Path, domain: dict[str, Any], lang: str
) -> None:
    messages = catalog(lang)
    page.goto(f"/console/?lang={lang}")
    page.click("#open-create")
    page.check('#create-form input[name="service_type"][value="template"]')
    page.fill("#c-name", "bad name!")
    page.fill("#c-code", "bad code")
    page.uncheck('#create-form input[name="languages"][value="ko"]')
    page.fill("#c-region", "kr")
    page.click("#create-form button[type=submit]")
    shown = said(page, ["err-name", "err-code", "err-languages", "err-region"])
    assert shown == {
        "err-name": messages["apierror.INVALID_DOMAIN_NAME"],
        "err-code": messages["apierror.INVALID_DOMAIN_CODE"],
        "err-languages": messages["apierror.VALIDATION_ERROR.languages"],
        "err-region": messages["apierror.VALIDATION_ERROR.region"],
    }
    if lang == "ko":
        assert shown["err-region"] == "리전은 KR, JP, SG 같은 대문자 코드입니다."
    for field in ("c-name", "c-code", "c-region"):
        assert page.locator(f"#{field}").get_attribute("aria-invalid") == "true", field
    assert page.evaluate("() => document.activeElement.id") == "c-name"  # the first field in error
    shot = "create-domain-errors" + ("-ko" if lang == "ko" else "")
    page.set_viewport_size({"width": DESKTOP["width"], "height": 1200})  # the whole dialog, errors and all
    page.locator("#create-dialog").screenshot(path=str(screenshot_dir / f"{shot}.png"))
    page.set_viewport_size(DESKTOP)
    # The page's checks pass; the server's answer (the code is taken) lands next to the code.
    page.fill("#c-name", "새 양식")
    page.fill("#c-code", domain["code"].upper())
    page.check('#create-form input[name="languages"][value="ko"]')
    page.fill("#c-region", "KR")
    page.click("#create-form button[type=submit]")
    assert said(page, ["err-code"]) == {"err-code": messages["apierror.DOMAIN_CODE_TAKEN"]}
    for box in ("err-name", "err-languages", "err-region"):
        assert page.locator(f"#{box}").is_hidden(), box
    page.keyboard.press("Escape")


@pytest.mark.parametrize("lang", LANGS)
def test_edit_and_copy_say_every_problem_at_once(page: Page, domain: dict[str, Any], lang: str) -> None:
    messages = catalog(lang)
    page.goto(f"/console/?lang={lang}")
    row_button(page, domain["id"], ".edit-domain").click()
    page.fill("#e-name", " ")
    page.uncheck('#edit-form input[name="languages"][value="ko"]')
    page.click("#edit-submit")
    assert said(page, ["eerr-name", "eerr-languages"]) == {
        "eerr-name": messages["apierror.INVALID_DOMAIN_NAME"],
        "eerr-languages": messages["apierror.VALIDATION_ERROR.languages"],
    }
    page.keyboard.press("Escape")
    row_button(page, domain["id"], ".copy-domain").click()
    page.fill("#cp-name", "")
    page.fill("#cp-code", "has spaces")
    page.uncheck('#copy-form input[name="languages"][value="ko"]')
    page.click("#copy-submit")
    assert said(page, ["cperr-name", "cperr-code", "cperr-languages"]) == {
        "cperr-name": messages["apierror.INVALID_DOMAIN_NAME"],
        "cperr-code": messages["apierror.INVALID_DOMAIN_CODE"],
        "cperr-languages": messages["apierror.VALIDATION_ERROR.languages"],
    }
    # Past the page's checks, the server refuses the taken name: said next to the name.
    page.fill("#cp-name", domain["name"])
    page.fill("#cp-code", "forms-copy")
    page.check('#copy-form input[name="languages"][value="ko"]')
    page.click("#copy-submit")
    assert said(page, ["cperr-name"]) == {"cperr-name": messages["apierror.DOMAIN_NAME_TAKEN"]}
    assert page.locator("#cperr-code").is_hidden() and page.locator("#cperr-languages").is_hidden()
    page.keyboard.press("Escape")


@pytest.mark.parametrize("lang", LANGS)
def test_operator_and_account_forms_say_every_problem_at_once(page: Page, lang: str) -> None:
    messages = catalog(lang)
    page.goto(f"/console/operators?lang={lang}")
    page.click("#open-create")
    page.fill("#o-username", "-no")
    page.click("#operator-form button[type=submit]")
    assert said(page, ["err-username"]) == {"err-username": messages["apierror.VALIDATION_ERROR.username"]}
    page.fill("#o-username", "admin")  # taken: the server says so, next to the username
    page.click("#operator-form button[type=submit]")
    assert said(page, ["err-username"]) == {"err-username": messages["apierror.CONFLICT.username"]}
    page.keyboard.press("Escape")

    page.goto(f"/console/account?lang={lang}")
    page.fill("#p-new", "short")
    page.click("#password-form button[type=submit]")
    assert said(page, ["err-current_password", "err-new_password"]) == {
        "err-current_password": messages["apierror.VALIDATION_ERROR.current_password"],
        "err-new_password": messages["apierror.VALIDATION_ERROR.password"],
    }
    page.fill("#p-current", "not-my-password")
    page.fill("#p-new", "a-long-enough-new-password")
    page.click("#password-form button[type=submit]")  # the server: the current one is wrong
    assert said(page, ["err-current_password"]) == {
        "err-current_password": messages["apierror.INVALID_CREDENTIALS"]
    }
    assert page.locator("#err-new_password").is_hidden()
    page.fill("#t-name", "")
    page.fill("#t-days", "0")
    page.click("#token-form button[type=submit]")
    assert said(page, ["err-name", "err-expires_in_days"]) == {
        "err-name": messages["apierror.VALIDATION_ERROR.name"],
        "err-expires_in_days": messages["apierror.VALIDATION_ERROR.expires_in_days"],
    }
    if lang == "ko":
        assert HANGUL.search(page.locator("#err-expires_in_days").inner_text())


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_password_is_said_in_the_pages_language(browser: Any, server: str, lang: str) -> None:
    context = browser.new_context(base_url=server)
    try:
        login = context.new_page()
        login.goto(f"/console/login?lang={lang}")
        login.fill("#password", "not-the-password")
        login.click("#login-form button[type=submit]")
        login.wait_for_selector("#login-error:not([hidden])")
        assert login.locator("#login-error").inner_text() == catalog(lang)["apierror.INVALID_CREDENTIALS"]
    finally:
        context.close()
