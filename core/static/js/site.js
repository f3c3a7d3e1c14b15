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
