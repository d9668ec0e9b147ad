// Account page: change one's password, create and revoke one's API tokens.
import { api, ask, clearErrors, notify, showError, showProblems, t, wireCopyButtons } from "./api.js";

wireCopyButtons();
const minPassword = Number(document.getElementById("p-new").getAttribute("minlength")) || 12;
const passwordForm = document.getElementById("password-form");
passwordForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(passwordForm);
  document.getElementById("password-done").hidden = true;
  const data = new FormData(passwordForm);
  const problems = [];
  if (!data.get("current_password")) {
    problems.push({ field: "current_password", key: "apierror.VALIDATION_ERROR.current_password" });
  }
  if (String(data.get("new_password") || "").length < minPassword) {
    problems.push({ field: "new_password", key: "apierror.VALIDATION_ERROR.password" });
  }
  const fallback = document.getElementById("password-error");
  if (problems.length) {
    showProblems(problems, { fallback });
    return;
  }
  try {
    await api("PUT", "/api/v1/me/password", {
      current_password: data.get("current_password"),
      new_password: data.get("new_password"),
    });
    passwordForm.reset();
    document.getElementById("password-done").hidden = false;
  } catch (error) {
    const field = error.code === "INVALID_CREDENTIALS" ? "current_password" : undefined;
    if (field) error.details = { ...error.details, field };
    // The API names the new password "password" (its rule), the form "new_password".
    showError(error, { fallback, alias: { password: "new_password" } });
  }
});

const tokenError = document.getElementById("token-error");
function wireRevoke(button) {
  button.addEventListener("click", async () => {
    if (!(await ask(t("account.revoke_confirm")))) return;
    try {
      await api("DELETE", `/api/v1/tokens/${button.dataset.tokenId}`);
      button.closest("tr").remove();
      notify({ text: t("notice.token_revoked") });
    } catch (error) {
      showError(error, { fallback: tokenError });
    }
  });
}
document.querySelectorAll(".revoke-token").forEach(wireRevoke);

function cell(text) {
  return Object.assign(document.createElement("td"), { textContent: text });
}

const tokenForm = document.getElementById("token-form");
tokenForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(tokenForm);
  tokenError.hidden = true;
  const data = new FormData(tokenForm);
  const days = data.get("expires_in_days");
  const problems = [];
  const name = String(data.get("name") || "").trim();
  if (!name || name.length > 100) problems.push({ field: "name", key: "apierror.VALIDATION_ERROR.name" });
  if (days && !(Number.isInteger(Number(days)) && Number(days) >= 1 && Number(days) <= 3650)) {
    problems.push({ field: "expires_in_days", key: "apierror.VALIDATION_ERROR.expires_in_days" });
  }
  if (problems.length) {
    showProblems(problems, { fallback: tokenError });
    return;
  }
  try {
    const token = await api("POST", "/api/v1/tokens", {
      name,
      expires_in_days: days ? Number(days) : null,
    });
    document.getElementById("new-token-secret").textContent = token.token;
    document.getElementById("new-token").hidden = false;
    const row = document.createElement("tr");
    row.dataset.tokenId = token.id;
    const revoke = Object.assign(document.createElement("button"), {
      type: "button", className: "link danger revoke-token", textContent: t("gateway.revoke"),
    });
    revoke.dataset.tokenId = token.id;
    wireRevoke(revoke);
    const actions = document.createElement("td");
    actions.append(revoke);
    const expires = token.expires_at ? token.expires_at.slice(0, 16).replace("T", " ") : t("account.never");
    row.append(cell(token.name), cell(`${token.token.slice(0, 8)}…`),
      cell(token.created_at.slice(0, 16).replace("T", " ")), cell("—"), cell(expires), actions);
    document.querySelector("#token-table tbody").append(row);
    tokenForm.reset();
  } catch (error) {
    showError(error, { fallback: tokenError });
  }
});
