// Small enhancements only: every page works without this file.
(function () {
  "use strict";

  // Interface words come from Django's JavaScript catalog (jsi18n, loaded before this file).
  var gettext = window.gettext || function (text) { return text; };
  var copiedLabel = gettext("Copied");
  var failedLabel = gettext("Select the text to copy it");

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

  // In the test's forms, Enter on an answer chooses it rather than sending the form half answered.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || event.defaultPrevented || target.type !== "radio") { return; }
    if (!target.closest || !target.closest("fieldset.question")) { return; }
    event.preventDefault();
    target.click();
  });

  var page = document.querySelector("[data-test-page]");
  if (!page) { return; }
  var form = page.querySelector("form");
  var questions = Array.prototype.slice.call(page.querySelectorAll("fieldset.question"));
  var progress = page.querySelector("progress");
  var progressLabel = page.querySelector(".progress label");
  var heading = page.querySelector(".test-heading");
  var pageHeading = heading ? heading.textContent : "";
  var status = page.querySelector("[data-test-status]");
  var back = form.querySelector('button[name="nav"][value="back"]');
  var next = form.querySelector('button[name="nav"][value="next"]');
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
  function answeredText() {
    var value = savedBefore + answeredCount();
    return (page.getAttribute("data-progress") || "").replace("{n}", String(value));
  }
  function updateProgress() {
    if (!progress) { return; }
    progress.value = savedBefore + answeredCount();
    if (progressLabel) { progressLabel.textContent = answeredText(); }
  }
  updateProgress();

  // Narrow screens (phones, or a desktop zoomed to 200%) show one question at a time. Arrow keys
  // move between the choices of a question as in any radio group; only an explicit choice (Space,
  // Enter, a click or a tap) moves on, and focus then goes to the next question's legend.
  var narrow = window.matchMedia("(max-width: 40rem)");
  var stepping = false;
  var current = 0;
  var advanceTimer = null;
  var lastKey = "";

  function numberOf(fieldset) {
    var label = fieldset.querySelector(".q-number");
    return label ? parseInt(label.textContent, 10) : questions.indexOf(fieldset) + 1;
  }
  function firstOpen() {
    var index = questions.findIndex(function (q) { return !q.querySelector("input:checked"); });
    return index === -1 ? questions.length - 1 : index;
  }
  function announce(text) {
    if (!status) { return; }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }
  function focusLegend(fieldset) {
    var legend = fieldset.querySelector("legend");
    if (!legend) { return; }
    legend.setAttribute("tabindex", "-1");
    legend.focus({ preventScroll: true });
    fieldset.scrollIntoView({ block: "nearest" });
  }

  function show(index, moveFocus) {
    window.clearTimeout(advanceTimer);
    current = Math.max(0, Math.min(index, questions.length - 1));
    questions.forEach(function (q, i) { q.classList.toggle("is-hidden-step", i !== current); });
    var text = (page.getAttribute("data-one-heading") || "").replace("{n}", String(numberOf(questions[current])));
    if (heading && text) { heading.textContent = text; }
    if (moveFocus) { focusLegend(questions[current]); }
    announce((page.getAttribute("data-status") || "{question} {answered}").replace("{question}", text).replace("{answered}", answeredText()));
  }

  function setStepping(on) {
    stepping = on && questions.length > 1;
    if (stepping) {
      show(firstOpen(), true);
    } else {
      window.clearTimeout(advanceTimer);
      questions.forEach(function (q) { q.classList.remove("is-hidden-step"); });
      if (heading) { heading.textContent = pageHeading; }
    }
  }

  function chosen(index) {
    // After the last question of the page, the Next button sends the page.
    if (!stepping || index !== current) { return; }
    window.clearTimeout(advanceTimer);
    advanceTimer = window.setTimeout(function () {
      if (index < questions.length - 1) { show(index + 1, true); }
      else if (next) { next.focus(); }
    }, 250);
  }

  form.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.type === "radio") {
      if (event.key === "Enter" || event.key === " ") {
        // Enter and Space choose the focused answer, even one an arrow key already marked (the
        // browser does nothing then); Enter does not send the form half answered.
        event.preventDefault();
        lastKey = "";
        target.click();
        return;
      }
      lastKey = event.key;
    } else if (target.tagName === "LEGEND" && /^Arrow/.test(event.key)) {
      // From the question's text, an arrow key goes to its choices without choosing one.
      event.preventDefault();
      var fieldset = target.closest("fieldset");
      var input = fieldset.querySelector("input:checked") || fieldset.querySelector("input");
      if (input) { input.focus(); }
    }
  });
  form.addEventListener("keyup", function (event) {
    lastKey = "";
    if (event.key === " " && event.target.type === "radio") { event.preventDefault(); }
  });
  form.addEventListener("pointerdown", function () { lastKey = ""; });

  form.addEventListener("click", function (event) {
    var target = event.target;
    if (target.type !== "radio" || /^Arrow/.test(lastKey)) { return; }
    chosen(questions.indexOf(target.closest("fieldset.question")));
  });

  questions.forEach(function (fieldset) {
    fieldset.addEventListener("change", function (event) {
      var input = event.target;
      stored[input.name] = input.value;
      writeStore(stored);
      fieldset.classList.remove("is-missing");
      updateProgress();
    });
  });

  // One back control and one next control: in one-at-a-time view they step through this page's
  // questions first, and send the form from its first or last question.
  if (back) {
    back.addEventListener("click", function (event) {
      if (stepping && current > 0) { event.preventDefault(); show(current - 1, true); }
    });
  }
  if (next) {
    next.addEventListener("click", function (event) {
      if (stepping && current < questions.length - 1) { event.preventDefault(); show(current + 1, true); }
    });
  }

  setStepping(narrow.matches);
  if (narrow.addEventListener) {
    narrow.addEventListener("change", function (event) { setStepping(event.matches); });
  }
})();

// Header: the search button opens the search field on narrow screens, Escape or a click elsewhere
// closes the menu, and suggestions appear as the reader types. Without this file the menu still
// opens (it is a <details>) and the search button is a link to the search page.
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  if (!header) { return; }
  var menu = header.querySelector("details.site-menu");
  var form = header.querySelector("form.site-search");
  var link = header.querySelector("[data-search-link]");
  var toggle = header.querySelector("[data-search-toggle]");

  if (menu) {
    var summary = menu.querySelector("summary");
    menu.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !menu.open) { return; }
      // Closing the menu is not the first of the two Escapes that leave the site quickly.
      event.stopPropagation();
      menu.open = false;
      summary.focus();
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
    menu.addEventListener("toggle", function () {
      if (menu.open && header.classList.contains("is-searching")) { setSearching(false); }
    });
  }

  function setSearching(on) {
    header.classList.toggle("is-searching", on);
    if (toggle) { toggle.setAttribute("aria-expanded", on ? "true" : "false"); }
  }

  if (form && link && toggle) {
    link.hidden = true;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var on = !header.classList.contains("is-searching");
      setSearching(on);
      if (on) {
        if (menu) { menu.open = false; }
        form.querySelector("input[type=search]").focus();
      }
    });
  }

  if (!form || !form.hasAttribute("data-suggest") || !window.fetch) { return; }
  var input = form.querySelector("input[type=search]");
  var list = form.querySelector(".suggestions");
  var status = form.querySelector("[data-suggest-status]");
  var endpoint = form.getAttribute("data-suggest");
  var timer = null;
  var latest = 0;
  var active = -1;

  function announce(count) {
    if (!status) { return; }
    var template = status.getAttribute(count ? "data-some" : "data-none") || "";
    status.textContent = template.replace("{n}", String(count));
  }

  function close() {
    list.hidden = true;
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
  }

  function render(items) {
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    items.forEach(function (item, index) {
      var li = document.createElement("li");
      li.setAttribute("role", "presentation");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      a.id = "suggestion-" + index;
      a.setAttribute("role", "option");
      a.setAttribute("tabindex", "-1");
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    announce(items.length);
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
    if (event.key === "Escape") {
      if (!list.hidden) { close(); }
      else if (header.classList.contains("is-searching") && toggle) { setSearching(false); toggle.focus(); }
      return;
    }
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = list.querySelectorAll("a")[active].href;
    }
  });

  document.addEventListener("click", function (event) { if (!form.contains(event.target)) { close(); } });
})();

// Articles: the contents mark the section the reader is in, and on narrow screens the floating
// "Contents" button shows once the contents at the top have scrolled away. Without this file the
// contents are plain links and the button is always there.
(function () {
  "use strict";
  var toc = document.querySelector("[data-toc]");
  if (!toc) { return; }
  var sheet = document.querySelector("[data-toc-sheet]");
  var links = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#'], .toc-sheet-panel ol a[href^='#']"));
  var targets = [];
  links.forEach(function (link) {
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target && targets.indexOf(target) === -1) { targets.push(target); }
  });
  var marked = null;
  var pending = false;

  function update() {
    pending = false;
    var line = window.innerHeight * 0.3;
    var current = null;
    targets.forEach(function (target) { if (target.getBoundingClientRect().top <= line) { current = target; } });
    var id = current ? current.id : null;
    if (id !== marked) {
      marked = id;
      links.forEach(function (link) {
        if (id && link.getAttribute("href") === "#" + id) { link.setAttribute("aria-current", "location"); }
        else { link.removeAttribute("aria-current"); }
      });
    }
    if (sheet) {
      var hide = toc.getBoundingClientRect().bottom > 0;
      if (hide && sheet.open) { sheet.open = false; }
      sheet.hidden = hide;
    }
  }
  function schedule() {
    if (!pending) { pending = true; window.requestAnimationFrame(update); }
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  update();

  if (sheet) {
    var summary = sheet.querySelector("summary");
    sheet.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) { sheet.open = false; }
    });
    sheet.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && sheet.open) {
        event.stopPropagation();
        sheet.open = false;
        summary.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (sheet.open && !sheet.contains(event.target)) { sheet.open = false; }
    });
  }
})();

// Quick exit: replace this page with a neutral one, so Back does not return here. Esc twice too,
// unless the reader is typing or has a menu open. Without JavaScript the link still leaves.
(function () {
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.hidden = true;
    window.location.replace(link.href);
  }
  document.querySelectorAll("[data-quick-exit]").forEach(function (each) { each.addEventListener("click", leave); });
  document.querySelectorAll("[data-quick-exit-hint]").forEach(function (hint) { hint.hidden = false; });
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var active = document.activeElement;
    var typing = active && (/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) || active.isContentEditable);
    var menuOpen = active && active.closest && active.closest("details[open], [role=menu], [role=listbox]");
    if (typing || menuOpen) { lastEscape = 0; return; }
    var now = Date.now();
    if (now - lastEscape < 1000) { leave(); } else { lastEscape = now; }
  });
}());

// "Yes, maybe, no, together": private notes, kept only in this browser's localStorage and never
// sent anywhere (the note fields have no name, so no form ever submits them). A list's notes are
// deleted here when the list is ended from this browser, or when its address says it has ended.
(function () {
  "use strict";
  var PREFIX = "rcw-together-notes:";
  var gettext = window.gettext || function (text) { return text; };
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }
  if (!store) { return; }

  function forget(key) {
    try { store.removeItem(key); } catch (e) { /* nothing stored */ }
  }

  document.querySelectorAll("[data-together-forget-now]").forEach(function (element) {
    forget(PREFIX + element.getAttribute("data-together-forget-now"));
  });

  var root = document.querySelector("[data-together-notes]");
  if (!root) { return; }
  var key = PREFIX + root.getAttribute("data-together-notes");

  function read() {
    try { return JSON.parse(store.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }
  function write(notes) {
    try {
      if (Object.keys(notes).length) { store.setItem(key, JSON.stringify(notes)); } else { store.removeItem(key); }
    } catch (e) { /* storage full or blocked: the note is simply not kept */ }
  }

  var notes = read();
  root.querySelectorAll("[data-note-for]").forEach(function (box) {
    var id = box.getAttribute("data-note-for");
    var input = box.querySelector("textarea");
    if (!input) { return; }
    input.value = notes[id] || "";
    box.hidden = false;
    if (input.value) { box.open = true; }
    input.addEventListener("input", function () {
      var current = read();
      if (input.value.trim()) { current[id] = input.value; } else { delete current[id]; }
      write(current);
    });
  });

  function showNotes() {
    var current = read();
    root.querySelectorAll("[data-note-show]").forEach(function (box) {
      var text = current[box.getAttribute("data-note-show")];
      box.querySelector("[data-note-text]").textContent = text || "";
      box.hidden = !text;
    });
  }
  showNotes();

  root.querySelectorAll("[data-together-notes-tools]").forEach(function (tools) {
    tools.hidden = false;
    var status = tools.querySelector(".copy-status");
    tools.querySelector("[data-together-notes-clear]").addEventListener("click", function () {
      forget(key);
      root.querySelectorAll("[data-note-for] textarea").forEach(function (input) { input.value = ""; });
      showNotes();
      if (status) { status.textContent = gettext("Deleted"); }
    });
  });

  root.querySelectorAll("form[data-together-forget]").forEach(function (form) {
    form.addEventListener("submit", function () { forget(key); });
  });
}());

// Results remembered on this device and the 14-day plan's ticks: kept in this browser's storage
// only, never sent to the server.
(function () {
  var KEY = "rcw-remembered";
  function read(key, fallback) {
    try { return JSON.parse(window.localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function write(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }

  var remember = document.querySelector("[data-remember]");
  if (remember) {
    var button = remember.querySelector("button");
    var path = remember.getAttribute("data-remember-path");
    function mark() {
      button.disabled = true;
      button.textContent = remember.getAttribute("data-remember-done");
    }
    remember.hidden = false;
    if (read(KEY, []).some(function (r) { return r.path === path; })) { mark(); }
    button.addEventListener("click", function () {
      var list = read(KEY, []).filter(function (r) { return r.path !== path; });
      list.unshift({ path: path, date: remember.getAttribute("data-remember-date"),
        pattern: remember.getAttribute("data-remember-pattern") });
      if (write(KEY, list.slice(0, 50))) { mark(); }
    });
  }

  var holder = document.querySelector("[data-remembered-list]");
  if (holder) {
    var ul = holder.querySelector("ul");
    var all = holder.querySelector("[data-forget-all]");
    function render() {
      var list = read(KEY, []);
      ul.textContent = "";
      if (!list.length) {
        var empty = document.createElement("li");
        empty.textContent = holder.getAttribute("data-empty");
        ul.appendChild(empty);
      }
      list.forEach(function (r) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = r.path;
        link.textContent = r.date + " · " + r.pattern;
        var forget = document.createElement("button");
        forget.type = "button";
        forget.className = "button button-quiet";
        forget.textContent = holder.getAttribute("data-forget");
        forget.addEventListener("click", function () {
          write(KEY, read(KEY, []).filter(function (x) { return x.path !== r.path; }));
          render();
        });
        li.appendChild(link);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(forget);
        ul.appendChild(li);
      });
      all.hidden = !list.length;
    }
    all.addEventListener("click", function () {
      try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing stored */ }
      render();
    });
    render();
  }

  var plan = document.querySelector("ol.plan[data-plan-key]");
  if (plan) {
    var planKey = "rcw-plan-" + plan.getAttribute("data-plan-key");
    var done = read(planKey, {});
    plan.querySelectorAll("li").forEach(function (li, index) {
      var day = String(index + 1);
      var label = document.createElement("label");
      label.className = "plan-tick";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = Boolean(done[day]);
      box.setAttribute("aria-label", plan.getAttribute("data-plan-done-label") + " " + day);
      li.classList.toggle("plan-done", box.checked);
      box.addEventListener("change", function () {
        var current = read(planKey, {});
        if (box.checked) { current[day] = true; } else { delete current[day]; }
        write(planKey, current);
        li.classList.toggle("plan-done", box.checked);
      });
      label.appendChild(box);
      li.insertBefore(label, li.firstChild);
    });
  }
}());

// The PDF takes a moment the first time: say so while the browser waits for it.
(function () {
  document.querySelectorAll("a[data-pdf]").forEach(function (link) {
    var label = link.textContent;
    var status = link.parentNode.querySelector("[data-pdf-status]");
    link.addEventListener("click", function () {
      link.setAttribute("aria-busy", "true");
      link.classList.add("is-working");
      link.textContent = link.getAttribute("data-working");
      if (status) { status.textContent = link.getAttribute("data-working"); }
      window.setTimeout(function () {
        link.removeAttribute("aria-busy");
        link.classList.remove("is-working");
        link.textContent = label;
        if (status) { status.textContent = ""; }
      }, 4000);
    });
  });
}());
