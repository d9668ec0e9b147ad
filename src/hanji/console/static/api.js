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
  if (response.status === 401) {
    window.location.assign("/console/login?expired=1");
    throw new ApiError(401, { message: t("error.expired") });
  }
  if (raw && response.ok) return response;
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, payload?.error);
  return payload;
}

/** The error in the page's language: the catalog's text for its code (and field), else the API's. */
export function messageOf(error) {
  const field = error.details?.field;
  for (const key of [field && `apierror.${error.code}.${field}`, `apierror.${error.code}`]) {
    if (key && key in messages) return t(key, error.details);
  }
  return error.message;
}

/** Show an API error next to the field it names (error.details.field), else in `fallback`. */
export function showError(error, { prefix = "err-", fallback }) {
  const field = error.details?.field;
  const target = field ? document.getElementById(prefix + field) : null;
  const box = target || fallback;
  box.textContent = messageOf(error);
  box.hidden = false;
  const input = field ? document.querySelector(`[aria-describedby~="${prefix}${field}"]`) : null;
  if (input) {
    input.setAttribute("aria-invalid", "true");
    input.focus();
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

