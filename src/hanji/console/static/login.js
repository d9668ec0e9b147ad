// Sign in through the JSON API; the server sets the HttpOnly session cookie.
import { messageOf, settle, t } from "./api.js";

const form = document.getElementById("login-form");
const error = document.getElementById("login-error");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  const body = { username: form.username.value, password: form.password.value };
  const response = await fetch("/api/v1/session", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) {
    await settle("/api/v1/session");
    window.location.assign("/console/");
    return;
  }
  const payload = await response.json().catch(() => ({}));
  // In the page's language: the catalog's text for the code (wrong password, too many attempts).
  const failed = payload?.error || {};
  error.textContent = messageOf({
    code: failed.code, details: failed.details || {}, message: failed.message ?? t("error.generic", { status: response.status }),
  });
  error.hidden = false;
});
