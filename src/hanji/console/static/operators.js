// Operators page (admins): create operators, change role and domains, reset passwords, delete.
import { api, ask, clearErrors, showError, t, wireCopyButtons, wireDialogs } from "./api.js";

wireCopyButtons();
wireDialogs();
const dialog = document.getElementById("operator-dialog");
const form = document.getElementById("operator-form");
const listError = document.getElementById("list-error");
let editing = null;

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
    try {
      await api("DELETE", `/api/v1/operators/${encodeURIComponent(row.dataset.username)}`);
      row.remove();
    } catch (error) {
      showError(error, { fallback: listError });
    }
  });
});
