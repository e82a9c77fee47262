/* The search box in the header (core/partials/site_search.html) as an ARIA combobox.
 *
 * htmx fetches the suggestions as you type (hx-get to the suggestions endpoint) into the box
 * below the field; this script ties the listbox it brings to the field: aria-expanded,
 * aria-controls and aria-activedescendant. ArrowDown/ArrowUp move through the options, Enter
 * opens the chosen one (or, with none chosen, submits the form: the results page), Escape
 * closes the list (and then the search panel). On a narrower screen the header shows an icon
 * that links to the results page; here it opens the form as a panel below the header instead.
 * Without JavaScript the box is a plain form.
 */
(function () {
  "use strict";
  var field = document.getElementById("site-search-q");
  if (!field) { return; }
  var form = field.form;
  var box = document.getElementById("site-search-suggestions");
  var toggle = document.querySelector(".site-search-toggle");
  var state = { active: -1, suppressed: false };

  function options() { return Array.prototype.slice.call(box.querySelectorAll("[role=option]")); }

  function isOpen() { return field.getAttribute("aria-expanded") === "true"; }

  function close() {
    state.active = -1;
    box.hidden = true;
    field.setAttribute("aria-expanded", "false");
    field.setAttribute("aria-controls", box.id);
    field.removeAttribute("aria-activedescendant");
    options().forEach(function (option) { option.setAttribute("aria-selected", "false"); });
  }

  function open() {
    var list = box.querySelector("[role=listbox]");
    var found = options();
    if (!list || !found.length || state.suppressed || !field.value.trim()) {
      close();
      // "Nothing to suggest" stays readable (a status message) until Escape or the next word.
      box.hidden = state.suppressed || !field.value.trim() || !box.textContent.trim();
      return;
    }
    if (!list.id) { list.id = "site-search-listbox"; }
    if (!list.hasAttribute("aria-label") && !list.hasAttribute("aria-labelledby")) {
      list.setAttribute("aria-label", field.getAttribute("data-suggestions-label") || "Suggestions");
    }
    found.forEach(function (option, index) {
      if (!option.id) { option.id = "site-search-option-" + index; }
      option.setAttribute("aria-selected", "false");
      option.setAttribute("tabindex", "-1");
    });
    state.active = -1;
    box.hidden = false;
    field.setAttribute("aria-controls", list.id);
    field.setAttribute("aria-expanded", "true");
    field.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var found = options();
    if (!found.length) { return; }
    state.active = (index + found.length) % found.length;
    found.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === state.active ? "true" : "false");
    });
    var chosen = found[state.active];
    field.setAttribute("aria-activedescendant", chosen.id);
    if (chosen.scrollIntoView) { chosen.scrollIntoView({ block: "nearest" }); }
  }

  function go(option) {
    var link = option.matches("a[href]") ? option : option.querySelector("a[href]");
    if (link) { window.location.assign(link.href); }
  }

  function setPanel(show) {
    if (!toggle) { return; }
    form.classList.toggle("site-search--open", show);
    toggle.setAttribute("aria-expanded", show ? "true" : "false");
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail && event.detail.target === box) { open(); }
  });
  field.addEventListener("input", function () { state.suppressed = false; });

  field.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!isOpen()) { state.suppressed = false; open(); }
      if (!isOpen()) { return; }
      event.preventDefault();
      if (state.active < 0) { highlight(event.key === "ArrowDown" ? 0 : -1); }
      else { highlight(state.active + (event.key === "ArrowDown" ? 1 : -1)); }
    } else if (event.key === "Enter" && isOpen() && state.active >= 0) {
      event.preventDefault();
      go(options()[state.active]);
    } else if (event.key === "Escape") {
      event.preventDefault();  // not also clearing the field
      if (isOpen()) { state.suppressed = true; close(); }
      else if (form.classList.contains("site-search--open")) { setPanel(false); toggle.focus(); }
    }
  });

  if (toggle) {
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      var show = !form.classList.contains("site-search--open");
      setPanel(show);
      if (show) { field.focus(); } else { close(); }
    });
  }

  document.addEventListener("click", function (event) {
    if (isOpen() && !form.contains(event.target)) { close(); }
  });
  form.addEventListener("focusout", function (event) {
    if (isOpen() && event.relatedTarget && !form.contains(event.relatedTarget)) { close(); }
  });
  close();
})();
