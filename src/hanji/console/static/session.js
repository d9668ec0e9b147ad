// Sign out: DELETE the session with the page's CSRF token, then go to the login page.
const button = document.getElementById("sign-out");
if (button) {
  button.addEventListener("click", async () => {
    await fetch("/api/v1/session", { method: "DELETE", headers: { "X-CSRF-Token": button.dataset.csrf } });
    window.location.assign("/console/login");
  });
}
