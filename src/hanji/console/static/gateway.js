// Gateway page: create/revoke secret keys, regenerate invoke URLs, fill examples with a new secret.
import { api, ask, notify, showError, t, wireCopyButtons, wireDialogs } from "./api.js";

const root = document.getElementById("gateway");
const domainId = root.dataset.domainId;
const placeholder = root.dataset.placeholder;
const keyError = document.getElementById("key-error");
wireCopyButtons();
wireDialogs();

function cell(text) {
  return Object.assign(document.createElement("td"), { textContent: text });
}

function wireRevoke(button) {
  button.addEventListener("click", async () => {
    if (!(await ask(t("gateway.revoke_confirm")))) return;
    try {
      await api("DELETE", `/api/v1/domains/${domainId}/secret-keys/${button.dataset.keyId}`);
      button.closest("tr").remove();
      notify({ text: t("notice.key_revoked") });
    } catch (error) {
      showError(error, { fallback: keyError });
    }
  });
}
document.querySelectorAll(".revoke-key").forEach(wireRevoke);

document.getElementById("create-key").addEventListener("click", async () => {
  keyError.hidden = true;
  try {
    const key = await api("POST", `/api/v1/domains/${domainId}/secret-keys`);
    document.getElementById("new-secret").textContent = key.secret;
    document.getElementById("new-key").hidden = false;
    // The secret is shown once: put it into the examples now so they can be pasted as they are.
    document.querySelectorAll("pre.example").forEach((pre) => {
      pre.textContent = pre.textContent.replaceAll(placeholder, key.secret);
    });
    const row = document.createElement("tr");
    row.dataset.keyId = key.id;
    const revoke = Object.assign(document.createElement("button"), {
      type: "button", className: "link danger revoke-key", textContent: t("gateway.revoke"),
    });
    revoke.dataset.keyId = key.id;
    wireRevoke(revoke);
    const actions = document.createElement("td");
    actions.append(revoke);
    row.append(cell(`${key.prefix}…`), cell(key.created_at.slice(0, 16).replace("T", " ")), cell("—"), actions);
    document.querySelector("#key-table tbody").append(row);
  } catch (error) {
    showError(error, { fallback: keyError });
  }
});

// ---- regenerate: the old URL stops working at once, so ask first ----
const dialog = document.getElementById("regenerate-dialog");
let regenerating = null;
document.querySelectorAll(".regenerate").forEach((button) => {
  button.addEventListener("click", () => {
    regenerating = button.dataset.kind;
    dialog.showModal();
  });
});
document.getElementById("regenerate-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  dialog.close();
  try {
    const fresh = await api("POST", `/api/v1/domains/${domainId}/invoke-urls/${regenerating}/regenerate`);
    const code = document.getElementById(`url-${regenerating}`);
    const old = code.textContent;
    code.textContent = fresh.url;
    notify({ text: t("notice.url_regenerated") });
    for (const id of [`curl-${regenerating}`, `python-${regenerating}`]) {
      const pre = document.getElementById(id);
      pre.textContent = pre.textContent.replaceAll(old, fresh.url);
    }
  } catch (error) {
    showError(error, { fallback: document.getElementById("url-error") });
  }
});
