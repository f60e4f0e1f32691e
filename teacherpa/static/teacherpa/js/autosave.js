// Autosave status for section forms (htmx). No inline script: the CSP allows only files from this site.
// A save that cannot reach the server is retried; the text stays in the form until a save succeeds.
(function () {
  "use strict";
  var RETRY_MS = 5000;
  function statusOf(form) { return form.querySelector(".save-status"); }
  function say(form, key) {
    var status = statusOf(form);
    if (status && document.body.dataset[key]) { status.textContent = document.body.dataset[key]; }
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target.closest && event.target.closest("form.section-form");
    if (form) { form.dataset.dirty = "saving"; say(form, "savingText"); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest && event.target.closest("form.section-form");
    if (!form) { return; }
    var xhr = event.detail.xhr;
    if (xhr && xhr.status === 200) { delete form.dataset.dirty; return; }
    if (xhr && (xhr.status === 409 || xhr.status === 422)) { form.dataset.dirty = "refused"; return; }
    form.dataset.dirty = "offline";
    say(form, "offlineText");
    window.setTimeout(function () {
      if (form.dataset.dirty === "offline" && window.htmx) { window.htmx.trigger(form, "submit"); }
    }, RETRY_MS);
  });
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("form.section-form[data-dirty]")) { event.preventDefault(); event.returnValue = ""; }
  });
})();
