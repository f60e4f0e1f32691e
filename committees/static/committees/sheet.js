// PA 2 score sheet: running totals as levels are chosen, and autosave that retries while offline.
// No inline script (strict CSP). The server's answer to each save carries the totals too, so the page is
// right without this file; the whole-page "บันทึก" button saves everything without JavaScript.
(function () {
  "use strict";
  var RETRY_MS = 5000;
  var THAI = "๐๑๒๓๔๕๖๗๘๙";

  function format(number, thai) {
    var text = String(Math.round(number * 100) / 100);
    return thai ? text.replace(/[0-9]/g, function (d) { return THAI.charAt(Number(d)); }) : text;
  }

  function recompute(form) {
    var bar = document.getElementById("sheet-totals");
    if (!bar) { return; }
    var parts = { "1": 0, "2": 0 };
    var chosen = 0;
    form.querySelectorAll("input[type=radio][data-points]:checked").forEach(function (radio) {
      parts[radio.dataset.part] = (parts[radio.dataset.part] || 0) + parseFloat(radio.dataset.points);
      chosen += 1;
    });
    var thai = bar.dataset.thaiDigits === "true";
    var values = { "total-part1": parts["1"], "total-part2": parts["2"], "total-all": parts["1"] + parts["2"], "total-chosen": chosen };
    Object.keys(values).forEach(function (id) {
      var element = document.getElementById(id);
      if (element) { element.textContent = format(values[id], thai); }
    });
  }

  function itemOf(element) { return element && element.closest ? element.closest("[data-sheet-item]") : null; }
  // The sheet's own short texts first: a status that grows to several lines would move the radio
  // under a finger between touch and release.
  function say(item, key) {
    var status = item.querySelector(".save-status");
    var form = item.closest("form");
    var text = (form && form.dataset[key]) || document.body.dataset[key];
    if (status && text) { status.textContent = text; }
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form.sheet-form");
    if (form && event.target.matches("input[type=radio][data-points]")) { recompute(form); }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var item = itemOf(event.detail.elt);
    if (item) { item.dataset.dirty = "saving"; say(item, "savingText"); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var source = event.detail.elt;
    var item = itemOf(source);
    if (!item) { return; }
    var xhr = event.detail.xhr;
    if (xhr && xhr.status === 200) { delete item.dataset.dirty; return; }
    if (xhr && (xhr.status === 409 || xhr.status === 422)) { item.dataset.dirty = "refused"; return; }
    // Not reached or a server error: the choice stays on screen and is sent again.
    item.dataset.dirty = "offline";
    say(item, "offlineText");
    window.setTimeout(function () {
      if (item.dataset.dirty === "offline" && window.htmx) { window.htmx.trigger(source, "change"); }
    }, RETRY_MS);
  });
  window.addEventListener("online", function () {
    document.querySelectorAll("[data-sheet-item][data-dirty=offline] [hx-post]").forEach(function (element) {
      if (window.htmx) { window.htmx.trigger(element, "change"); }
    });
  });
  // Submitting or saving the whole sheet carries every field, so leaving for it loses nothing.
  var submitting = false;
  document.addEventListener("submit", function (event) {
    if (event.target && event.target.querySelector && event.target.querySelector("[data-sheet-item]")) { submitting = true; }
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting) { return; }
    if (document.querySelector("[data-sheet-item][data-dirty=offline], [data-sheet-item][data-dirty=saving]")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
