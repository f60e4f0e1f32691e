/* Chunked, resumable evidence uploads.
 *
 * Takes over every <form data-evidence-upload>: without JavaScript the same form posts the whole file
 * in one request. Protocol (JSON):
 *   POST start-url (name, size, agreement, section, shared)  → {id, offset, chunk_size, url, finish_url}
 *   POST url, body = bytes, Content-Range: bytes a-b/size      → {offset}; 409 {offset} when the server
 *                                                                  stands elsewhere: continue from there
 *   GET url                                                      → {offset}: where to resume after a failure
 *   POST finish_url (next)                                       → {redirect}
 * An upload survives a reload too: the session URL is kept in localStorage under the file's name, size
 * and date, and picking the same file again continues it.
 */
(function () {
  "use strict";

  var RETRY_LIMIT = 8;

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function storageKey(file, target) {
    return ["evidence-upload", target, file.name, file.size, file.lastModified].join(":");
  }

  function remember(key, url) {
    try { window.localStorage.setItem(key, url); } catch (ignored) { /* storage off: no resume after reload */ }
  }

  function forget(key) {
    try { window.localStorage.removeItem(key); } catch (ignored) { /* storage off */ }
  }

  function remembered(key) {
    try { return window.localStorage.getItem(key); } catch (ignored) { return null; }
  }

  function Uploader(form) {
    this.form = form;
    this.input = form.querySelector("input[type=file]");
    this.button = form.querySelector("button[type=submit]");
    this.progress = form.querySelector("progress");
    this.status = form.querySelector(".evidence-status");
    this.token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  Uploader.prototype.text = function (name) {
    return this.form.getAttribute("data-text-" + name) || "";
  };

  Uploader.prototype.say = function (message, isError) {
    this.status.textContent = message;
    this.status.classList.toggle("error", Boolean(isError));
  };

  Uploader.prototype.show = function (offset, size) {
    var percent = size ? Math.floor((offset * 100) / size) : 0;
    this.progress.hidden = false;
    this.progress.value = percent;
    this.say(this.text("uploading") + " " + percent + "%");
  };

  Uploader.prototype.post = function (url, fields) {
    var body = new FormData();
    Object.keys(fields).forEach(function (key) { body.append(key, fields[key]); });
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": this.token, Accept: "application/json" }
    });
  };

  Uploader.prototype.field = function (name) {
    var input = this.form.querySelector("input[name=" + name + "]");
    return input ? input.value : "";
  };

  Uploader.prototype.key = function (file) {
    return storageKey(file, this.field("agreement") + "/" + this.field("section"));
  };

  Uploader.prototype.open = async function (file) {
    var url = remembered(this.key(file));
    if (url) {
      var response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) { return response.json(); }
      forget(this.key(file));
    }
    var started = await this.post(this.form.getAttribute("data-start-url"), {
      name: file.name,
      size: String(file.size),
      agreement: this.field("agreement"),
      section: this.field("section"),
      shared: this.field("shared") || "on"
    });
    var state = await started.json();
    if (!started.ok) { throw new Error(state.error || this.text("failed")); }
    remember(this.key(file), state.url);
    return state;
  };

  Uploader.prototype.currentOffset = async function (state) {
    var response = await fetch(state.url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) { throw new Error(this.text("failed")); }
    return (await response.json()).offset;
  };

  Uploader.prototype.send = async function (file, state) {
    var offset = state.offset;
    var failures = 0;
    while (offset < file.size) {
      var end = Math.min(offset + state.chunk_size, file.size);
      this.show(offset, file.size);
      var response;
      try {
        response = await fetch(state.url, {
          method: "POST",
          body: file.slice(offset, end),
          credentials: "same-origin",
          headers: {
            "X-CSRFToken": this.token,
            "Content-Type": "application/octet-stream",
            "Content-Range": "bytes " + offset + "-" + (end - 1) + "/" + file.size,
            Accept: "application/json"
          }
        });
      } catch (dropped) {
        response = null;
      }
      if (response && (response.ok || response.status === 409)) {
        offset = (await response.json()).offset;
        failures = 0;
        continue;
      }
      if (response && response.status >= 400 && response.status < 500 && response.status !== 408) {
        var refused = await response.json().catch(function () { return {}; });
        forget(this.key(file));
        throw new Error(refused.error || this.text("failed"));
      }
      failures += 1;
      if (failures > RETRY_LIMIT) { throw new Error(this.text("failed")); }
      this.say(this.text("resuming"));
      await sleep(Math.min(30000, 1000 * Math.pow(2, failures)));
      try { offset = await this.currentOffset(state); } catch (stillDown) { /* try again after the next wait */ }
    }
    this.show(file.size, file.size);
  };

  Uploader.prototype.finish = async function (file, state) {
    this.say(this.text("checking"));
    var response = await this.post(state.finish_url, { next: this.field("next") || window.location.pathname });
    var result = await response.json().catch(function () { return {}; });
    forget(this.key(file));
    if (!response.ok) { throw new Error(result.error || this.text("failed")); }
    this.say(this.text("done"));
    var target = new URL(result.redirect || window.location.href, window.location.href);
    if (target.pathname === window.location.pathname && target.search === window.location.search) {
      window.location.hash = target.hash;
      window.location.reload();
    } else {
      window.location.assign(target.href);
    }
  };

  Uploader.prototype.run = async function () {
    var file = this.input.files && this.input.files[0];
    if (!file) { this.say(this.text("choose"), true); return; }
    this.button.disabled = true;
    try {
      var state = await this.open(file);
      await this.send(file, state);
      await this.finish(file, state);
    } catch (problem) {
      this.progress.hidden = true;
      this.say(problem.message || this.text("failed"), true);
    } finally {
      this.button.disabled = false;
    }
  };

  function bind(form) {
    if (form.getAttribute("data-evidence-bound") || !window.fetch || !window.FormData) { return; }
    form.setAttribute("data-evidence-bound", "1");
    var uploader = new Uploader(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      uploader.run();
    });
  }

  function bindAll() {
    document.querySelectorAll("form[data-evidence-upload]").forEach(bind);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bindAll);
  } else {
    bindAll();
  }
})();
