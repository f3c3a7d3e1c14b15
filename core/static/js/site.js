// Small enhancements only: every page works without this file.
(function () {
  "use strict";

  var copiedLabel = document.documentElement.lang === "zh-Hans" ? "已复制" : "Copied";
  var failedLabel = document.documentElement.lang === "zh-Hans" ? "请长按文字手动复制" : "Select the text to copy it";

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    var status = button.parentNode.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(source.textContent.trim()).then(function () {
        if (status) { status.textContent = copiedLabel; }
        setTimeout(function () { if (status) { status.textContent = ""; } }, 2500);
      }, function () {
        if (status) { status.textContent = failedLabel; }
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      });
    });
  });
})();

// Print, share sheet, and the test's one-question-at-a-time view on phones.
(function () {
  "use strict";
  var zh = document.documentElement.lang === "zh-Hans";
  var STORE = "rcw-answers";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  if (navigator.share) {
    document.querySelectorAll("[data-share-url]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.getAttribute("data-share-title"), url: button.getAttribute("data-share-url") }).catch(function () {});
      });
    });
  }

  function readStore() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "{}"); } catch (e) { return {}; }
  }
  function writeStore(answers) {
    try { window.localStorage.setItem(STORE, JSON.stringify(answers)); } catch (e) { /* private mode */ }
  }

  if (document.querySelector("[data-clear-answers]")) {
    try { window.localStorage.removeItem(STORE); } catch (e) { /* nothing stored */ }
  }

  var page = document.querySelector("[data-test-page]");
  if (!page) { return; }
  var form = page.querySelector("form");
  var questions = Array.prototype.slice.call(page.querySelectorAll("fieldset.question"));
  var progress = page.querySelector("progress");
  var progressLabel = page.querySelector(".progress label");
  var stored = readStore();

  // Answers chosen but not yet sent survive a reload on this device.
  questions.forEach(function (fieldset) {
    var name = fieldset.id.replace(/^q-/, "");
    if (!fieldset.querySelector("input:checked") && stored[name]) {
      var input = fieldset.querySelector('input[value="' + stored[name] + '"]');
      if (input) { input.checked = true; }
    }
  });

  function answeredCount() {
    return questions.filter(function (q) { return q.querySelector("input:checked"); }).length;
  }
  var savedBefore = progress ? Number(progress.value) - questions.filter(function (q) {
    return q.querySelector("input[checked]");
  }).length : 0;
  function updateProgress() {
    if (!progress) { return; }
    var value = savedBefore + answeredCount();
    progress.value = value;
    if (progressLabel) {
      progressLabel.textContent = zh ? "已回答 " + value + " / " + progress.max : value + " of " + progress.max + " answered";
    }
  }

  var narrow = window.matchMedia("(max-width: 40rem)").matches;
  var current = 0;
  var nav = page.querySelector(".test-nav");
  var stepNav = document.createElement("div");
  stepNav.className = "step-nav";
  var previous = document.createElement("button");
  previous.type = "button";
  previous.className = "button button-quiet";
  previous.textContent = zh ? "上一题" : "Previous question";
  stepNav.appendChild(previous);

  function show(index) {
    current = Math.max(0, Math.min(index, questions.length - 1));
    questions.forEach(function (q, i) { q.classList.toggle("is-hidden-step", i !== current); });
    previous.hidden = current === 0;
    var lastVisible = current === questions.length - 1 || answeredCount() === questions.length;
    var next = nav.querySelector('[value="next"]');
    if (next) { next.hidden = !lastVisible; }
    var legend = questions[current].querySelector("legend");
    if (legend) { legend.setAttribute("tabindex", "-1"); legend.focus({ preventScroll: true }); }
  }

  if (narrow && questions.length > 1) {
    form.insertBefore(stepNav, nav);
    previous.addEventListener("click", function () { show(current - 1); });
    var firstOpen = questions.findIndex(function (q) { return !q.querySelector("input:checked"); });
    show(firstOpen === -1 ? questions.length - 1 : firstOpen);
  }

  questions.forEach(function (fieldset, index) {
    fieldset.addEventListener("change", function (event) {
      var input = event.target;
      stored[input.name] = input.value;
      writeStore(stored);
      fieldset.classList.remove("is-missing");
      updateProgress();
      if (narrow && questions.length > 1 && index === current && index < questions.length - 1) {
        window.setTimeout(function () { show(index + 1); }, 250);
      } else if (narrow) {
        show(current);
      }
    });
  });
})();

// Search suggestions as the reader types; the plain form works without this.
(function () {
  "use strict";
  var form = document.querySelector("form.site-search[data-suggest]");
  if (!form || !window.fetch) { return; }
  var input = form.querySelector("input[type=search]");
  var list = form.querySelector(".suggestions");
  var endpoint = form.getAttribute("data-suggest");
  var timer = null;
  var latest = 0;
  var active = -1;

  function close() { list.hidden = true; list.textContent = ""; active = -1; input.setAttribute("aria-expanded", "false"); }

  function render(items) {
    list.textContent = "";
    active = -1;
    items.forEach(function (item, index) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      a.id = "suggestion-" + index;
      a.setAttribute("role", "option");
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }

  function move(step) {
    var options = list.querySelectorAll("a");
    if (!options.length) { return; }
    if (active >= 0) { options[active].removeAttribute("aria-selected"); }
    active = (active + step + options.length) % options.length;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var q = input.value.trim();
    if (!q) { close(); return; }
    timer = window.setTimeout(function () {
      var ticket = ++latest;
      fetch(endpoint + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === latest) { render(data.suggestions || []); } })
        .catch(function () { /* the form still works */ });
    }, 150);
  });

  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = list.querySelectorAll("a")[active].href;
    }
  });

  document.addEventListener("click", function (event) { if (!form.contains(event.target)) { close(); } });
})();
