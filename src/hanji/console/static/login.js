// Sign in through the JSON API; the server sets the HttpOnly session cookie.
import { settle, t } from "./api.js";

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
  error.textContent = payload?.error?.message ?? t("error.generic", { status: response.status });
  error.hidden = false;
});
