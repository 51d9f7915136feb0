// Progressive enhancement: apply a filter as soon as its checkbox or the sort changes.
// Without JavaScript the "Filter anwenden" button does the same.
(function () {
  "use strict";
  var form = document.getElementById("suche");
  if (!form) { return; }
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox" || target.id === "sort") {
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    }
  });
})();
