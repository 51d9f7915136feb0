// Progressive enhancement: a "copy" button next to the citation text. Its outcome is
// announced through a status message (a screen reader does not read a changed button label).
// The texts come from the page (data-copy-* on the text area, translated there); the German
// ones below are only the fallback.
(function () {
  "use strict";
  var area = document.getElementById("citation");
  if (!area || !navigator.clipboard) { return; }
  var texts = {
    copy: area.getAttribute("data-copy-label") || "Zitierhinweis kopieren",
    copied: area.getAttribute("data-copied-label") || "Kopiert.",
    failed: area.getAttribute("data-copy-failed-label") ||
      "Kopieren nicht möglich – bitte den Text markieren und kopieren."
  };
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = texts.copy;
  var status = document.createElement("span");
  status.className = "copy-status";
  status.setAttribute("role", "status");
  button.addEventListener("click", function () {
    status.textContent = "";
    navigator.clipboard.writeText(area.value).then(function () {
      status.textContent = texts.copied;
    }, function () {
      status.textContent = texts.failed;
    });
  });
  area.insertAdjacentElement("afterend", status);
  area.insertAdjacentElement("afterend", button);
})();
