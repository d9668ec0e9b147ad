"""The console in a real browser: sign-in, domains, gateway, template builder, copy, delete, statistics.

The tests run in order against one server and one signed-in page, as an operator would work; each
saves a screenshot of its page to ``docs/screenshots`` (the README's Console section shows them).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.conftest import ADMIN_PASSWORD
from tests.console.conftest import DESKTOP
from tests.templates.forms import FieldSpec, FormSpec, render_form, to_png

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow
FORM = FormSpec(
    title="전기 요금 청구서",
    fields=(FieldSpec("name", "성명"), FieldSpec("amount", "금액", value_type="number")),
    seed=3,
)
OCR_TIMEOUT_MS = 90_000


@pytest.fixture(scope="module")
def state() -> dict[str, Any]:
    """What one step leaves for the next (domain ids, the invoke URL, the secret)."""
    return {}


@pytest.fixture(scope="module")
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def settle(ready: Callable[[], bool]) -> None:
    """Wait (at most ~3 s) until ``ready()``: the server commits just after it answers a request."""
    for _ in range(30):
        if ready():
            return
        time.sleep(0.1)


def shot(page: Page, directory: Path, name: str, *, full_page: bool = True) -> None:
    page.screenshot(path=str(directory / f"{name}.png"), full_page=full_page)


def row_of(page: Page, domain_id: int) -> Any:
    return page.locator(f'#domain-table tr[data-domain-id="{domain_id}"]')


def test_sign_in(page: Page, screenshot_dir: Path) -> None:
    page.goto("/console/")
    assert page.url.endswith("/console/login")
    page.fill("#password", "wrong-password")
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#login-error:not([hidden])")
    shot(page, screenshot_dir, "login")
    page.fill("#password", ADMIN_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/console/")
    assert page.locator("h1").inner_text().startswith("Domains")


def test_create_template_domain_with_inline_errors(
    page: Page, screenshot_dir: Path, state: dict[str, Any]
) -> None:
    page.click("#open-create")
    # #15 item 11: the table-extraction switch is offered to General domains only.
    for service_type, shown in (("general", True), ("document", False), ("template", False)):
        page.check(f'input[name="service_type"][value="{service_type}"]')
        assert page.locator("#c-tables").is_visible() is shown, service_type
    assert page.locator("#c-model option:not([disabled])").all_inner_texts() == ["Basic", "Premium"]
    page.fill("#c-name", "electric bills")
    page.fill("#c-code", "bad code")
    page.select_option("#c-model", "premium")
    page.click("#create-form button[type=submit]")
    error = page.locator("#err-code")
    error.wait_for(state="visible")
    assert error.inner_text().startswith("A domain code has 1-50 characters")
    assert page.locator("#c-code").get_attribute("aria-invalid") == "true"
    shot(page, screenshot_dir, "create-domain", full_page=False)
    page.fill("#c-code", "bills2024")
    page.click("#create-form button[type=submit]")
    page.wait_for_selector('#domain-table tr[data-code="bills2024"]')
    row = page.locator('#domain-table tr[data-code="bills2024"]')
    state["template_domain"] = int(row.get_attribute("data-domain-id") or 0)
    # #15 item 10: the creator is told it worked and pointed to the domain's keys and invoke URL.
    notice = page.locator("#notice")
    notice.wait_for(state="visible")
    assert notice.inner_text().startswith("Domain electric bills created.")
    assert notice.locator("a").get_attribute("href") == f"/console/domains/{state['template_domain']}/gateway"
    cells = row.locator("td").all_inner_texts()
    assert cells[1:7] == ["electric bills", "bills2024", "Template", "Korean", "Premium", "Basic"]
    shot(page, screenshot_dir, "domains")


def test_edit_a_domain_in_both_languages(page: Page, state: dict[str, Any]) -> None:
    """#15 item 1: name, languages and plan change from the list; the dialog speaks Korean too."""
    row = row_of(page, state["template_domain"])
    row.locator(".edit-domain").click()
    assert page.locator("#e-name").input_value() == "electric bills"
    assert not page.locator("#e-tables").is_visible()  # a Template domain has no table switch
    page.fill("#e-name", "power bills")
    page.check('#edit-form input[name="languages"][value="ja"]')
    page.select_option("#e-plan", "standard")
    page.click("#edit-submit")
    page.wait_for_selector(
        f'#domain-table tr[data-domain-id="{state["template_domain"]}"] td.name:text("power bills")'
    )
    cells = row_of(page, state["template_domain"]).locator("td").all_inner_texts()
    assert cells[1] == "power bills" and cells[4] == "Korean, Japanese" and cells[6] == "Standard"
    page.goto("/console/?lang=ko")
    row_of(page, state["template_domain"]).locator(".edit-domain").click()
    assert page.locator("#edit-title").inner_text().startswith("도메인 편집")
    page.fill("#e-name", "")
    page.click("#edit-submit")
    page.wait_for_selector("#eerr-name:not([hidden])")  # the error sits next to its field
    # #15 item 4: the message comes from the error code through the Korean catalog.
    assert page.locator("#eerr-name").inner_text().startswith("도메인 이름은 1~50자")
    page.fill("#e-name", "electric bills")
    page.uncheck('#edit-form input[name="languages"][value="ja"]')
    page.select_option("#e-plan", "basic")
    page.click("#edit-submit")
    page.wait_for_selector('#domain-table tr[data-code="bills2024"] td.name:text("electric bills")')
    page.wait_for_selector("#notice:has-text('electric bills을(를) 저장했습니다.')")
    page.goto("/console/?lang=en")


def test_gateway_key_and_invoke_url(page: Page, screenshot_dir: Path, state: dict[str, Any]) -> None:
    domain_id = state["template_domain"]
    row_of(page, domain_id).get_by_role("link", name="API Gateway").click()
    page.wait_for_url(f"**/console/domains/{domain_id}/gateway")
    page.click("#create-key")
    page.wait_for_selector("#new-key:not([hidden])")
    secret = page.inner_text("#new-secret")
    url = page.inner_text("#url-default")
    assert re.fullmatch(rf"http://127\.0\.0\.1:\d+/custom/v1/{domain_id}/[0-9a-f]{{64}}/infer", url), url
    assert page.locator("#key-table tbody tr").count() == 1
    page.locator("details").first.click()  # open the examples
    assert url in page.inner_text("#curl-default") and secret in page.inner_text("#python-default")
    state.update(invoke_url=url, secret=secret)
    shot(page, screenshot_dir, "gateway")


def _draw(page: Page, box: list[int]) -> None:
    canvas = page.locator("#sample-canvas")
    canvas.evaluate("el => el.scrollIntoView({block: 'start'})")
    bounds = canvas.bounding_box()
    assert bounds is not None
    scale = bounds["width"] / 1000  # the sample is 1000 px wide
    x, y, w, h = box
    page.mouse.move(bounds["x"] + x * scale, bounds["y"] + y * scale)
    page.mouse.down()
    page.mouse.move(bounds["x"] + (x + w) * scale, bounds["y"] + (y + h) * scale, steps=5)
    page.mouse.up()


def test_template_builder_draw_save_test(page: Page, screenshot_dir: Path, state: dict[str, Any]) -> None:
    blank, definition = render_form(FORM)
    filled, _ = render_form(FORM, {"name": "홍길동", "amount": "48200"})
    boxes = {f["name"]: f["boxes"][0] for f in definition["fields"]}
    page.goto(f"/console/domains/{state['template_domain']}/templates")
    page.wait_for_selector("#template-list tbody tr")
    page.click("#new-template")
    # #15 item 6: an empty name and a missing sample are both said at once, each where it belongs.
    page.click("#save-template")
    page.wait_for_selector("#tpl-err-name:not([hidden])")
    assert page.locator("#tpl-err-name").inner_text() == "A name has 1-100 characters."
    assert page.locator("#tpl-name").input_value() == ""  # not written into the box
    assert page.locator("#tpl-err-sample_image").inner_text() == "Choose a sample image first."
    # #15 item 10: a broken sample is said when chosen, and a good one clears the message.
    page.set_input_files(
        "#sample-file", files=[{"name": "bill.png", "mimeType": "image/png", "buffer": b"no"}]
    )
    page.wait_for_selector("#tpl-err-sample_image:has-text('cannot be shown as an image')")
    page.set_input_files(
        "#sample-file", files=[{"name": "bill.png", "mimeType": "image/png", "buffer": to_png(blank)}]
    )
    page.wait_for_selector("#tpl-err-sample_image", state="hidden")
    page.wait_for_function("() => document.getElementById('sample-canvas').width === 1000")
    page.fill("#tpl-name", "electric bill")
    for name in ("name", "amount"):
        _draw(page, boxes[name])
        page.fill("#f-name", name)
    page.select_option("#f-type", "number")  # Premium: the amount is a number
    assert page.locator("#f-case").is_disabled()  # letter case is for alnum and alphabet fields only
    # #15 item 3: a combination of fields is made on screen and kept by the save.
    page.fill("#c-combine-name", "all")
    page.check('input[name="combine-field"][value="name"]')
    page.check('input[name="combine-field"][value="amount"]')
    page.click("#add-combine")
    assert page.locator("#combine-list li").first.inner_text().startswith("all = name + amount")
    # Keyboard: N adds a box in the middle, Delete removes it again.
    page.focus("#sample-canvas")
    page.keyboard.press("n")
    assert page.locator("#field-list li").count() == 3
    page.keyboard.press("Delete")
    assert page.locator("#field-list li").all_inner_texts() == ["name (1)", "amount (1)"]
    # #15 item 8: a deleted box comes back with Undo (and goes again with Redo, or Ctrl+Shift+Z).
    page.click("#undo")
    assert page.locator("#field-list li").count() == 3
    page.focus("#sample-canvas")
    page.keyboard.press("Control+Shift+Z")
    assert page.locator("#field-list li").all_inner_texts() == ["name (1)", "amount (1)"]
    page.click("#save-template")
    page.wait_for_selector("#builder-status:has-text('Saved electric bill')")
    # Unsaved edits are never dropped silently: New asks first.
    _draw(page, (40, 40, 120, 40))
    page.click("#new-template")
    page.wait_for_selector("#ask-dialog[open]")
    page.click("#ask-no")
    assert page.locator("#field-list li").count() == 3  # still editing, the new box kept
    page.click("#undo")
    page.click("#new-template")
    page.click("#ask-yes")  # undone edits are still edits since the save: asked, and dropped
    page.wait_for_function("() => document.querySelectorAll('#field-list li').length === 0")
    page.locator('#template-list tr:has-text("electric bill")').get_by_role("button", name="Open").click()
    page.wait_for_function("() => document.querySelectorAll('#field-list li').length === 2")
    assert page.locator("#combine-list li").first.inner_text().startswith("all = name + amount")
    # #15 item 9: a row offers the moves its stage allows; going live asks first, in the page's
    # own dialog, and the answer shows on the row.
    saved = page.locator('#template-list tr:has-text("electric bill")')
    actions = saved.locator("td.actions button").all_inner_texts()
    assert actions == ["Open", "Duplicate", "Deploy beta", "Deploy service", "Delete"], actions
    saved.get_by_role("button", name="Deploy service").click()
    page.wait_for_selector("#ask-dialog[open]")
    assert "invoke URL" in page.locator("#ask-text").inner_text()
    page.click("#ask-no")
    assert saved.locator("td").nth(1).inner_text() == "Draft"  # cancelled: nothing changed
    saved.get_by_role("button", name="Deploy service").click()
    page.click("#ask-yes")
    page.wait_for_selector('#template-list tr:has-text("electric bill") td:nth-child(2):text-is("Service")')
    live = page.locator('#template-list tr:has-text("electric bill")')
    assert live.locator("td.actions button").all_inner_texts() == ["Open", "Duplicate", "Undeploy", "Delete"]
    assert live.locator(".row-status").inner_text() == "electric bill deployed to Service."
    page.set_input_files(
        "#test-file", files=[{"name": "filled.png", "mimeType": "image/png", "buffer": to_png(filled)}]
    )
    page.click("#run-test")
    page.wait_for_selector('#test-values tr[data-field="amount"]', timeout=OCR_TIMEOUT_MS)
    values = {
        tr.get_attribute("data-field"): tr.locator("td").nth(1).inner_text()
        for tr in page.locator("#test-values tbody tr").all()
    }
    assert values["name"] == "홍길동" and values["amount"] == "48200", values
    page.wait_for_function("() => document.getElementById('test-preview').naturalWidth > 0")
    shot(page, screenshot_dir, "template-builder")


def test_copy_as_basic_shows_dropped_features(
    page: Page, screenshot_dir: Path, state: dict[str, Any]
) -> None:
    page.goto("/console/?lang=ko")
    row_of(page, state["template_domain"]).get_by_role("button", name="복사").click()
    # #15 item 5: the dialog starts from the source; languages and plan can change with the model.
    assert page.locator("#cp-name").input_value() == "electric bills 사본"
    assert page.locator("#cp-code").input_value() == "bills2024-copy"
    assert page.locator('#copy-form input[name="languages"][value="ko"]').is_checked()
    page.fill("#cp-name", "electric bills basic")
    page.fill("#cp-code", "bills-basic")
    page.check('#copy-form input[name="languages"][value="ja"]')
    page.select_option("#cp-model", "basic")
    page.click("#copy-submit")
    page.wait_for_selector("#dropped-box:not([hidden])")
    dropped = page.locator("#dropped-features li").all_inner_texts()
    # Said per template and field, in the page's language.
    assert "electric bill · amount: 숫자 대신 텍스트로 읽습니다" in dropped, dropped
    templates = page.locator("#copied-templates li").all_inner_texts()
    assert templates == ["electric bill: 이제 초안입니다(원래 서비스). 확인한 뒤 다시 배포하세요"], templates
    shot(page, screenshot_dir, "copy-domain", full_page=False)
    page.click("#copy-finish")
    page.wait_for_selector('#domain-table tr[data-code="bills-basic"]')
    row = page.locator('#domain-table tr[data-code="bills-basic"]')
    state["copy_domain"] = int(row.get_attribute("data-domain-id") or 0)
    assert row.locator("td").nth(5).inner_text() == "Basic"
    assert "일본어" in row.locator("td").nth(4).inner_text()
    page.goto("/console/?lang=en")


def test_delete_asks_for_the_code(page: Page, screenshot_dir: Path, state: dict[str, Any]) -> None:
    row_of(page, state["copy_domain"]).get_by_role("button", name="Delete").click()
    page.fill("#delete-confirm", "bills")
    assert page.locator("#delete-submit").is_disabled()
    page.fill("#delete-confirm", "bills-basic")
    assert page.locator("#delete-submit").is_enabled()
    shot(page, screenshot_dir, "delete-domain", full_page=False)
    page.click("#delete-submit")
    page.wait_for_selector('#domain-table tr[data-code="bills-basic"]', state="detached")
    assert row_of(page, state["template_domain"]).count() == 1


def test_statistics_show_calls_just_made(page: Page, screenshot_dir: Path, server: str) -> None:
    with httpx.Client(base_url=server, timeout=120) as api:
        token = api.post("/api/v1/tokens", json={"name": "stats"}, auth=("admin", ADMIN_PASSWORD)).json()[
            "token"
        ]
        api.headers["Authorization"] = f"Bearer {token}"
        settle(lambda: api.get("/api/v1/session").status_code == 200)
        general = api.post(
            "/api/v1/domains",
            json={
                "name": "general",
                "code": "general",
                "service_type": "general",
                "languages": ["ko"],
                "recognition_model": "general",
                "service_plan": "standard",
            },
        ).json()
        secret = api.post(f"/api/v1/domains/{general['id']}/secret-keys").json()["secret"]
        settle(lambda: api.get(f"/api/v1/domains/{general['id']}/secret-keys").json()["data"] != [])
        url = general["invoke_urls"][0]["url"]
        image = to_png(render_form(FORM, {"name": "김민수"})[0].crop((0, 0, 1000, 400)))
        message = json.dumps(
            {
                "version": "V2",
                "requestId": "r1",
                "timestamp": 0,
                "lang": "ko",
                "images": [{"format": "png", "name": "a"}],
            }
        )
        for _ in range(2):
            ok = api.post(
                url,
                headers={"X-OCR-SECRET": secret},
                data={"message": message},
                files={"file": ("a.png", image, "image/png")},
            )
            assert ok.status_code == 200, ok.text
        summary = f"/api/v1/stats/summary?domain_id={general['id']}"
        settle(lambda: api.get(summary).json()["totals"]["calls"] == 2)
    page.goto(f"/console/stats?domain_id={general['id']}")
    assert int(page.inner_text("#total-calls")) == 2
    assert page.locator(f'#by-domain tr[data-domain-id="{general["id"]}"] td').nth(3).inner_text() == "2"
    assert page.locator("svg.chart rect.ok").count() >= 1
    page.goto("/console/stats")
    quota = page.locator(f'#quota tr[data-domain-id="{general["id"]}"] td').all_inner_texts()
    assert quota[2:4] == ["2", "100000"], quota
    with page.expect_download() as download:
        page.click("#csv-download")
    csv_text = Path(download.value.path()).read_text()
    assert csv_text.startswith("bucket,domain_id,template_id,calls") and f",{general['id']},," in csv_text
    shot(page, screenshot_dir, "statistics")


def test_korean_at_tablet_width(page: Page, screenshot_dir: Path) -> None:
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto("/console/?lang=ko")
    assert page.locator("h1").inner_text().startswith("도메인")
    page.goto("/console/stats")  # the cookie keeps Korean
    assert page.locator("h1").inner_text() == "호출 통계"
    # #15 item 14: Korean breaks between words, never inside one (템플릿, not 템플/릿).
    assert page.evaluate("() => getComputedStyle(document.body).wordBreak") == "keep-all"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, "the page scrolls sideways at tablet width"
    shot(page, screenshot_dir, "statistics-ko-tablet")
    page.goto("/console/?lang=en")
    page.set_viewport_size(DESKTOP)
    page.keyboard.press("Tab")  # the skip link comes first and is visible on focus
    assert page.evaluate("() => document.activeElement.className") == "skip"


REACHABLE = """() => {
  const width = window.innerWidth;
  const stuck = [];
  for (const el of document.querySelectorAll("main a[href], main button")) {
    if (!el.offsetParent || el.closest("dialog")) continue;  // not shown, or in a closed dialog
    el.scrollIntoView({ block: "center", inline: "center" });
    const box = el.getBoundingClientRect();
    const name = `${el.tagName} ${el.textContent.trim().slice(0, 30)}`;
    if (box.left < -1 || box.right > width + 1) stuck.push(name);
  }
  window.scrollTo(0, 0);
  return stuck;
}"""


KOREAN_PAGE = Path(__file__).resolve().parents[1] / "data" / "ocr" / "ko_cldr.jpg"


def test_try_a_domain_with_a_korean_page(page: Page, screenshot_dir: Path) -> None:
    """#15 item 2: upload a page, see what the invoke URL would answer drawn over it, in Korean,
    and take it away as JSON, CSV or Excel."""
    page.goto("/console/?lang=ko")
    row = page.locator('#domain-table tr[data-code="general"]')
    row.get_by_role("link", name="테스트").click()
    page.wait_for_url("**/try")
    assert page.locator("h1").inner_text().startswith("테스트")
    page.set_input_files("#try-file", str(KOREAN_PAGE))
    page.select_option("#try-lang", "ko")
    page.click("#try-run")
    page.wait_for_selector("#try-result:not([hidden])", timeout=OCR_TIMEOUT_MS)
    assert page.locator("#try-summary").inner_text().startswith("SUCCESS")
    assert page.locator("#try-items li").count() > 10
    assert page.evaluate("() => document.getElementById('try-canvas').width") > 0
    assert any("\uac00" <= ch <= "\ud7a3" for ch in page.locator("#try-items").inner_text())
    assert "try:" not in page.locator("#try-items").inner_text()  # the file's name is no label
    shot(page, screenshot_dir, "try-ko")
    for button, suffix in (
        ("#download-json", ".json"),
        ("#download-csv", ".csv"),
        ("#download-xlsx", ".xlsx"),
    ):
        with page.expect_download() as download:
            page.click(button)
        assert download.value.suggested_filename.endswith(suffix)
    page.goto("/console/?lang=en")


def test_every_page_fits_a_phone(page: Page, screenshot_dir: Path, state: dict[str, Any]) -> None:
    """#15 item 13: at 375 x 812 no page scrolls sideways and every action can be brought into view."""
    page.set_viewport_size({"width": 375, "height": 812})
    domain = state["template_domain"]
    pages = [
        "/console/",
        f"/console/domains/{domain}/gateway",
        f"/console/domains/{domain}/templates",
        f"/console/domains/{domain}/try",
        "/console/stats",
        "/console/account",
        "/console/operators",
    ]
    problems = []
    for lang in ("en", "ko"):
        for path in pages:
            page.goto(f"{path}?lang={lang}")
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 1:
                problems.append(f"{lang} {path} scrolls sideways by {overflow} px")
            problems.extend(f"{lang} {path}: {item} out of reach" for item in page.evaluate(REACHABLE))
    page.goto("/console/?lang=ko")
    shot(page, screenshot_dir, "domains-phone-ko")
    # #15 item 15: links and link-styled buttons share one colour.
    actions = "#domain-table td.actions a, #domain-table td.actions button.link:not(.danger)"
    colours = page.evaluate(
        f"() => [...document.querySelectorAll('{actions}')].map((el) => getComputedStyle(el).color)"
    )
    assert len(set(colours)) == 1, colours
    page.goto("/console/?lang=en")
    page.set_viewport_size(DESKTOP)
    assert not problems, "\n".join(problems)


def test_operators_and_accounts(page: Page, browser: Browser, server: str, screenshot_dir: Path) -> None:
    """An admin adds a viewer held to one domain; the viewer sees only it, makes a token, changes
    the password; the admin's other pages never show the viewer more than their role allows."""
    page.goto("/console/?lang=en")
    first_domain = page.locator("#domain-table tbody tr").first.get_attribute("data-domain-id")
    page.click('a[href="/console/operators"]')
    page.wait_for_url("**/console/operators")
    page.click("#open-create")
    page.fill("#o-username", "reader")
    page.select_option("#o-role", "viewer")
    page.check(f'input[name="domain_ids"][value="{first_domain}"]')
    page.click("#operator-form button[type=submit]")
    page.wait_for_selector("#issued:not([hidden])")
    password = page.locator("#issued-password").inner_text()
    assert len(password) >= 20
    page.reload()
    assert page.locator('#operator-table tr[data-username="reader"]').count() == 1
    shot(page, screenshot_dir, "operators")

    context = browser.new_context(base_url=server, viewport=DESKTOP)
    context.set_default_timeout(15_000)
    reader = context.new_page()
    errors: list[str] = []
    reader.on("pageerror", lambda exc: errors.append(str(exc)))
    reader.goto("/console/login?lang=en")
    reader.fill("#username", "reader")
    reader.fill("#password", password)
    reader.click("#login-form button[type=submit]")
    reader.wait_for_url("**/console/")
    rows = reader.locator("#domain-table tbody tr")
    assert rows.count() == 1 and rows.first.get_attribute("data-domain-id") == first_domain
    assert reader.locator('a[href="/console/operators"]').count() == 0
    assert reader.goto("/console/operators").status == 403  # type: ignore[union-attr]
    reader.goto("/console/account")
    reader.fill("#t-name", "laptop")
    reader.click("#token-form button[type=submit]")
    reader.wait_for_selector("#new-token:not([hidden])")
    assert reader.locator("#new-token-secret").inner_text().startswith("hjt")
    assert reader.locator("#token-table tbody tr").count() == 1
    reader.click(".revoke-token")  # asked in the console's dialog, not the browser's
    reader.click("#ask-yes")
    reader.wait_for_selector("#token-table tbody tr", state="detached")
    reader.wait_for_selector("#notice:has-text('Token revoked.')")
    reader.fill("#p-current", password)
    reader.fill("#p-new", "readers-own-password")
    reader.click("#password-form button[type=submit]")
    reader.wait_for_selector("#password-done:not([hidden])")
    shot(reader, screenshot_dir, "account")
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
    signed = httpx.post(
        f"{server}/api/v1/session", json={"username": "reader", "password": "readers-own-password"}
    )
    assert signed.status_code == 200


def test_expired_session_returns_to_login(page: Page, server: str) -> None:
    # Replace the session cookie with one the server no longer knows, as after expiry.
    page.context.add_cookies([{"name": "hanji_session", "value": "expired", "url": f"{server}/"}])
    page.goto("/console/")
    page.wait_for_url("**/console/login?expired=1")
    assert page.locator("#login-expired").is_visible()
    page.fill("#password", ADMIN_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/console/")
    page.click("#sign-out")
    page.wait_for_url("**/console/login")
