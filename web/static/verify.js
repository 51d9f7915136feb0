// After a verification the page opens on its result: the focus moves to the result heading
// (tabindex="-1", data-focus-on-load), so a screen reader reads the verdict and Tab goes on
// from there, instead of from the top of the page.
(function () {
  "use strict";
  var target = document.querySelector("[data-focus-on-load]");
  if (!target) { return; }
  target.focus();
})();
