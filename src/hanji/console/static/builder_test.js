// The builder's Test panel: this template (whatever its stage), or what a call to the Beta or
// Service deployment would match; the values read, the tables read in table areas, which
// template matched, and the preview with the boxes drawn.
import { api, showError, t } from "./api.js";

const $ = (id) => document.getElementById(id);

function target() {
  return document.querySelector('input[name="test-target"]:checked').value;
}

function say(box, message) {
  showError({ local: true, message, details: {} }, { fallback: box });
}

function cellText(cell) {
  return (cell.cellTextLines || [])
    .map((line) => (line.cellWords || []).map((word) => word.inferText).join(" "))
    .join(" ");
}

/** One table area's result as an HTML table: cells in row-major order, their spans kept. */
function tableOf(area) {
  const box = Object.assign(document.createElement("div"), { className: "table-result" });
  box.dataset.table = area.name;
  box.append(Object.assign(document.createElement("h3"), { textContent: t("builder.table_result", { name: area.name }) }));
  if (!area.cells?.length) {
    box.append(Object.assign(document.createElement("p"), { className: "hint", textContent: t("builder.table_empty") }));
    return box;
  }
  const rows = new Map();
  const cells = [...area.cells].sort((a, b) => a.rowIndex - b.rowIndex || a.columnIndex - b.columnIndex);
  for (const cell of cells) {
    if (!rows.has(cell.rowIndex)) rows.set(cell.rowIndex, document.createElement("tr"));
    const td = Object.assign(document.createElement("td"), {
      textContent: cellText(cell), rowSpan: cell.rowSpan || 1, colSpan: cell.columnSpan || 1,
    });
    td.dataset.row = cell.rowIndex;
    td.dataset.column = cell.columnIndex;
    rows.get(cell.rowIndex).append(td);
  }
  const body = document.createElement("tbody");
  body.append(...[...rows.keys()].sort((a, b) => a - b).map((r) => rows.get(r)));
  const table = Object.assign(document.createElement("table"), { className: "grid" });
  table.append(body);
  const scroll = Object.assign(document.createElement("div"), { className: "scroll" });
  scroll.append(table);
  box.append(scroll);
  return box;
}

function showResult(result, localPath, testError) {
  const image = result.images?.[0] || {};
  const rows = [];
  if (image.title) rows.push([t("builder.title_area"), image.title.inferText, image.title.inferConfidence]);
  for (const field of image.fields || []) {
    const text = field.type === "CHECKBOX" ? `${field.checked ? "☑" : "☐"} ${field.inferText || ""}` : field.inferText;
    rows.push([field.name, text, field.inferConfidence]);
  }
  $("test-values").querySelector("tbody").replaceChildren(...rows.map(([name, text, conf]) => {
    const tr = document.createElement("tr");
    tr.dataset.field = name;
    for (const value of [name, text ?? "", conf == null ? "" : Number(conf).toFixed(2)]) {
      tr.append(Object.assign(document.createElement("td"), { textContent: value }));
    }
    return tr;
  }));
  const matched = image.matchedTemplate;
  $("test-matched").textContent = matched
    ? t("builder.matched", { name: matched.name, id: matched.id })
    : t("builder.not_matched");
  if (image.inferResult === "ERROR") say(testError, image.message || "");
  $("test-tables").replaceChildren(...(image.tables || []).map(tableOf));
  if (result.preview_url) $("test-preview").src = localPath(result.preview_url);
  else $("test-preview").removeAttribute("src");
  $("test-result").hidden = false;
}

/** Wire the panel; ``templateId()`` is the open template's id (null for an unsaved one). */
export function wireTestPanel({ base, templateId, localPath, status }) {
  const button = $("run-test");
  const testError = $("test-error");
  const sync = () => { button.disabled = target() === "draft" && !templateId(); };
  document.querySelectorAll('input[name="test-target"]').forEach((radio) => radio.addEventListener("change", sync));

  button.addEventListener("click", async () => {
    const file = $("test-file").files[0];
    const stage = target();
    testError.hidden = true;
    testError.textContent = "";
    if (stage === "draft" && !templateId()) { say(testError, t("builder.need_test_image")); return; }
    if (!file) { say(testError, t("builder.need_test_file")); return; }
    const form = new FormData();
    form.append("file", file);
    button.disabled = true;
    status.textContent = t("builder.testing");
    try {
      const path = stage === "draft" ? `${base}/${templateId()}/test` : `${base}/test?stage=${stage}`;
      showResult(await api("POST", path, form), localPath, testError);
      status.textContent = t("builder.tested");
    } catch (error) {
      $("test-result").hidden = true;
      status.textContent = "";
      // Nothing deployed there (CLOVA's 1021): said with the stage the operator chose.
      if (error.code === "1021") say(testError, t("builder.nothing_deployed", { stage: t(`builder.stage.${stage}`) }));
      else showError(error, { fallback: testError });
    } finally {
      sync();
    }
  });
  return {
    sync,
    reset() {
      $("test-result").hidden = true;
      sync();
    },
  };
}
