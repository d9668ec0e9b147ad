// Statistics: download the same filter as CSV from the stats API (it answers CSV to Accept: text/csv).
import { api, showError } from "./api.js";

const button = document.getElementById("csv-download");
button.addEventListener("click", async () => {
  try {
    const response = await api("GET", `/api/v1/stats/calls?${button.dataset.query}`, undefined, {
      raw: true, headers: { Accept: "text/csv" },
    });
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement("a"), { href: url, download: "hanji-calls.csv" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (error) {
    showError(error, { fallback: document.getElementById("stats-error") });
  }
});
