// Try page: send a file through the domain's own flow, draw what came back over the image, and
// download it as JSON, CSV or Excel.
import { api, clearErrors, showError, t } from "./api.js";

const root = document.getElementById("try");
const domainId = root.dataset.domainId;
const form = document.getElementById("try-form");
const canvas = document.getElementById("try-canvas");
let result = null;

/** Every box the answer holds, with its text: words (General), fields (Template), values (Document). */
function items(body) {
  const found = [];
  const SKIP = new Set(["boundingPoly", "boundingPolys", "maskingPolys", "formatted"]);
  const visit = (value, label) => {
    if (Array.isArray(value)) { value.forEach((v) => visit(v, label)); return; }
    if (!value || typeof value !== "object") return;
    // A Document value has boundingPolys (one per part) where words and fields have one boundingPoly.
    const poly = value.boundingPoly?.vertices ?? value.boundingPolys?.[0]?.vertices;
    const own = typeof value.name === "string" ? value.name : "";  // a receipt's "name" is a value
    const text = value.inferText ?? value.text ?? value.formatted?.value;
    if (poly && typeof text === "string") found.push({ text, label: own || label || "", poly });
    for (const [key, child] of Object.entries(value)) {
      if (SKIP.has(key)) continue;
      // Document values are named by their place in the result ("storeInfo.name").
      const path = label ? `${label}.${key}` : key;
      const placed = (Array.isArray(child) || typeof child === "object") && key !== "result";
      visit(child, own || (placed ? path : label));
    }
  };
  // The page entry's own "name" is the file's; labels come from fields and document keys below it.
  const image = body.images?.[0] || {};
  for (const [key, child] of Object.entries(image)) {
    if (key !== "name" && key !== "tables" && key !== "keyValues") visit(child, "");
  }
  // A label paired with its value: the value's box, named by the label printed beside it.
  for (const pair of image.keyValues || []) {
    const poly = pair.value?.boundingPoly?.vertices;
    if (poly) found.push({ text: pair.value.text, label: pair.key?.text ?? "", poly });
  }
  // A table's cells, each with its text and place ("Table 1 · row 2, column 3"), not its words.
  (image.tables || []).forEach((table, n) => {
    for (const cell of table.cells || []) {
      const poly = cell.boundingPoly?.vertices;
      const text = (cell.cellTextLines || []).map((line) => (line.cellWords || []).map((w) => w.inferText).join(" ")).join(" ");
      const place = { table: table.name || n + 1, row: cell.rowIndex + 1, column: cell.columnIndex + 1 };
      if (poly) found.push({ text, label: t("try.cell", place), poly });
    }
  });
  return found;
}

function draw(image, found) {
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  context.lineWidth = Math.max(2, image.naturalWidth / 500);
  context.strokeStyle = "#1f6feb";
  context.fillStyle = "rgb(31 111 235 / 12%)";
  for (const item of found) {
    context.beginPath();
    item.poly.forEach((p, i) => (i ? context.lineTo(p.x, p.y) : context.moveTo(p.x, p.y)));
    context.closePath();
    context.fill();
    context.stroke();
  }
}

function list(found) {
  const ol = document.getElementById("try-items");
  ol.replaceChildren(...found.map((item) => {
    const li = document.createElement("li");
    if (item.label) li.append(Object.assign(document.createElement("strong"), { textContent: `${item.label}: ` }));
    li.append(document.createTextNode(item.text));
    return li;
  }));
}

function loadImage(file) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(t("try.no_preview")));
    image.src = URL.createObjectURL(file);
  });
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const file = document.getElementById("try-file").files[0];
  if (!file) {
    showError({ message: t("try.need_file"), details: { field: "file" } }, { fallback: document.getElementById("try-error") });
    return;
  }
  const params = new URLSearchParams();
  const lang = document.getElementById("try-lang").value;
  if (lang) params.set("lang", lang);
  const kind = document.getElementById("try-kind");
  if (kind) params.set("kind", kind.value);
  if (document.getElementById("try-tables")?.checked) params.set("tables", "true");
  if (document.getElementById("try-key-values")?.checked) params.set("key_values", "true");
  const data = new FormData();
  data.append("file", file);
  const run = document.getElementById("try-run");
  run.disabled = true;
  run.textContent = t("try.running");
  try {
    result = await api("POST", `/api/v1/domains/${domainId}/try?${params}`, data);
    const found = items(result);
    const image = result.images?.[0] || {};
    const message = image.message && image.message !== image.inferResult ? image.message : "";
    document.getElementById("try-summary").textContent = t("try.summary", {
      result: image.inferResult || "", count: found.length, message,
    });
    list(found);
    document.getElementById("try-result").hidden = false;
    try {
      draw(await loadImage(file), found);
    } catch {
      canvas.width = 0;  // a PDF: no picture here, the boxes are still listed
    }
  } catch (error) {
    showError(error, { fallback: document.getElementById("try-error") });
  } finally {
    run.disabled = false;
    run.textContent = t("try.run");
  }
});

function save(blob, name) {
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

document.getElementById("download-json").addEventListener("click", () => {
  save(new Blob([JSON.stringify(result, null, 2)], { type: "application/json" }), `domain-${domainId}-try.json`);
});
for (const format of ["csv", "xlsx"]) {
  document.getElementById(`download-${format}`).addEventListener("click", async () => {
    try {
      const response = await api("POST", `/api/v1/results/export?format=${format}`, result, { raw: true });
      save(await response.blob(), `domain-${domainId}-try.${format}`);
    } catch (error) {
      showError(error, { fallback: document.getElementById("try-error") });
    }
  });
}
