// Operators page (admins): create operators, change role and domains, reset passwords, delete.
import { api, ask, clearErrors, showError, showProblems, t, wireCopyButtons, wireDialogs } from "./api.js";

wireCopyButtons();
wireDialogs();
const dialog = document.getElementById("operator-dialog");
const form = document.getElementById("operator-form");
const listError = document.getElementById("list-error");
let editing = null;
// As hanji.services.management.operators.USERNAME_PATTERN.
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

function showIssued(username, password) {
  if (!password) return;
  document.getElementById("issued-user").textContent = username;
  document.getElementById("issued-password").textContent = password;
  document.getElementById("issued").hidden = false;
}

function open(row) {
  editing = row ? row.dataset.username : null;
  clearErrors(form);
  form.reset();
  document.getElementById("operator-title").textContent = editing ? `${t("operators.edit")}: ${editing}` : t("operators.create");
  const username = document.getElementById("o-username");
  username.disabled = Boolean(editing);
  if (row) {
    username.value = editing;
    document.getElementById("o-role").value = row.dataset.role;
    const given = new Set(row.dataset.domainIds.split(",").filter(Boolean));
    form.querySelectorAll('input[name="domain_ids"]').forEach((box) => { box.checked = given.has(box.value); });
  }
  dialog.showModal();
}

document.getElementById("open-create").addEventListener("click", () => open(null));
document.querySelectorAll(".edit-operator").forEach((button) => {
  button.addEventListener("click", () => open(button.closest("tr")));
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors(form);
  const data = new FormData(form);
  const body = { role: data.get("role"), domain_ids: data.getAll("domain_ids").map(Number) };
  const problems = [];
  if (!editing && !USERNAME.test(data.get("username") || "")) {
    problems.push({ field: "username", key: "apierror.VALIDATION_ERROR.username" });
  }
  if (!body.role) problems.push({ field: "role", key: "apierror.VALIDATION_ERROR.role" });
  if (problems.length) {
    showProblems(problems, { fallback: document.getElementById("operator-error") });
    return;
  }
  try {
    if (editing) {
      await api("PATCH", `/api/v1/operators/${encodeURIComponent(editing)}`, body);
      window.location.reload();
    } else {
      const created = await api("POST", "/api/v1/operators", { username: data.get("username"), ...body });
      dialog.close();
      showIssued(created.username, created.password);
      document.getElementById("issued").insertAdjacentHTML("beforeend", `<p>${t("operators.reload")}</p>`);
    }
  } catch (error) {
    showError(error, { fallback: document.getElementById("operator-error") });
  }
});

document.querySelectorAll(".reset-password").forEach((button) => {
  button.addEventListener("click", async () => {
    const username = button.closest("tr").dataset.username;
    if (!(await ask(t("operators.reset_confirm", { username })))) return;
    listError.hidden = true;
    try {
      const issued = await api("POST", `/api/v1/operators/${encodeURIComponent(username)}/password`, {});
      showIssued(username, issued.password);
    } catch (error) {
      showError(error, { fallback: listError });
    }
  });
});

document.querySelectorAll(".delete-operator").forEach((button) => {
  button.addEventListener("click", async () => {
    const row = button.closest("tr");
    if (!(await ask(t("operators.delete_confirm", { username: row.dataset.username })))) return;
    listError.hidden = true;
    try {
      await api("DELETE", `/api/v1/operators/${encodeURIComponent(row.dataset.username)}`);
      row.remove();
    } catch (error) {
      showError(error, { fallback: listError });
    }
  });
});
