// Template builder: the domain's templates (list, duplicate, delete, deploy), the box editor, save, test.
import { api, ask, clearErrors, fileToImage, showError, showProblems, t } from "./api.js";
import { BoxEditor } from "./box_editor.js";
import { PartProblems, checkDefinition, fillSlot, noteOn, splitProblems } from "./builder_problems.js";
import { wireTestPanel } from "./builder_test.js";

const root = document.getElementById("builder");
const premium = root.dataset.premium === "true";
const base = `/api/v1/domains/${root.dataset.domainId}/templates`;
const $ = (id) => document.getElementById(id);
const status = $("builder-status");
const errorBox = $("builder-error");

let current = blank();
let newSample = null; // {format, data} of an uploaded sample not yet saved
const problems = new PartProblems(); // what the last save refused, by part
let problemShape = ""; // how many fields, tables and combinations there were when it was refused

/** Parts are numbered: once one is added or removed, the numbers of the last save's problems no
 * longer fit their parts, so they are dropped (the next save says what is still wrong). */
function shape() {
  return `${current.fields.length}/${(current.tables || []).length}/${(current.combine || []).length}`;
}

function blank() {
  return { id: null, name: "", title: null, fields: [], tables: [], combine: [], validation_url: null };
}

/** Same-origin path (and query: a preview URL is signed) of an API URL (image_url, preview_url
 * carry the public base URL). */
function localPath(url) {
  if (!url) return url;
  const parsed = new URL(url, window.location.href);
  return parsed.pathname + parsed.search;
}

const editor = new BoxEditor($("sample-canvas"), {
  canAddBox: premium,
  onChange: () => { changed(); renderFieldList(); renderProps(); renderTables(); renderCombine(); },
  onSelect: () => { renderFieldList(); renderProps(); renderTables(); },
});
editor.redraw();
// The Test panel: this template, or what Beta or Service would match (builder_test.js).
const testPanel = wireTestPanel({ base, templateId: () => current.id, localPath, status });

// ---- undo, redo and unsaved changes ----
// Each change pushes the state before it; undo and redo walk those states. Nothing is lost
// silently: New, Open and leaving the page ask first while there are unsaved changes.
let past = [];
let future = [];
let last = null;
let dirty = false;

function snapshot() {
  return JSON.stringify({ title: current.title, fields: current.fields, tables: current.tables });
}

function resetHistory() {
  past = [];
  future = [];
  last = snapshot();
  dirty = false;
  syncHistory();
}

function syncHistory() {
  $("undo").disabled = past.length === 0;
  $("redo").disabled = future.length === 0;
}

function changed() {
  if (problems.count && problemShape !== shape()) problems.clear();
  const now = snapshot();
  if (now === last) return;
  past.push(last);
  future = [];
  last = now;
  dirty = true;
  syncHistory();
}

function restore(state) {
  const { title, fields, tables } = JSON.parse(state);
  current.title = title;
  current.fields = fields;
  current.tables = tables || [];
  if (problems.count && problemShape !== shape()) problems.clear();
  editor.setModel(current);
  last = state;
  dirty = true;
  syncHistory();
  renderFieldList();
  renderProps();
  renderTables();
  editor.redraw();
}

function undo() {
  if (!past.length) return;
  future.push(snapshot());
  restore(past.pop());
}

function redo() {
  if (!future.length) return;
  past.push(snapshot());
  restore(future.pop());
}

$("undo").addEventListener("click", undo);
$("redo").addEventListener("click", redo);
document.addEventListener("keydown", (event) => {
  if (!(event.ctrlKey || event.metaKey) || event.target.matches("input, textarea, select")) return;
  const key = event.key.toLowerCase();
  if (key === "z" && !event.shiftKey) { event.preventDefault(); undo(); }
  if ((key === "z" && event.shiftKey) || key === "y") { event.preventDefault(); redo(); }
});
window.addEventListener("beforeunload", (event) => {
  if (!dirty) return;
  event.preventDefault();
  event.returnValue = "";
});

/** Whether the current edits may be dropped: no unsaved changes, or the operator says so. */
async function mayDiscard() {
  return !dirty || ask(t("builder.discard_confirm"));
}

document.querySelectorAll('input[name="mode"]').forEach((radio) => {
  radio.addEventListener("change", () => { editor.mode = radio.value; });
});

// ---- field list and property panel ----
function renderFieldList() {
  const list = $("field-list");
  list.replaceChildren(...current.fields.map((field, f) => {
    const item = document.createElement("li");
    const button = Object.assign(document.createElement("button"), {
      type: "button", className: "link", textContent: `${field.name} (${field.boxes.length})`,
    });
    const sel = editor.selection;
    if (sel?.kind === "field" && sel.field === f) button.setAttribute("aria-current", "true");
    button.addEventListener("click", () => { editor.select({ kind: "field", field: f, box: 0 }); $("f-name").focus(); });
    item.append(button);
    noteOn(item, button, `tpl-err-field-${f + 1}`, problems.text("field", f + 1));
    return item;
  }));
  const box = current.title?.box;
  $("title-box-text").textContent = box ? t("builder.title_box", { box: box.join(", ") }) : t("builder.no_title");
  fillSlot("tpl-err-title", problems.text("title"));
}

function selectedField() {
  const sel = editor.selection;
  return sel?.kind === "field" ? current.fields[sel.field] : null;
}

function renderProps() {
  const field = selectedField();
  $("field-props").disabled = !field;
  const number = field ? editor.selection.field + 1 : null;
  for (const slot of ["name", "type", "case", "checkbox", "regex", "boxes"]) {
    fillSlot(`f-err-${slot}`, field ? problems.text("field", number, slot) : "");
  }
  if (!field) return;
  $("f-name").value = field.name;
  $("f-type").value = field.value_type || "text";
  $("f-checkbox").checked = Boolean(field.checkbox);
  $("f-required").checked = Boolean(field.validation?.required);
  $("f-regex").value = field.validation?.regex || "";
  const lettered = ["alnum", "alphabet"].includes(field.value_type);
  $("f-case").value = lettered ? field.case || "" : "";
  $("f-case").disabled = !premium || !lettered;
  $("f-checkbox-text").hidden = !field.checkbox;
  $("f-checked-text").value = field.checkbox_text?.checked || "";
  $("f-unchecked-text").value = field.checkbox_text?.unchecked || "";
  $("f-boxes").textContent = t("builder.box_count", { count: field.boxes.length });
}

$("f-name").addEventListener("input", () => {
  const field = selectedField();
  if (field) { field.name = $("f-name").value; changed(); renderFieldList(); renderCombine(); editor.redraw(); }
});
$("f-type").addEventListener("change", () => {
  const f = selectedField();
  if (f) { f.value_type = $("f-type").value; changed(); renderProps(); }
});
$("f-checkbox").addEventListener("change", () => {
  const f = selectedField();
  if (f) { f.checkbox = $("f-checkbox").checked; changed(); renderProps(); renderCombine(); }
});
$("f-case").addEventListener("change", () => {
  const f = selectedField();
  if (f) { f.case = $("f-case").value || null; changed(); }
});
for (const id of ["f-checked-text", "f-unchecked-text"]) {
  $(id).addEventListener("input", () => {
    const f = selectedField();
    if (!f) return;
    const checked = $("f-checked-text").value;
    const unchecked = $("f-unchecked-text").value;
    f.checkbox_text = checked || unchecked ? { checked, unchecked } : null;
    changed();
  });
}

// ---- table areas: a ruled table is read inside each ----
function selectedTable() {
  const sel = editor.selection;
  return sel?.kind === "table" ? current.tables[sel.table] : null;
}

function renderTables() {
  const sel = editor.selection;
  $("table-list").replaceChildren(...(current.tables || []).map((table, k) => {
    const item = document.createElement("li");
    const button = Object.assign(document.createElement("button"), {
      type: "button", className: "link", textContent: table.name,
    });
    if (sel?.kind === "table" && sel.table === k) button.setAttribute("aria-current", "true");
    button.addEventListener("click", () => { editor.select({ kind: "table", table: k }); $("tb-name").focus(); });
    item.append(button);
    noteOn(item, button, `tpl-err-table-${k + 1}`, problems.text("table", k + 1));
    return item;
  }));
  $("no-tables").hidden = Boolean(current.tables?.length);
  const table = selectedTable();
  $("table-selected").hidden = !table;
  const number = table ? sel.table + 1 : null;
  fillSlot("tb-err-name", table ? problems.text("table", number, "name") : "");
  fillSlot("tb-err-box", table ? problems.text("table", number, "box") : "");
  if (table && document.activeElement !== $("tb-name")) $("tb-name").value = table.name;
}

$("tb-name").addEventListener("input", () => {
  const table = selectedTable();
  if (table) { table.name = $("tb-name").value; changed(); renderTables(); editor.redraw(); }
});
$("delete-table").addEventListener("click", () => {
  const sel = editor.selection;
  if (sel?.kind !== "table") return;
  current.tables.splice(sel.table, 1);
  editor.select(null);
  changed();
  renderTables();
});

// ---- combinations: fields whose values are joined into one combineResult item ----
function renderCombine() {
  const list = $("combine-list");
  list.replaceChildren(...(current.combine || []).map((combo, index) => {
    const li = document.createElement("li");
    li.append(document.createTextNode(`${combo.name} = ${combo.fields.join(" + ")} `));
    const remove = Object.assign(document.createElement("button"), {
      type: "button", className: "link danger", textContent: t("builder.combine_remove"),
    });
    remove.addEventListener("click", () => { current.combine.splice(index, 1); changed(); renderCombine(); });
    li.append(remove);
    noteOn(li, remove, `tpl-err-combination-${index + 1}`, problems.text("combination", index + 1));
    return li;
  }));
  $("c-combine-fields").replaceChildren(...current.fields.filter((f) => !f.checkbox || f.checkbox_text).map((f) => {
    const label = Object.assign(document.createElement("label"), { className: "inline" });
    const box = Object.assign(document.createElement("input"), { type: "checkbox", value: f.name });
    box.name = "combine-field";
    label.append(box, ` ${f.name}`);
    return label;
  }));
}

$("add-combine").addEventListener("click", () => {
  const name = $("c-combine-name").value.trim();
  const fields = [...document.querySelectorAll('input[name="combine-field"]:checked')].map((b) => b.value);
  if (!name || !fields.length) {
    showError({ message: t("builder.combine_need"), details: {} }, { fallback: errorBox });
    return;
  }
  current.combine = [...(current.combine || []), { name, fields, separator: $("c-combine-separator").value }];
  $("c-combine-name").value = "";
  changed();
  renderCombine();
});
$("f-required").addEventListener("change", () => {
  const f = selectedField();
  if (f) { f.validation = { ...f.validation, required: $("f-required").checked }; changed(); }
});
$("f-regex").addEventListener("input", () => {
  const f = selectedField();
  if (f) { f.validation = { ...f.validation, regex: $("f-regex").value }; changed(); }
});
$("delete-box").addEventListener("click", () => editor.deleteSelected());
$("delete-field").addEventListener("click", () => {
  const sel = editor.selection;
  if (sel?.kind !== "field") return;
  current.fields.splice(sel.field, 1);
  editor.select(null);
  changed();
  renderFieldList();
});
$("remove-title").addEventListener("click", () => {
  current.title = null;
  editor.model.title = null;
  editor.select(null);
  changed();
  renderFieldList();
});

// ---- loading a template or a sample ----
function loadImage(src) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(t("builder.image_error")));
    image.src = src;
  });
}

async function open(template) {
  clearErrors(document);
  problems.clear();
  current = template ? structuredClone(template) : blank();
  current.tables = current.tables || [];
  newSample = null;
  editor.setModel(current);
  $("tpl-name").value = current.name;
  $("tpl-validation-url").value = current.validation_url || "";
  $("title-text").value = current.title?.text || "";
  $("editing-name").textContent = current.name ? `— ${current.name}` : "";
  testPanel.reset();
  $("sample-file").value = "";
  // The opened state is the clean one before the sample loads: leaving while it loads drops nothing.
  resetHistory();
  if (template?.sample?.image_url) editor.setImage(await loadImage(localPath(template.sample.image_url)));
  else { editor.image = null; editor.redraw(); }
  renderFieldList();
  renderProps();
  renderTables();
  renderCombine();
}

$("sample-file").addEventListener("change", async () => {
  const file = $("sample-file").files[0];
  if (!file) return;
  fillSlot("tpl-err-sample_image", "");  // "choose a sample first" is answered now
  try {
    const image = await loadImage(URL.createObjectURL(file));
    newSample = await fileToImage(file);
    editor.setImage(image);
    dirty = true;
  } catch {
    newSample = null;  // said at once, not at Save
    showProblems([{ field: "sample_image", key: "builder.bad_sample" }], { prefix: "tpl-err-", fallback: errorBox });
  }
});
$("new-template").addEventListener("click", async () => {
  if (!(await mayDiscard())) return;
  await open(null);
  $("tpl-name").focus();
});
$("tpl-name").addEventListener("input", () => { dirty = true; });
$("tpl-validation-url").addEventListener("input", () => { dirty = true; });

// ---- save ----
function payload() {
  const titleText = $("title-text").value.trim();
  const title = current.title?.box ? { box: current.title.box, ...(titleText ? { text: titleText } : {}) } : null;
  const fields = current.fields.map((f) => {
    const validation = {};
    if (f.validation?.required) validation.required = true;
    if (f.validation?.regex) validation.regex = f.validation.regex;
    const field = {
      name: f.name.trim(),
      boxes: premium ? f.boxes : f.boxes.slice(0, 1),
      value_type: premium ? f.value_type || "text" : "text",
      checkbox: premium ? Boolean(f.checkbox) : false,
      validation,
    };
    // Premium options are kept, never dropped by a save: case on lettered fields, a checkbox's text.
    if (premium && f.case && ["alnum", "alphabet"].includes(field.value_type)) field.case = f.case;
    if (premium && field.checkbox && f.checkbox_text) field.checkbox_text = f.checkbox_text;
    return field;
  });
  const names = new Set(fields.map((f) => f.name));
  const combine = (current.combine || [])
    .map((c) => ({ ...c, fields: c.fields.filter((n) => names.has(n)) }))
    .filter((c) => c.fields.length);
  const body = {
    name: $("tpl-name").value.trim(), title, fields, combine,
    tables: (current.tables || []).map((table) => ({ name: table.name.trim(), box: table.box })),
    validation_url: $("tpl-validation-url").value.trim() || null,
  };
  if (newSample) body.sample_image = newSample;
  return body;
}

/** What the form lacks that needs no server to see, all at once: template-level problems (each
 * next to its input) and definition problems (each next to its part). */
function missing(body) {
  const found = [];
  if (!body.name || body.name.length > 100) found.push({ field: "name", key: "apierror.VALIDATION_ERROR.name" });
  if (!current.id && !newSample) found.push({ field: "sample_image", key: "builder.need_sample" });
  if (body.validation_url && !/^https?:\/\/\S+$/.test(body.validation_url)) {
    found.push({ field: "validation_url", key: "apierror.VALIDATION_ERROR.validation_url" });
  }
  return { form: found, parts: checkDefinition(body) };
}

/** Show the definition problems next to their parts, and select the first part concerned so its
 * panel shows the message beside the input at fault. */
function showPartProblems(parts) {
  if (!parts.length) return;
  parts.forEach((problem) => problems.add(problem));
  problemShape = shape();
  showError({ local: true, message: t("builder.definition_problems"), details: {} }, { fallback: errorBox });
  const first = problems.first();
  if (first.part === "field" && current.fields[first.number - 1]) {
    editor.select({ kind: "field", field: first.number - 1, box: 0 });
  } else if (first.part === "table" && current.tables[first.number - 1]) {
    editor.select({ kind: "table", table: first.number - 1 });
  } else if (first.part === "title" && current.title) {
    editor.select({ kind: "title" });
  }
  renderFieldList();
  renderProps();
  renderTables();
  renderCombine();
}

$("save-template").addEventListener("click", async () => {
  clearErrors(document);
  problems.clear();
  status.textContent = "";
  const body = payload();
  const found = missing(body);
  showProblems(found.form, { prefix: "tpl-err-", fallback: errorBox });
  showPartProblems(found.parts);
  if (found.form.length || found.parts.length) return;
  const warning = current.fields.length ? "" : ` ${t("builder.no_fields")}`;
  try {
    const saved = current.id
      ? await api("PATCH", `${base}/${current.id}`, body)
      : await api("POST", base, body);
    status.textContent = t("builder.saved", { name: saved.name, version: saved.version }) + warning;
    const selection = editor.selection;
    remember(saved);
    await open(saved);
    if (selection) editor.select(selection);
  } catch (error) {
    const { parts, others } = splitProblems(error);
    others.forEach((problem) => showError(problem, { prefix: "tpl-err-", fallback: errorBox }));
    showPartProblems(parts);
  }
});

// ---- list: open, duplicate, delete, deploy ----
// The list is kept from the API's answers rather than re-read after each change: the server commits
// just after it responds, so an immediate re-read could show the state before the change.
let templates = [];

async function refreshList() {
  try {
    ({ data: templates } = await api("GET", base));
  } catch (error) {
    showError(error, { fallback: $("list-error") });
    templates = [];
  }
  renderList();
  return templates;
}

/** Put a template the API returned into the list (replacing the old copy), or drop one by id. */
function remember(template, dropId = null) {
  templates = templates.filter((item) => item.id !== (template?.id ?? dropId));
  if (template) templates.push(template);
  templates.sort((a, b) => a.id - b.id);
  renderList();
}

function renderList() {
  const body = $("template-list").querySelector("tbody");
  body.replaceChildren(...templates.map(row));
  if (!templates.length) {
    const empty = document.createElement("tr");
    empty.append(Object.assign(document.createElement("td"), { colSpan: 5, textContent: t("builder.none") }));
    body.append(empty);
  }
}

function action(label, handler, extra = "") {
  const button = Object.assign(document.createElement("button"), {
    type: "button", className: `link ${extra}`, textContent: label,
  });
  button.addEventListener("click", async () => {
    $("list-error").hidden = true;  // each action says its own outcome
    try { await handler(); } catch (error) { showError(error, { fallback: $("list-error") }); }
  });
  return button;
}

/** The stage changes that mean something from ``stage``: a draft goes to beta or service, a beta
 * to service or back to draft, a service template back to draft. */
const MOVES = {
  draft: ["beta", "service"],
  beta: ["service", "draft"],
  service: ["draft"],
};
let feedback = { id: null, text: "" };  // what the last action did, shown on its own row

function row(template) {
  const tr = document.createElement("tr");
  tr.dataset.templateId = template.id;
  const cells = [template.name, t(`builder.stage.${template.stage}`), String(template.fields.length),
    (template.updated_at || "").slice(0, 16).replace("T", " ")];
  for (const text of cells) tr.append(Object.assign(document.createElement("td"), { textContent: text }));
  const actions = document.createElement("td");
  actions.className = "actions";
  actions.append(
    action(t("builder.open"), async () => { if (await mayDiscard()) await open(template); }),
    action(t("builder.duplicate"), () => duplicate(template)),
    ...(MOVES[template.stage] || []).map((stage) => stage === "draft"
      ? action(t("builder.undeploy"), () => undeploy(template))
      : action(t(`builder.deploy_${stage}`), () => deploy(template, stage))),
    action(t("builder.delete"), () => remove(template), "danger"),
  );
  if (feedback.id === template.id && feedback.text) {
    actions.append(Object.assign(document.createElement("span"), {
      className: "row-status", role: "status", textContent: feedback.text,
    }));
  }
  tr.append(actions);
  return tr;
}

async function deploy(template, stage) {
  if (stage === "service" && !(await ask(t("builder.service_confirm", { name: template.name })))) return;
  feedback = { id: template.id, text: t("builder.deployed", { name: template.name, stage: t(`builder.stage.${stage}`) }) };
  remember(await api("POST", `${base}/${template.id}/deploy`, { stage }));
}

async function undeploy(template) {
  feedback = { id: template.id, text: t("builder.undeployed", { name: template.name }) };
  remember(await api("POST", `${base}/${template.id}/undeploy`));
}

async function remove(template) {
  if (!(await ask(t("builder.delete_confirm", { name: template.name })))) return;
  await api("DELETE", `${base}/${template.id}`);
  if (current.id === template.id) await open(null);
  remember(null, template.id);
}

/** Duplicate: the same definition and sample under a new name (the API has no copy call of its own). */
async function duplicate(template) {
  const response = await api("GET", localPath(template.sample.image_url), undefined, { raw: true });
  const file = new File([await response.blob()], "sample.png", { type: "image/png" });
  const body = {
    name: t("builder.copy_name", { name: template.name }).slice(0, 100),
    sample_image: await fileToImage(file),
    title: template.title?.box ? { box: template.title.box, ...(template.title.text ? { text: template.title.text } : {}) } : null,
    fields: template.fields, tables: template.tables || [], combine: template.combine || [],
    validation_url: template.validation_url || null,
  };
  remember(await api("POST", base, body));
}

const initial = await refreshList();
await open(initial[0] || null);
