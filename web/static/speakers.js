// Progressive enhancement of the speaker directory (/sprecher): the list follows the name
// as it is typed. It asks the server for the same page the "Filtern" button would load
// (/sprecher?q=...), takes its list and puts it in place of the current one, keeps the
// address in step and announces the new count. Without JavaScript the button does it all.
(function () {
  "use strict";
  var form = document.getElementById("sprecher-suche");
  var input = document.getElementById("sprecher-q");
  var status = document.getElementById("sprecher-status");
  if (!form || !input || !window.fetch || !window.DOMParser || !window.URLSearchParams) { return; }
  var DELAY = 250;  // ms after the last key press
  var timer = null;
  var latest = 0;   // only the answer to the latest request is shown

  function address() {
    var params = new URLSearchParams();
    var text = input.value.trim();
    if (text) { params.set("q", text); }
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function show(html, url) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var fresh = page.getElementById("sprecher-liste");
    var current = document.getElementById("sprecher-liste");
    if (!fresh || !current) { return; }
    current.replaceWith(document.importNode(fresh, true));
    if (window.history && window.history.replaceState) { window.history.replaceState(null, "", url); }
    var count = document.getElementById("sprecher-zahl");
    if (status && count) { status.textContent = count.textContent; }
  }

  function update() {
    var url = address();
    latest += 1;
    var mine = latest;
    fetch(url, {headers: {"Accept": "text/html"}, credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null && mine === latest) { show(html, url); } })
      .catch(function () { /* the button still works */ });
  }

  input.addEventListener("input", function () {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(update, DELAY);
  });
})();
