// Shared by every console page: messages from the catalog, JSON API calls with the CSRF header,
// field-level error display, clipboard copy and file reading.
const csrfMeta = document.querySelector('meta[name="csrf-token"]');
const csrf = csrfMeta ? csrfMeta.content : "";
const messages = JSON.parse(document.body.dataset.messages || "{}");

/** A message from the page's catalog, with {name} placeholders filled. */
export function t(key, values = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? `{${name}}`));
}

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || t("error.generic", { status }));
    this.status = status;
    this.code = error?.code;
    this.details = error?.details || {};
  }
}

/** Call the management API as the signed-in operator; a 401 means the session ran out. */
export async function api(method, path, body, { raw = false, headers = {} } = {}) {
  const init = { method, credentials: "same-origin", headers: { ...headers } };
  if (method !== "GET") init.headers["X-CSRF-Token"] = csrf;
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (raw && response.ok) return response;
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  // A 401 means the session ran out, unless it answers a password the form sent (a wrong current
  // password when changing it): that one is said next to its field.
  if (response.status === 401 && payload?.error?.code !== "INVALID_CREDENTIALS") {
    window.location.assign("/console/login?expired=1");
    throw new ApiError(401, { message: t("error.expired") });
  }
  if (!response.ok) throw new ApiError(response.status, payload?.error);
  return payload;
}

/** Where a template-definition problem is, in the page's language ("Field 2 (name)"). */
function partLabel(details) {
  const part = details.part;
  if (!part) return "";
  const named = details.params?.name !== undefined && details.params?.name !== "";
  const key = `apierror.part.${part}${named ? "" : "_unnamed"}`;
  if (key in messages) return t(key, details.params || {});
  return `apierror.part.${part}` in messages ? t(`apierror.part.${part}`, details.params || {}) : "";
}

/** The error in the page's language: the catalog's text for its key (a template definition's
 * problem, with where it is), else for its code and field, else for its code, else the API's. */
export function messageOf(error) {
  if (error.local) return error.message;  // a client-side check's, already from the catalog
  const details = error.details || {};
  if (details.key && `apierror.${details.key}` in messages) {
    const text = t(`apierror.${details.key}`, details.params || {});
    const where = partLabel(details);
    return where ? `${where}: ${text}` : text;
  }
  const field = details.field;
  for (const key of [field && `apierror.${error.code}.${field}`, `apierror.${error.code}`]) {
    if (key && key in messages) return t(key, details);
  }
  return error.message;
}

/** Every problem an error carries, each shaped as an error of its own: the server names them all
 * at once in ``details.problems`` (a definition's or a request's checks), else the error is one. */
export function problemsOf(error) {
  const listed = error.details?.problems;
  if (!Array.isArray(listed) || !listed.length) return [error];
  return listed.map((problem) => ({
    code: error.code,
    message: problem.message || problem.problem || error.message,
    details: problem,
  }));
}

/** Say `text` in `box`: another message for a box still showing one goes on a line of its own
 * (forms clear their boxes before each submit), the same message is not said twice. */
function say(box, text) {
  const lines = box.hidden ? [] : [...box.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent);
  if (lines.includes(text)) return;
  if (lines.length) box.append(document.createElement("br"), text);
  else box.textContent = text;
  box.hidden = false;
}

/** Show each problem of an API (or client-side) error next to the field it names
 * (`prefix` + details.field, through `alias` when a form names the field otherwise), the rest in
 * `fallback`. The first field in error takes the focus; later ones are only marked. */
export function showError(error, { prefix = "err-", fallback, alias = {} }) {
  for (const problem of problemsOf(error)) {
    const named = problem.details?.field;
    const field = alias[named] ?? named;
    const target = field ? document.getElementById(prefix + field) : null;
    say(target || fallback, messageOf(problem));
    const input = target ? document.querySelector(`[aria-describedby~="${prefix}${field}"]`) : null;
    if (input) {
      const first = !(input.closest("form, section") || document).querySelector('[aria-invalid="true"]');
      input.setAttribute("aria-invalid", "true");
      if (first) input.focus();
    }
  }
}

/** Show client-side problems (``[{field, key, params?}]``: a field and its catalog message) at once. */
export function showProblems(problems, options) {
  for (const { field, key, params = {} } of problems) {
    showError({ local: true, message: t(key, params), details: { field } }, options);
  }
}

export function clearErrors(root) {
  root.querySelectorAll(".field-error, .error").forEach((el) => { el.hidden = true; el.textContent = ""; });
  root.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
}

/** Copy text to the clipboard; falls back to a selection copy where the Clipboard API is refused. */
export async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  if (button) {
    const label = button.textContent;
    button.textContent = t("copied");
    setTimeout(() => { button.textContent = label; }, 1500);
  }
}

/** Wire every `button[data-copy-target]` to copy the text of the element it names. */
export function wireCopyButtons(root = document) {
  root.querySelectorAll("button[data-copy-target]").forEach((button) => {
    button.addEventListener("click", () => {
      const source = document.getElementById(button.dataset.copyTarget);
      copyText(source.value ?? source.textContent, button);
    });
  });
}

/** Read a File as the API's `{format, data}` image object (base64 without the data: prefix). */
export function fileToImage(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const data = String(reader.result).split(",", 2)[1];
      const format = (file.name.split(".").pop() || "png").toLowerCase();
      resolve({ format: format === "jpeg" ? "jpg" : format, data });
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Close buttons and Escape for every <dialog>. */
export function wireDialogs() {
  document.querySelectorAll("dialog .close-dialog").forEach((button) => {
    button.addEventListener("click", () => button.closest("dialog").close());
  });
}

/** Wait until GET `path` answers OK (`exists`) or 404 (`!exists`), for at most ~3 s.
 * The server commits a request's transaction just after sending its response, so a page reloaded
 * at once could still read the old state. */
export async function settle(path, exists = true) {
  for (let i = 0; i < 30; i += 1) {
    const response = await fetch(path, { credentials: "same-origin" });
    if (exists ? response.ok : response.status === 404) return;
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
}

/** Ask in the console's own dialog (never the browser's confirm()): resolves true when confirmed. */
export function ask(text) {
  let dialog = document.getElementById("ask-dialog");
  if (!dialog) {
    dialog = Object.assign(document.createElement("dialog"), { id: "ask-dialog" });
    const form = Object.assign(document.createElement("form"), { method: "dialog" });
    const message = Object.assign(document.createElement("p"), { id: "ask-text" });
    const buttons = Object.assign(document.createElement("div"), { className: "buttons" });
    buttons.append(
      Object.assign(document.createElement("button"), { type: "submit", value: "yes", id: "ask-yes", textContent: t("common.confirm") }),
      Object.assign(document.createElement("button"), { type: "submit", value: "no", id: "ask-no", className: "secondary", textContent: t("common.cancel") }),
    );
    form.append(message, buttons);
    dialog.append(form);
    dialog.setAttribute("aria-labelledby", "ask-text");
    document.body.append(dialog);
  }
  document.getElementById("ask-text").textContent = text;
  dialog.returnValue = "";
  dialog.showModal();
  document.getElementById("ask-no").focus();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "yes"), { once: true });
  });
}

// ---- notices: what an action did, said where the operator is looking (and after a reload) ----
const NOTICE_KEY = "hanji-notice";

/** Show ``{text, href?, label?}`` for a few seconds in a live region at the bottom of the page. */
export function notify(notice) {
  let box = document.getElementById("notice");
  if (!box) {
    box = Object.assign(document.createElement("div"), { id: "notice", className: "toast" });
    box.setAttribute("role", "status");
    document.body.append(box);
  }
  box.replaceChildren(document.createTextNode(notice.text));
  if (notice.href) {
    box.append(" ", Object.assign(document.createElement("a"), { href: notice.href, textContent: notice.label }));
  }
  box.hidden = false;
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => { box.hidden = true; }, notice.href ? 15000 : 6000);
}

/** Say ``notice`` on the next page this tab shows (for actions that reload the page). */
export function notifyNext(notice) {
  sessionStorage.setItem(NOTICE_KEY, JSON.stringify(notice));
}

const pending = sessionStorage.getItem(NOTICE_KEY);
if (pending) {
  sessionStorage.removeItem(NOTICE_KEY);
  notify(JSON.parse(pending));
}

