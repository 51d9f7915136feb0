// Progressive enhancement: a "copy" button next to the citation text.
(function () {
  "use strict";
  var area = document.getElementById("citation");
  if (!area || !navigator.clipboard) { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "Zitierhinweis kopieren";
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(area.value).then(function () {
      button.textContent = "Kopiert";
    });
  });
  area.insertAdjacentElement("afterend", button);
})();
