// Domain list dialogs: create (per service type), edit, copy (shows dropped Premium features), delete.
import { api, clearErrors, notifyNext, settle, showError, showProblems, t, wireDialogs } from "./api.js";

wireDialogs();

// ---- the server's rules, checked here first so every field's problem shows at once ----
// As hanji.services.management.domain_rules: names allow Korean, Chinese, Japanese, letters,
// digits, inner spaces and & 。 _ - × 々; codes the same without spaces, plus . and ?.
const CJK = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u309f\u30a0-\u30ff";
const NAME_CHAR = `A-Za-z0-9${CJK}&\u3002_\\-\u00d7\u3005`;
const NAME = new RegExp(`^[${NAME_CHAR}](?:[${NAME_CHAR} ]{0,48}[${NAME_CHAR}])?$`);
const CODE = /^[A-Za-z0-9.?&\u3002_\-\u00d7\u3005]{1,50}$/;
const REGION = /^[A-Z]{2,8}$/;

/** What is wrong with a domain form's values (only the keys given are checked), all at once. */
function domainProblems(body) {
  const problems = [];
  if ("name" in body && !NAME.test(body.name)) problems.push({ field: "name", key: "apierror.INVALID_DOMAIN_NAME" });
  if ("code" in body && !CODE.test(body.code)) problems.push({ field: "code", key: "apierror.INVALID_DOMAIN_CODE" });
  if ("languages" in body && !body.languages.length) {
    problems.push({ field: "languages", key: "apierror.VALIDATION_ERROR.languages" });
  }
  if ("region" in body && !REGION.test(body.region)) problems.push({ field: "region", key: "apierror.VALIDATION_ERROR.region" });
  return problems;
}

// ---- create ----
const createDialog = document.getElementById("create-dialog");
const createForm = document.getElementById("create-form");
const modelSelect = document.getElementById("c-model");

function selectedType() {
  return createForm.querySelector('input[name="service_type"]:checked').value;
}

/** Offer only the recognition models of the chosen service type. */
function syncType() {
  const type = selectedType();
  let first = null;
  for (const option of modelSelect.options) {
    const fits = option.dataset.type === type;
    option.hidden = !fits;
    option.disabled = !fits;
    if (fits && !first) first = option;
  }
  if (modelSelect.selectedOptions[0]?.disabled) modelSelect.value = first.value;
  createForm.querySelectorAll(".general-only").forEach((el) => { el.hidden = type !== "general"; });
}

createForm.querySelectorAll('input[name="service_type"]').forEach((r) => r.addEventListener("change", syncType));
document.getElementById("open-create")?.addEventListener("click", () => {
  clearErrors(createForm);
  syncType();
  createDialog.showModal();
  document.getElementById("c-name").focus();
});

createForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(createForm);
  const type = selectedType();
  const body = {
    name: document.getElementById("c-name").value.trim(),
    code: document.getElementById("c-code").value.trim(),
    service_type: type,
    languages: [...createForm.querySelectorAll('input[name="languages"]:checked')].map((c) => c.value),
    recognition_model: modelSelect.value,
    service_plan: createForm.service_plan.value,
    region: createForm.region.value.trim() || "KR",
  };
  if (type === "general") body.table_extraction = createForm.table_extraction.checked;
  const problems = domainProblems(body);
  if (problems.length) {
    showProblems(problems, { fallback: document.getElementById("create-error") });
    return;
  }
  try {
    const created = await api("POST", "/api/v1/domains", body);
    await settle(`/api/v1/domains/${created.id}`);
    // The next step for a new domain: a secret key and its invoke URL, on its gateway page.
    notifyNext({
      text: t("notice.created", { name: created.name }),
      href: `/console/domains/${created.id}/gateway`,
      label: t("notice.next_keys"),
    });
    window.location.assign("/console/?sort=-created_at");
  } catch (error) {
    showError(error, { fallback: document.getElementById("create-error") });
  }
});

// ---- edit: name, languages, plan, and (General) table extraction ----
const editDialog = document.getElementById("edit-dialog");
const editForm = document.getElementById("edit-form");
let editing = null;

document.querySelectorAll(".edit-domain").forEach((button) => {
  button.addEventListener("click", () => {
    editing = button.dataset;
    clearErrors(editForm);
    document.getElementById("edit-source").textContent = editing.name;
    document.getElementById("e-name").value = editing.name;
    const given = new Set(editing.languages.split(",").filter(Boolean));
    editForm.querySelectorAll('input[name="languages"]').forEach((box) => { box.checked = given.has(box.value); });
    editForm.service_plan.value = editing.plan;
    document.getElementById("e-tables-row").hidden = editing.type !== "general";
    document.getElementById("e-tables").checked = editing.tables === "true";
    editDialog.showModal();
    document.getElementById("e-name").focus();
  });
});

editForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(editForm);
  const body = {
    name: document.getElementById("e-name").value.trim(),
    languages: [...editForm.querySelectorAll('input[name="languages"]:checked')].map((c) => c.value),
    service_plan: editForm.service_plan.value,
  };
  if (editing.type === "general") body.table_extraction = document.getElementById("e-tables").checked;
  const problems = domainProblems(body);
  if (problems.length) {
    showProblems(problems, { prefix: "eerr-", fallback: document.getElementById("edit-error") });
    return;
  }
  try {
    const saved = await api("PATCH", `/api/v1/domains/${editing.id}`, body);
    await settle(`/api/v1/domains/${saved.id}`);
    notifyNext({ text: t("notice.saved", { name: saved.name }) });
    window.location.reload();
  } catch (error) {
    showError(error, { prefix: "eerr-", fallback: document.getElementById("edit-error") });
  }
});

// ---- copy ----
const copyDialog = document.getElementById("copy-dialog");
const copyForm = document.getElementById("copy-form");
let copySource = null;
let copied = null;

document.querySelectorAll(".copy-domain").forEach((button) => {
  button.addEventListener("click", () => {
    copySource = button.dataset;
    clearErrors(copyForm);
    copyForm.hidden = false;
    document.getElementById("copy-result").hidden = true;
    document.getElementById("copy-source").textContent = copySource.name;
    const isTemplate = copySource.type === "template";
    document.getElementById("cp-model-row").hidden = !isTemplate;
    if (isTemplate) copyForm.recognition_model.value = copySource.model;
    // Pre-filled from the source: a copy usually differs in a word, not in everything.
    document.getElementById("cp-name").value = t("copy.default_name", { name: copySource.name }).slice(0, 50);
    document.getElementById("cp-code").value = `${copySource.code}-copy`.slice(0, 50);
    const given = new Set((copySource.languages || "").split(",").filter(Boolean));
    copyForm.querySelectorAll('input[name="languages"]').forEach((box) => { box.checked = given.has(box.value); });
    copyForm.service_plan.value = copySource.plan;
    copyDialog.showModal();
    document.getElementById("cp-name").focus();
  });
});

copyForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(copyForm);
  const body = {
    name: document.getElementById("cp-name").value.trim(),
    code: document.getElementById("cp-code").value.trim(),
    languages: [...copyForm.querySelectorAll('input[name="languages"]:checked')].map((c) => c.value),
    service_plan: copyForm.service_plan.value,
  };
  if (copySource.type === "template") body.recognition_model = copyForm.recognition_model.value;
  const problems = domainProblems(body);
  if (problems.length) {
    showProblems(problems, { prefix: "cperr-", fallback: document.getElementById("copy-error") });
    return;
  }
  try {
    const copy = await api("POST", `/api/v1/domains/${copySource.id}/copy`, body);
    copied = copy.id;
    copyForm.hidden = true;
    document.getElementById("copy-result").hidden = false;
    document.getElementById("copy-summary").textContent = t("copy.summary", { name: copy.name, id: copy.id });
    // Each template: its stage kept, or a draft that needs deploying again, and what a Basic copy
    // did to it, all in the page's language.
    const item = (text) => Object.assign(document.createElement("li"), { textContent: text });
    const templates = copy.templates || [];
    document.getElementById("copied-templates").replaceChildren(...templates.map((tpl) => item(
      tpl.needs_redeploy
        ? t("copy.redeploy", { name: tpl.name, stage: t(`builder.stage.${tpl.source_stage}`) })
        : t("copy.kept", { name: tpl.name, stage: t(`builder.stage.${tpl.stage}`) }),
    )));
    document.getElementById("templates-box").hidden = templates.length === 0;
    const dropped = templates.flatMap((tpl) => tpl.dropped.map((use) => t(`copy.effect.${use.feature}`, {
      template: tpl.name, field: use.field,
      detail: use.feature === "value_type" ? t(`valuetype.${use.detail}`) : use.detail,
    })));
    document.getElementById("dropped-features").replaceChildren(...dropped.map(item));
    document.getElementById("dropped-box").hidden = dropped.length === 0;
    document.getElementById("copy-finish").focus();
  } catch (error) {
    showError(error, { prefix: "cperr-", fallback: document.getElementById("copy-error") });
  }
});
document.getElementById("copy-finish").addEventListener("click", async () => {
  await settle(`/api/v1/domains/${copied}`);
  window.location.reload();
});

// ---- delete: the operator types the domain code to confirm ----
const deleteDialog = document.getElementById("delete-dialog");
const deleteForm = document.getElementById("delete-form");
const deleteInput = document.getElementById("delete-confirm");
const deleteSubmit = document.getElementById("delete-submit");
let deleting = null;

document.querySelectorAll(".delete-domain").forEach((button) => {
  button.addEventListener("click", () => {
    deleting = button.dataset;
    clearErrors(deleteForm);
    document.getElementById("delete-name").textContent = deleting.name;
    document.getElementById("delete-code").textContent = deleting.code;
    deleteInput.value = "";
    deleteSubmit.disabled = true;
    deleteDialog.showModal();
    deleteInput.focus();
  });
});
deleteInput.addEventListener("input", () => {
  deleteSubmit.disabled = deleteInput.value.trim().toLowerCase() !== deleting.code.toLowerCase();
});
deleteForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (deleteSubmit.disabled) return;
  try {
    await api("DELETE", `/api/v1/domains/${deleting.id}?confirm=${encodeURIComponent(deleteInput.value.trim())}`);
    await settle(`/api/v1/domains/${deleting.id}`, false);
    notifyNext({ text: t("notice.deleted", { name: deleting.name }) });
    window.location.reload();
  } catch (error) {
    showError(error, { fallback: document.getElementById("delete-error") });
  }
});
