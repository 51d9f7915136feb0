// Progressive enhancement of the search form's filters. Without JavaScript the
// "Filter anwenden" button applies them; everything here only adds to that.
//
// - Ticking a facet checkbox (mouse or Space key) applies it at once; after the reload the
//   same checkbox has the focus again, so a keyboard user goes on where they were, and the
//   new hit count is announced (a status message).
// - The sort order applies at once when picked with a pointer. Picked with the keyboard
//   (arrow keys fire "change" on every step) it waits for "Filter anwenden", where the
//   focus goes next with Tab.
// - On narrow screens the filters, above the results there, fold into a "Filter" disclosure
//   button (open whenever focus has to go back into them).
(function () {
  "use strict";
  var form = document.getElementById("suche");
  if (!form) { return; }
  var KEY = "wortlaut.search.focus";
  var aside = form.querySelector(".facets");
  var heading = aside ? aside.querySelector("h2") : null;
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 48rem)") : null;
  var keyboard = false;  // was the last interaction a key press (not a pointer)?

  function remember(control) {
    var where = {path: location.pathname, name: control.name, value: control.value,
                 id: control.id || ""};
    try { sessionStorage.setItem(KEY, JSON.stringify(where)); } catch (ignore) { /* private mode */ }
  }

  function recall() {
    var where = null;
    try {
      where = JSON.parse(sessionStorage.getItem(KEY) || "null");
      sessionStorage.removeItem(KEY);
    } catch (ignore) { return null; }
    if (!where || where.path !== location.pathname) { return null; }
    if (where.id) { return document.getElementById(where.id); }
    var boxes = form.querySelectorAll("input[type=checkbox]");
    for (var i = 0; i < boxes.length; i += 1) {
      if (boxes[i].name === where.name && boxes[i].value === where.value) { return boxes[i]; }
    }
    return document.getElementById("trefferzahl");  // the value is gone: to the results
  }

  function submit() {
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  // --- the disclosure on narrow screens -------------------------------------------------
  var toggle = null;
  var label = "";

  function setOpen(open) {
    if (!toggle) { return; }
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    aside.classList.toggle("collapsed", !open);
  }

  function fold() {
    if (!heading || !aside) { return; }
    if (narrow && narrow.matches && !toggle) {
      toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "facets-toggle";
      label = heading.textContent;
      // the number of filters set, so that they are not forgotten while folded away
      var active = aside.querySelectorAll("input[type=checkbox]:checked").length;
      toggle.textContent = active ? label + " (" + active + ")" : label;
      toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
      });
      heading.textContent = "";
      heading.appendChild(toggle);
      // an invalid input in the filters (aria-invalid) stays in view
      setOpen(aside.querySelector("[aria-invalid=true]") !== null);
    } else if (!(narrow && narrow.matches) && toggle) {
      heading.textContent = label;
      toggle = null;
      aside.classList.remove("collapsed");
    }
  }

  fold();
  if (narrow) {
    if (narrow.addEventListener) { narrow.addEventListener("change", fold); }
    else if (narrow.addListener) { narrow.addListener(fold); }
  }

  // --- applying filters -------------------------------------------------------------------
  document.addEventListener("keydown", function () { keyboard = true; }, true);
  document.addEventListener("pointerdown", function () { keyboard = false; }, true);

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox") {
      remember(target);
      submit();
    } else if (target.id === "sort" && !keyboard) {
      remember(target);
      submit();
    }
  });

  // "Filter anwenden": the page comes back with the focus on the new hit count
  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.classList.contains("apply")) {
      try {
        sessionStorage.setItem(KEY, JSON.stringify({path: location.pathname, id: "trefferzahl"}));
      } catch (ignore) { /* private mode */ }
    }
  });

  // --- back after a reload: focus where it was, announce the new count ----------------------
  var control = recall();
  if (control) {
    if (aside && aside.contains(control)) { setOpen(true); }
    var details = control.closest ? control.closest("details") : null;
    if (details) { details.open = true; }
    control.focus();
    var count = document.getElementById("trefferzahl");
    if (count && count !== control) {
      var status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      form.appendChild(status);
      // filled after a moment: a live region announces changes, not what it held at first
      window.setTimeout(function () { status.textContent = count.textContent; }, 400);
    }
  }
})();
