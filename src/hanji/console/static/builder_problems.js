// Template-definition problems: some checked here before a save, the rest named by the server,
// each kept with the part it concerns (a field, a table area, a combination, the title area) so
// the builder shows it next to that part, in the page's language, and every one at once.
import { messageOf, problemsOf } from "./api.js";

const NAME_LIMIT = 100;
const PARTS = new Set(["field", "table", "combination", "title"]);
// The input of a part's panel that a problem's path points at: fields[1].validation.regex -> regex.
const SLOTS = {
  field: {
    name: "name", boxes: "boxes", value_type: "type", checkbox: "checkbox",
    checkbox_text: "checkbox", case: "case", validation: "regex",
  },
  table: { name: "name", box: "box" },
  title: { box: "box", text: "box", name: "box" },
};

function slotOf(details) {
  const tail = (details.field || "").replace(/^(fields|tables|combine)\[\d+\]\.?|^title\.?/, "");
  return SLOTS[details.part]?.[tail.split(/[.[]/)[0]] ?? null;
}

/** The problems of the last save, by part. */
export class PartProblems {
  constructor() {
    this.items = [];
  }

  clear() {
    this.items = [];
  }

  get count() {
    return this.items.length;
  }

  add(problem) {
    const details = problem.details;
    this.items.push({
      part: details.part,
      number: details.params?.number ?? null,
      slot: slotOf(details),
      message: messageOf(problem),
    });
  }

  /** The messages about one part (``number``: one-based), of one panel input when ``slot`` is given. */
  text(part, number = null, slot = undefined) {
    return this.items
      .filter((item) => item.part === part && (number === null || item.number === number))
      .filter((item) => slot === undefined || item.slot === slot)
      .map((item) => item.message)
      .join(" ");
  }

  first() {
    return this.items[0] ?? null;
  }
}

/** An error's problems split in two: those about a part of the definition, and the others. */
export function splitProblems(error) {
  const parts = [];
  const others = [];
  for (const problem of problemsOf(error)) (PARTS.has(problem.details?.part) ? parts : others).push(problem);
  return { parts, others };
}

/** A problem found here, in the server's shape, so one path shows both. */
function found(part, list, index, key, params) {
  return {
    code: "VALIDATION_ERROR",
    message: "",
    details: { field: `${list}[${index}].name`, key: `definition.${key}`, part, params: { number: index + 1, ...params } },
  };
}

/** What the definition about to be saved lacks, that needs no server to see: names, all at once. */
export function checkDefinition(body) {
  const problems = [];
  const seen = new Map();
  body.fields.forEach((field, k) => {
    if (!field.name || field.name.length > NAME_LIMIT) {
      problems.push(found("field", "fields", k, "name_invalid", { limit: NAME_LIMIT }));
    } else if (seen.has(field.name)) {
      problems.push(found("field", "fields", k, "fields_duplicate", { name: field.name, other: seen.get(field.name) + 1 }));
    } else {
      seen.set(field.name, k);
    }
  });
  body.tables.forEach((table, k) => {
    if (!table.name || table.name.length > NAME_LIMIT) {
      problems.push(found("table", "tables", k, "name_invalid", { limit: NAME_LIMIT }));
    }
  });
  return problems;
}

/** Put ``text`` (if any) under a list item, tied to its button. */
export function noteOn(item, control, id, text) {
  if (!text) return;
  item.append(Object.assign(document.createElement("p"), { className: "field-error", id, textContent: text }));
  control.setAttribute("aria-invalid", "true");
  control.setAttribute("aria-describedby", id);
}

/** Fill an error slot of a panel (empty text: hidden) and mark its input. */
export function fillSlot(id, text) {
  const slot = document.getElementById(id);
  slot.textContent = text;
  slot.hidden = !text;
  const input = document.querySelector(`[aria-describedby~="${id}"]`);
  if (!input) return;
  if (text) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}
