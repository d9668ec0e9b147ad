"""Issue #15's numbered items in a real browser, each in English and Korean, where the other browser
modules leave a language or an item uncovered: editing a domain's table switch (1), Try for each
domain type (2), the Premium options on screen (3), a faithful copy (4, 5), error pages (7), the
builder's guards (8), the deploy flow (9), notices (10), the table switch for General only (11), typed
values (12), labels and the language switch (14) and the small faults (15).

One signed-in page for the module; domains and templates are set up through the API to keep it fast.
Every expected text comes from the page's message catalog, so a test says what the reader sees.
"""

from __future__ import annotations

import base64
import json
import math
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from hanji.console.i18n import Translator
from tests.templates.forms import KOREAN_FORM, TABLE_FORM, render_form, to_png

if TYPE_CHECKING:
    from playwright.sync_api import Page, Response

pytestmark = pytest.mark.slow
LANGS = ["en", "ko"]
HANGUL = re.compile("[\uac00-\ud7a3]")
OCR_TIMEOUT_MS = 90_000
DATA = Path(__file__).resolve().parents[1] / "data"
RECEIPT = DATA / "ocr" / "en_receipt.jpg"
RULED = DATA / "tables" / "en-ruled.png"
FILLED = to_png(render_form(KOREAN_FORM, {"name": "김민수", "amount": "48200", "agree": True})[0])


def settle(api: httpx.Client, path: str) -> None:
    """Wait (at most ~3 s) until ``path`` answers: the server commits just after it answers."""
    for _ in range(30):
        if api.get(path).status_code == 200:
            return
        time.sleep(0.1)


def settle_on(api: httpx.Client, path: str, key: str, value: object) -> None:
    """Wait (at most ~3 s) until ``path``'s ``key`` reads ``value``."""
    for _ in range(30):
        if api.get(path).json().get(key) == value:
            return
        time.sleep(0.1)


def template_body(name: str, spec: Any = KOREAN_FORM) -> dict[str, Any]:
    blank, definition = render_form(spec)
    sample = {"format": "png", "data": base64.b64encode(to_png(blank)).decode()}
    return {"name": name, "sample_image": sample, **definition}


@pytest.fixture(scope="module")
def watched() -> dict[str, Any]:
    """What the browser did that it should not: native dialogs, sub-resources answered 404."""
    return {"dialogs": [], "missing": [], "stay": False, "leaves": 0}


@pytest.fixture(scope="module")
def page(signed_in_page: Page, watched: dict[str, Any]) -> Iterator[Page]:
    def on_dialog(dialog: Any) -> None:
        watched["dialogs"].append((dialog.type, dialog.message))
        # Leaving a builder with unsaved edits asks (beforeunload); a test says when to stay.
        if dialog.type == "beforeunload" and not watched["stay"]:
            dialog.accept()
        else:
            dialog.dismiss()

    def on_response(response: Response) -> None:
        # Pages and API calls may answer 404 on purpose (an error page, a deletion settling).
        if response.status == 404 and response.request.resource_type not in ("document", "fetch", "xhr"):
            watched["missing"].append(response.url)

    signed_in_page.on("dialog", on_dialog)
    signed_in_page.on("response", on_response)
    yield signed_in_page
    signed_in_page.remove_listener("dialog", on_dialog)
    signed_in_page.remove_listener("response", on_response)


@pytest.fixture(scope="module")
def domains(server_api: httpx.Client) -> dict[str, int]:
    """A General, a Premium Template (a membership form deployed to Service) and a receipt domain."""
    made = {}
    for key, body in {
        "general": {
            "name": "items general",
            "code": "items-general",
            "service_type": "general",
            "languages": ["ko", "zh-TW"],
            "recognition_model": "general",
            "region": "JP",  # one General domain per region: test_browser.py's is in KR
        },
        "template": {
            "name": "items forms",
            "code": "items-forms",
            "service_type": "template",
            "languages": ["ko"],
            "recognition_model": "premium",
        },
        "document": {
            "name": "items receipts",
            "code": "items-receipts",
            "service_type": "document",
            "languages": ["ko"],
            "recognition_model": "receipt",
        },
    }.items():
        answer = server_api.post("/api/v1/domains", json=body)
        assert answer.status_code == 201, answer.text
        made[key] = answer.json()["id"]
        settle(server_api, f"/api/v1/domains/{made[key]}")
    base = f"/api/v1/domains/{made['template']}/templates"
    membership = server_api.post(base, json=template_body("membership"))
    assert membership.status_code == 201, membership.text
    made["membership"] = membership.json()["id"]
    settle(server_api, f"{base}/{made['membership']}")
    deployed = server_api.post(f"{base}/{made['membership']}/deploy", json={"stage": "service"})
    assert deployed.status_code == 200, deployed.text
    return made


def row(page: Page, domain_id: int) -> Any:
    return page.locator(f'#domain-table tr[data-domain-id="{domain_id}"]')


def template_row(page: Page, template_id: int) -> Any:
    return page.locator(f'#template-list tr[data-template-id="{template_id}"]')


def open_builder(page: Page, domain_id: int, lang: str) -> None:
    page.goto(f"/console/domains/{domain_id}/templates?lang={lang}")
    page.wait_for_selector("#template-list tbody tr[data-template-id]")
    page.wait_for_function("() => document.querySelectorAll('#field-list li').length > 0")


# ---- item 1: editing a domain (name, languages and plan are in test_browser.py) ----


@pytest.mark.parametrize("lang", LANGS)
def test_edit_turns_a_general_domains_table_switch(
    page: Page, server_api: httpx.Client, domains: dict[str, int], lang: str
) -> None:
    t = Translator(lang)
    before = server_api.get(f"/api/v1/domains/{domains['general']}").json()["table_extraction"]
    page.goto(f"/console/?lang={lang}")
    row(page, domains["general"]).locator(".edit-domain").click()
    assert page.locator("#edit-title").inner_text().startswith(t("edit.heading"))
    switch = page.locator("#e-tables")
    assert switch.is_visible() and switch.is_checked() is before
    assert page.locator("#e-tables-row").inner_text().strip() == t("create.table_extraction")
    switch.set_checked(not before)
    page.click("#edit-submit")
    page.wait_for_selector(f"#notice:has-text('{t('notice.saved', name='items general')}')")
    after = server_api.get(f"/api/v1/domains/{domains['general']}").json()["table_extraction"]
    assert after is not before
    row(page, domains["general"]).locator(".edit-domain").click()  # the list carries the new state
    assert page.locator("#e-tables").is_checked() is after
    page.keyboard.press("Escape")


# ---- item 11: "Allow table extraction" for General domains only ----


@pytest.mark.parametrize("lang", LANGS)
def test_the_table_switch_is_offered_to_general_domains_only(
    page: Page, domains: dict[str, int], lang: str
) -> None:
    page.goto(f"/console/?lang={lang}")
    page.click("#open-create")
    for service_type, shown in (("general", True), ("template", False), ("document", False)):
        page.check(f'#create-form input[name="service_type"][value="{service_type}"]')
        assert page.locator("#c-tables").is_visible() is shown, service_type
    page.keyboard.press("Escape")
    for key, shown in (("general", True), ("template", False), ("document", False)):
        row(page, domains[key]).locator(".edit-domain").click()
        assert page.locator("#e-tables").is_visible() is shown, key
        page.keyboard.press("Escape")


# ---- item 2 (and 12): Try for every domain type, drawn over the image, downloaded ----

DRAWN = """() => {
  const canvas = document.getElementById('try-canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let blue = 0;  // the boxes' stroke, #1f6feb
  for (let i = 0; i < data.length; i += 4) {
    const near = (k, v) => Math.abs(data[i + k] - v) < 12;
    if (near(0, 31) && near(1, 111) && near(2, 235)) blue += 1;
  }
  return blue;
}"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["general", "template", "document"])
def test_try_draws_the_result_and_downloads_it(
    page: Page, server_api: httpx.Client, domains: dict[str, int], kind: str, lang: str
) -> None:
    t = Translator(lang)
    if kind == "general":  # a General domain that may extract tables, tried on a ruled table
        server_api.patch(f"/api/v1/domains/{domains[kind]}", json={"table_extraction": True})
        settle_on(server_api, f"/api/v1/domains/{domains[kind]}", "table_extraction", True)
    page.goto(f"/console/?lang={lang}")
    row(page, domains[kind]).get_by_role("link", name=t("domains.action.try")).click()
    page.wait_for_url(f"**/console/domains/{domains[kind]}/try")
    assert page.locator("h1").inner_text().startswith(t("try.heading"))
    if kind == "template":
        page.set_input_files(
            "#try-file", files=[{"name": "form.png", "mimeType": "image/png", "buffer": FILLED}]
        )
    elif kind == "general":
        page.set_input_files("#try-file", str(RULED))
        page.check("#try-tables")
        page.check("#try-key-values")
    else:
        page.set_input_files("#try-file", str(RECEIPT))
    page.click("#try-run")
    page.wait_for_selector("#try-result:not([hidden])", timeout=OCR_TIMEOUT_MS)
    assert page.locator("#try-summary").inner_text().startswith("SUCCESS")
    assert page.locator("#try-run").inner_text() == t("try.run")
    assert page.locator("#try-items li").count() > 0
    assert page.evaluate(DRAWN) > 100, "no box drawn over the image"
    labelled = {
        li.locator("strong").inner_text().strip().removesuffix(":"): li.inner_text().split(": ", 1)[-1]
        for li in page.locator("#try-items li:has(strong)").all()
    }
    if kind == "template":
        assert labelled["name"] == "김민수", labelled
        # Item 12: a Number field holds digits, never Hangul (tests/templates/test_typed_reading.py).
        assert labelled["amount"].replace(",", "") == "48200" and not HANGUL.search(labelled["amount"])
    elif kind == "document":  # values named by their place in the receipt, drawn from boundingPolys
        assert labelled.get("paymentInfo.date") == "25/12/2018", labelled
    else:  # the table's cells, each named by its place in the page's language
        assert labelled[t("try.cell", table=1, row=1, column=1)] == "Item", labelled
        assert "cellWords" not in page.locator("#try-items").inner_text()
    for button, suffix, starts in (
        ("#download-json", ".json", b"{"),
        ("#download-csv", ".csv", b"page,field"),
        ("#download-xlsx", ".xlsx", b"PK"),
    ):
        with page.expect_download() as download:
            page.click(button)
        assert download.value.suggested_filename.endswith(suffix)
        content = Path(download.value.path()).read_bytes()
        assert content.startswith(starts), (button, content[:40])
        if suffix == ".json":
            answer = json.loads(content)["images"][0]
            assert answer["inferResult"] == "SUCCESS"
            assert ("keyValues" in answer) == (kind == "general")  # asked for on the General try


# ---- item 3: the Premium builder options on screen, kept by a save ----


@pytest.mark.parametrize("lang", LANGS)
def test_premium_options_are_on_screen_and_kept(
    page: Page, server_api: httpx.Client, domains: dict[str, int], lang: str
) -> None:
    t = Translator(lang)
    base = f"/api/v1/domains/{domains['template']}/templates"
    made = server_api.post(base, json=template_body(f"options {lang}"))
    assert made.status_code == 201, made.text
    template_id = made.json()["id"]
    settle(server_api, f"{base}/{template_id}")
    open_builder(page, domains["template"], lang)
    template_row(page, template_id).get_by_role("button", name=t("builder.open")).click()
    page.wait_for_selector(f"#editing-name:text('options {lang}')")
    assert page.locator('label[for="f-type"]').inner_text() == t("builder.value_type")
    assert page.locator('label[for="f-case"]').inner_text() == t("builder.case")
    assert page.locator("#combine-props legend").inner_text() == t("builder.combine")
    fields = page.locator("#field-list li button")
    fields.nth(0).click()  # name: letters only, in capitals
    page.select_option("#f-type", "alphabet")
    assert page.locator("#f-type option:checked").inner_text() == t("valuetype.alphabet")
    assert page.locator("#f-case").is_enabled()
    page.select_option("#f-case", "upper")
    fields.nth(5).click()  # agree: a checkbox whose tick becomes text
    assert page.locator("label:has(#f-checkbox)").inner_text().strip() == t("builder.checkbox")
    assert page.locator("#f-checkbox").is_checked() and page.locator("#f-checkbox-text").is_visible()
    assert page.locator('label[for="f-checked-text"]').inner_text() == t("builder.checked_text")
    page.fill("#f-checked-text", "V")
    page.fill("#c-combine-name", "contact")
    page.check('input[name="combine-field"][value="name"]')
    page.check('input[name="combine-field"][value="email"]')
    page.click("#add-combine")
    page.click("#save-template")
    saved = t("builder.saved", name=f"options {lang}", version=2)
    page.wait_for_selector(f"#builder-status:has-text('{saved}')")
    kept = server_api.get(f"{base}/{template_id}").json()
    by_name = {f["name"]: f for f in kept["fields"]}
    assert by_name["name"]["value_type"] == "alphabet" and by_name["name"]["case"] == "upper"
    assert by_name["agree"]["checkbox_text"] == {"checked": "V", "unchecked": ""}
    assert by_name["phone"]["value_type"] == "phone" and len(by_name["phone"]["boxes"]) == 3
    assert [(c["name"], c["fields"]) for c in kept["combine"]] == [("contact", ["name", "email"])]
    assert server_api.delete(f"{base}/{template_id}").status_code == 204


# ---- items 4 and 5: a faithful copy, said in the page's language ----


@pytest.mark.parametrize("lang", LANGS)
def test_copy_is_prefilled_and_says_what_changes_per_template(
    page: Page, server_api: httpx.Client, domains: dict[str, int], lang: str
) -> None:
    t = Translator(lang)
    copies = []
    for model, code in (("basic", f"items-basic-{lang}"), ("premium", f"items-premium-{lang}")):
        page.goto(f"/console/?lang={lang}")
        row(page, domains["template"]).locator(".copy-domain").click()
        assert page.locator("#copy-title").inner_text().startswith(t("copy.heading"))
        assert page.locator("#cp-name").input_value() == t("copy.default_name", name="items forms")
        assert page.locator("#cp-code").input_value() == "items-forms-copy"
        assert page.locator('#copy-form input[name="languages"][value="ko"]').is_checked()
        assert page.locator("#cp-model").input_value() == "premium"
        assert page.locator("#cp-plan").input_value() == "basic"
        page.fill("#cp-name", code.replace("-", " "))
        page.fill("#cp-code", code)
        page.check('#copy-form input[name="languages"][value="ja"]')
        page.select_option("#cp-plan", "standard")
        page.select_option("#cp-model", model)
        page.click("#copy-submit")
        page.wait_for_selector("#copy-result:not([hidden])")
        summary = page.locator("#copy-summary").inner_text()
        assert code.replace("-", " ") in summary, summary
        templates = page.locator("#copied-templates li").all_inner_texts()
        dropped = page.locator("#dropped-features li").all_inner_texts()
        service = t("builder.stage.service")
        if model == "basic":
            # Every downgraded field is named, in the page's language; the template needs redeploying.
            assert templates == [t("copy.redeploy", name="membership", stage=service)], templates
            assert t("copy.effect.multi_box", template="membership", field="phone", detail=3) in dropped
            assert t("copy.effect.checkbox", template="membership", field="agree") in dropped
            assert {line.split(":")[0] for line in dropped} >= {
                f"membership · {name}" for name in ("phone", "birth", "amount", "email", "agree")
            }, dropped
        else:
            assert templates == [t("copy.kept", name="membership", stage=service)], templates
            assert page.locator("#dropped-box").is_hidden()
        if lang == "ko":
            assert HANGUL.search(summary) and all(HANGUL.search(line) for line in templates + dropped)
        page.click("#copy-finish")
        page.wait_for_selector(f'#domain-table tr[data-code="{code}"]')
        cells = page.locator(f'#domain-table tr[data-code="{code}"] td').all_inner_texts()
        assert cells[4] == f"{t('langname.ko')}, {t('langname.ja')}"
        assert cells[5] == t(f"model.{model}") and cells[6] == t("plan.standard")
        copies.append(
            int(page.locator(f'#domain-table tr[data-code="{code}"]').get_attribute("data-domain-id") or 0)
        )
    for copy_id, code in zip(copies, (f"items-basic-{lang}", f"items-premium-{lang}"), strict=True):
        assert server_api.delete(f"/api/v1/domains/{copy_id}?confirm={code}").status_code == 204


# ---- item 7: console errors are pages with a way back ----


@pytest.mark.parametrize("lang", LANGS)
def test_error_pages_say_what_went_wrong_and_lead_back(
    page: Page, domains: dict[str, int], lang: str
) -> None:
    t = Translator(lang)
    for path, status, code in (
        ("/console/domains/99999/gateway", 404, "DOMAIN_NOT_FOUND"),
        ("/console/stats?from=2026-02-01&to=2026-01-01", 400, "INVALID_QUERY"),
        (f"/console/domains/{domains['general']}/templates", 409, "NOT_A_TEMPLATE_DOMAIN"),
    ):
        answer = page.goto(path + ("&" if "?" in path else "?") + f"lang={lang}")
        assert answer is not None and answer.status == status, path
        assert answer.headers["content-type"].startswith("text/html"), path
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("#error-heading").inner_text() == t("errorpage.heading")
        assert page.locator("#error-message").inner_text() == t(f"errorpage.code.{code}")
        back = page.locator("#error-back")
        assert back.inner_text() == t("errorpage.back")
        back.click()
        page.wait_for_url("**/console/")
        assert page.locator("h1").inner_text().startswith(t("domains.heading"))


# ---- item 8: the builder never drops edits silently; undo, redo, deletes asked ----


@pytest.mark.parametrize("lang", LANGS)
def test_the_builder_guards_unsaved_edits(
    page: Page, domains: dict[str, int], watched: dict[str, Any], lang: str
) -> None:
    t = Translator(lang)
    open_builder(page, domains["template"], lang)
    membership = template_row(page, domains["membership"])
    fields = page.locator("#field-list li")
    count = fields.count()
    assert page.locator("#undo").inner_text() == t("builder.undo")
    assert page.locator("#redo").inner_text() == t("builder.redo")
    assert page.locator("#undo").is_disabled() and page.locator("#redo").is_disabled()
    page.focus("#sample-canvas")
    page.keyboard.press("n")  # a new box, selected
    assert fields.count() == count + 1
    page.keyboard.press("Delete")  # removed at once, but one Undo brings it back
    assert fields.count() == count
    page.click("#undo")
    assert fields.count() == count + 1
    page.click("#redo")
    assert fields.count() == count
    page.click("#undo")
    # Open asks before dropping the edits, in the console's own dialog and language.
    membership.get_by_role("button", name=t("builder.open")).click()
    page.wait_for_selector("#ask-dialog[open]")
    assert page.locator("#ask-text").inner_text() == t("builder.discard_confirm")
    assert page.locator("#ask-yes").inner_text() == t("common.confirm")
    page.click("#ask-no")
    assert fields.count() == count + 1
    # Leaving the page asks too (the browser's own leave-page question is the only one it allows).
    watched["stay"] = True
    try:
        with page.expect_event("dialog") as leaving:
            page.locator(".crumbs a").click(no_wait_after=True)
        assert leaving.value.type == "beforeunload"
        watched["leaves"] += 1
    finally:
        watched["stay"] = False
    assert page.url.split("?")[0].endswith("/templates") and fields.count() == count + 1
    # Deleting a template asks first; cancelled, it stays.
    membership.get_by_role("button", name=t("builder.delete")).click()
    page.wait_for_selector("#ask-dialog[open]")
    assert page.locator("#ask-text").inner_text() == t("builder.delete_confirm", name="membership")
    page.click("#ask-no")
    assert membership.count() == 1
    page.click("#new-template")  # drop the edits: asked, and confirmed
    page.click("#ask-yes")
    page.wait_for_function("() => document.querySelectorAll('#field-list li').length === 0")


# The sample image loads after a save answers; until it has, a slow one must not count as unsaved.
SLOW_SAMPLES = """() => {
  const real = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true,
    get() { return real.get.call(this); },
    set(value) {
      if (String(value).endsWith("/sample")) setTimeout(() => real.set.call(this, value), 3000);
      else real.set.call(this, value);
    },
  });
}"""


def test_a_saved_template_leaves_without_asking_while_its_sample_loads(
    page: Page, server_api: httpx.Client, domains: dict[str, int], watched: dict[str, Any]
) -> None:
    t = Translator("en")
    base = f"/api/v1/domains/{domains['template']}/templates"
    made = server_api.post(base, json=template_body("slow sample"))
    assert made.status_code == 201, made.text
    template_id = made.json()["id"]
    settle(server_api, f"{base}/{template_id}")
    open_builder(page, domains["template"], "en")
    template_row(page, template_id).get_by_role("button", name=t("builder.open")).click()
    page.wait_for_selector("#editing-name:text('slow sample')")
    page.evaluate(SLOW_SAMPLES)
    page.fill("#tpl-name", "slow sample 2")  # an unsaved edit
    page.click("#save-template")
    page.wait_for_selector(
        f"#builder-status:has-text('{t('builder.saved', name='slow sample 2', version=2)}')"
    )
    asked = len(watched["dialogs"])
    page.goto("/console/?lang=en")  # while the saved sample is still loading
    assert len(watched["dialogs"]) == asked, watched["dialogs"]
    assert server_api.delete(f"{base}/{template_id}").status_code == 204


# ---- item 9: the deploy flow ----


def actions(template: Any) -> list[str]:
    texts: list[str] = template.locator("td.actions button").all_inner_texts()
    return texts


@pytest.mark.parametrize("lang", LANGS)
def test_deploy_actions_fit_the_stage_and_going_live_asks(
    page: Page, server_api: httpx.Client, domains: dict[str, int], lang: str
) -> None:
    t = Translator(lang)
    base = f"/api/v1/domains/{domains['template']}/templates"
    made = server_api.post(base, json=template_body(f"stages {lang}", TABLE_FORM))
    assert made.status_code == 201, made.text
    template_id, name = made.json()["id"], f"stages {lang}"
    settle(server_api, f"{base}/{template_id}")
    open_builder(page, domains["template"], lang)
    template = template_row(page, template_id)
    stage = template.locator("td").nth(1)
    common = [t("builder.open"), t("builder.duplicate")]
    assert stage.inner_text() == t("builder.stage.draft")
    assert actions(template) == [
        *common,
        t("builder.deploy_beta"),
        t("builder.deploy_service"),
        t("builder.delete"),
    ]
    beta = template.get_by_role("button", name=t("builder.deploy_beta"))
    clicked = beta.bounding_box()
    beta.click()
    page.wait_for_selector(f'#template-list tr[data-template-id="{template_id}"] .row-status')
    assert stage.inner_text() == t("builder.stage.beta")
    status = template.locator(".row-status")
    assert status.inner_text() == t("builder.deployed", name=name, stage=t("builder.stage.beta"))
    shown = status.bounding_box()
    assert clicked and shown and abs(shown["y"] - clicked["y"]) < 80, "the answer is far from the click"
    assert actions(template) == [
        *common,
        t("builder.deploy_service"),
        t("builder.undeploy"),
        t("builder.delete"),
    ]
    template.get_by_role("button", name=t("builder.deploy_service")).click()
    page.wait_for_selector("#ask-dialog[open]")
    assert page.locator("#ask-text").inner_text() == t("builder.service_confirm", name=name)
    page.click("#ask-no")
    assert stage.inner_text() == t("builder.stage.beta")  # cancelled: nothing changed
    template.get_by_role("button", name=t("builder.deploy_service")).click()
    page.click("#ask-yes")
    page.wait_for_selector(
        f'#template-list tr[data-template-id="{template_id}"] td:text-is("{t("builder.stage.service")}")'
    )
    assert actions(template) == [*common, t("builder.undeploy"), t("builder.delete")]
    template.get_by_role("button", name=t("builder.undeploy")).click()
    page.wait_for_selector(
        f'#template-list tr[data-template-id="{template_id}"] td:text-is("{t("builder.stage.draft")}")'
    )
    assert template.locator(".row-status").inner_text() == t("builder.undeployed", name=name)
    template.get_by_role("button", name=t("builder.delete")).click()
    page.click("#ask-yes")
    template.wait_for(state="detached")


# ---- item 10: every action says what it did ----


@pytest.mark.parametrize("lang", LANGS)
def test_notices_follow_create_regenerate_revoke_and_delete(page: Page, lang: str) -> None:
    t = Translator(lang)
    name, code = f"notice {lang}", f"notice-{lang}"
    page.goto(f"/console/?lang={lang}")
    page.click("#open-create")
    page.check('#create-form input[name="service_type"][value="template"]')
    page.fill("#c-name", name)
    page.fill("#c-code", code)
    page.click("#create-form button[type=submit]")
    notice = page.locator("#notice")
    page.wait_for_selector(f"#notice:has-text('{t('notice.created', name=name)}')")
    link = notice.locator("a")
    assert link.inner_text() == t("notice.next_keys")  # the creator is pointed to keys and URL
    link.click()
    page.wait_for_url("**/gateway")
    page.click("#create-key")
    page.wait_for_selector("#new-key:not([hidden])")
    page.locator(".revoke-key").click()
    assert page.locator("#ask-text").inner_text() == t("gateway.revoke_confirm")
    page.click("#ask-yes")
    page.wait_for_selector(f"#notice:text-is('{t('notice.key_revoked')}')")
    assert page.locator("#key-table tbody tr").count() == 0
    old = page.inner_text("#url-default")
    page.click('.regenerate[data-kind="default"]')
    page.click("#regenerate-form button[type=submit]")
    page.wait_for_selector(f"#notice:text-is('{t('notice.url_regenerated')}')")
    assert page.inner_text("#url-default") != old
    page.goto(f"/console/?lang={lang}")
    page.locator(f'#domain-table tr[data-code="{code}"] .delete-domain').click()
    page.fill("#delete-confirm", code)
    page.click("#delete-submit")
    page.wait_for_selector(f"#notice:text-is('{t('notice.deleted', name=name)}')")
    assert page.locator(f'#domain-table tr[data-code="{code}"]').count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_chosen_sample_clears_its_message_and_no_fields_warns(
    page: Page, server_api: httpx.Client, domains: dict[str, int], lang: str
) -> None:
    t = Translator(lang)
    open_builder(page, domains["template"], lang)
    page.click("#new-template")
    page.wait_for_function("() => document.querySelectorAll('#field-list li').length === 0")
    page.fill("#tpl-name", f"empty {lang}")
    page.click("#save-template")
    message = page.locator("#tpl-err-sample_image")
    message.wait_for(state="visible")
    assert message.inner_text() == t("builder.need_sample")
    blank = to_png(render_form(TABLE_FORM)[0])
    page.set_input_files("#sample-file", files=[{"name": "s.png", "mimeType": "image/png", "buffer": blank}])
    message.wait_for(state="hidden")  # answered: the stale message goes
    page.wait_for_function("() => document.getElementById('sample-canvas').width === 1000")
    page.click("#save-template")
    saved = t("builder.saved", name=f"empty {lang}", version=1)
    page.wait_for_selector(f"#builder-status:has-text('{saved}')")
    assert page.locator("#builder-status").inner_text() == f"{saved} {t('builder.no_fields')}"
    base = f"/api/v1/domains/{domains['template']}/templates"
    [made] = [x for x in server_api.get(base).json()["data"] if x["name"] == f"empty {lang}"]
    assert server_api.delete(f"{base}/{made['id']}").status_code == 204


# ---- item 14: Korean breaks between words; labels, not codes; the language switch keeps the view ----


@pytest.mark.parametrize("lang", LANGS)
def test_labels_replace_codes_and_korean_keeps_words_whole(
    page: Page, domains: dict[str, int], lang: str
) -> None:
    t = Translator(lang)
    page.goto(f"/console/?lang={lang}")
    cells = {
        key: row(page, domains[key]).locator("td").all_inner_texts() for key in domains if key != "membership"
    }
    assert cells["document"][3:6] == [t("type.document"), t("langname.ko"), t("model.receipt")]
    assert cells["template"][5] == t("model.premium")
    assert cells["general"][4] == f"{t('langname.ko')}, {t('langname.zh-TW')}"
    shown = " ".join(" ".join(c[3:7]) for c in cells.values())
    for code in ("receipt", "premium", "zh-TW", "document"):
        assert code not in shown, code
    assert page.locator('#f-model option[value="receipt"]').inner_text() == t("model.receipt")
    assert page.locator('#f-lang option[value="zh-TW"]').inner_text() == t("langname.zh-TW")
    page.goto(f"/console/domains/{domains['general']}/try?lang={lang}")
    assert page.locator('#try-lang option[value="zh-TW"]').inner_text() == t("langname.zh-TW")
    word_break = page.evaluate("() => getComputedStyle(document.querySelector('h1')).wordBreak")
    assert word_break == ("keep-all" if lang == "ko" else "normal")


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_switch_keeps_filters_sort_and_stats_selection(
    page: Page, domains: dict[str, int], lang: str
) -> None:
    other = "ko" if lang == "en" else "en"
    t = Translator(other)
    page.goto(f"/console/?service_type=template&sort=name&lang={lang}")
    page.locator(f'.langs a[lang="{other}"]').click()
    page.wait_for_url(f"**lang={other}")
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("#f-type").input_value() == "template"
    assert page.locator('th[aria-sort="ascending"]').inner_text().startswith(t("domains.col.name"))
    types = {r.locator("td").nth(3).inner_text() for r in page.locator("#domain-table tbody tr").all()}
    assert types == {t("type.template")}
    selection = f"from=2026-01-01&to=2026-01-31&bucket=hour&domain_id={domains['template']}"
    page.goto(f"/console/stats?{selection}&lang={lang}")
    page.locator(f'.langs a[lang="{other}"]').click()
    page.wait_for_url(f"**lang={other}")
    assert page.locator("h1").inner_text() == t("stats.heading")
    assert page.locator("#s-from").input_value() == "2026-01-01"
    assert page.locator("#s-to").input_value() == "2026-01-31"
    assert page.locator("#s-bucket").input_value() == "hour"
    assert page.locator("#s-domain").input_value() == str(domains["template"])


# ---- item 15: the small faults ----


@pytest.mark.parametrize("lang", LANGS)
def test_search_trims_spaces_paging_stays_in_range_and_the_icon_is_served(
    page: Page, server_api: httpx.Client, domains: dict[str, int], lang: str
) -> None:
    t = Translator(lang)
    page.goto(f"/console/?lang={lang}")
    page.fill("#q", "  items receipts  ")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**q=*")
    rows = page.locator("#domain-table tbody tr")
    assert rows.count() == 1 and rows.first.get_attribute("data-domain-id") == str(domains["document"])
    pages = max(1, math.ceil(server_api.get("/api/v1/domains").json()["count"] / 20))
    page.goto(f"/console/?page=99&lang={lang}")
    assert page.locator(".paging span").inner_text() == t("paging.page", page=pages, pages=pages)
    icon = page.locator('link[rel="icon"]').get_attribute("href") or ""
    for path in (icon, "/favicon.ico"):
        served = page.request.get(path)
        assert served.status == 200 and served.headers["content-type"].startswith("image/svg+xml"), path


@pytest.mark.parametrize("lang", LANGS)
def test_stats_name_templates_and_show_quiet_days(
    page: Page, server_api: httpx.Client, domains: dict[str, int], lang: str
) -> None:
    t = Translator(lang)
    tried = server_api.post(
        f"/api/v1/domains/{domains['template']}/try", files={"file": ("form.png", FILLED, "image/png")}
    )
    assert tried.status_code == 200, tried.text
    assert tried.json()["images"][0]["matchedTemplate"]["id"] == domains["membership"]
    today = datetime.now(UTC).date()
    start = today - timedelta(days=6)
    page.goto(f"/console/stats?from={start}&to={today}&domain_id={domains['template']}&lang={lang}")
    names = page.locator("#by-template tbody td:nth-child(2)").all_inner_texts()
    assert "membership" in names and not any(n.startswith("#") for n in names), names
    bars = page.locator("section:has(#calls-heading) rect.ok title").all_text_contents()
    assert len(bars) == 7, bars  # a bar for every day of the week, quiet ones of zero
    assert bars[0].startswith(f"{start} {t('stats.success')}: 0")


TICKED_RED = """() => {
  const image = document.getElementById('test-preview');
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let red = 0;  // the values' colour, (220, 0, 0)
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] > 200 && data[i + 1] < 40 && data[i + 2] < 40) red += 1;
  }
  return red;
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_preview_draws_a_checkboxs_tick(page: Page, domains: dict[str, int], lang: str) -> None:
    open_builder(page, domains["template"], lang)
    template_row(page, domains["membership"]).locator("td.actions button").first.click()  # Open
    page.wait_for_selector("#editing-name:text('membership')")
    red = {}
    for ticked in (True, False):
        image = to_png(render_form(KOREAN_FORM, {"agree": ticked})[0])
        page.check('input[name="test-target"][value="draft"]')
        page.set_input_files(
            "#test-file", files=[{"name": "t.png", "mimeType": "image/png", "buffer": image}]
        )
        page.evaluate("() => { document.getElementById('test-result').hidden = true; }")
        page.click("#run-test")
        page.wait_for_selector("#test-result:not([hidden])", timeout=OCR_TIMEOUT_MS)
        agree = page.locator('#test-values tr[data-field="agree"] td').nth(1).inner_text()
        assert agree.strip() == ("☑" if ticked else "☐"), agree
        page.wait_for_function("() => document.getElementById('test-preview').complete")
        page.wait_for_function("() => document.getElementById('test-preview').naturalWidth > 0")
        red[ticked] = page.evaluate(TICKED_RED)
    assert red[True] > red[False] + 20, red  # the tick is drawn, not a glyph the font lacks


def test_no_browser_dialog_and_no_missing_resource(watched: dict[str, Any]) -> None:
    """Item 15: every question above was the console's own dialog (the browser's leave-page check
    aside), and every script, style and icon the pages asked for was there."""
    native = [(kind, text) for kind, text in watched["dialogs"] if kind != "beforeunload"]
    assert not native, native
    assert len(watched["dialogs"]) == watched["leaves"], watched["dialogs"]  # only where a test left
    assert not watched["missing"], watched["missing"]
