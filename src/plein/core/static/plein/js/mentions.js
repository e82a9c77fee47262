/* @-mention autocomplete for every <textarea data-mentions>.
 *
 * Typing "@" and at least two characters asks the server for people and spaces
 * (GET <body data-mentions-url>?q=...); the body also carries the translated labels
 * data-mentions-label (the list's name) and data-mentions-found ("suggestions", after a count). The suggestions form an ARIA listbox tied to the
 * textarea with aria-controls and aria-activedescendant: arrow keys move, Enter or Tab insert,
 * Escape closes; a click inserts too. Without JavaScript people type @name themselves.
 */
(function () {
  "use strict";
  var MENTION = /(^|[^\w@/.])@([A-Za-z0-9][A-Za-z0-9._+-]*)$/;
  var state = { field: null, list: null, status: null, items: [], active: -1, start: 0, timer: null, seq: 0 };

  function url() { return document.body.getAttribute("data-mentions-url"); }

  function ensureWidgets(field) {
    if (!field.id) { field.id = "mentions-field-" + Math.random().toString(36).slice(2); }
    var listId = field.id + "-suggestions";
    var list = document.getElementById(listId);
    if (!list) {
      list = document.createElement("ul");
      list.id = listId;
      list.className = "mention-suggestions";
      list.setAttribute("role", "listbox");
      list.setAttribute("aria-label", document.body.getAttribute("data-mentions-label") || "Suggestions");
      list.hidden = true;
      field.insertAdjacentElement("afterend", list);
      var status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      status.id = field.id + "-suggestions-status";
      list.insertAdjacentElement("afterend", status);
      field.setAttribute("aria-autocomplete", "list");
    }
    state.field = field;
    state.list = list;
    state.status = document.getElementById(field.id + "-suggestions-status");
  }

  function close() {
    if (!state.list) { return; }
    state.list.hidden = true;
    state.list.innerHTML = "";
    state.items = [];
    state.active = -1;
    state.field.removeAttribute("aria-controls");
    state.field.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    state.active = index;
    var options = state.list.querySelectorAll("[role=option]");
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    if (options[index]) { state.field.setAttribute("aria-activedescendant", options[index].id); }
  }

  function insert(index) {
    var item = state.items[index];
    if (!item) { return; }
    var field = state.field;
    var caret = field.selectionStart;
    var before = field.value.slice(0, state.start) + "@" + item.insert + " ";
    field.value = before + field.value.slice(caret);
    field.setSelectionRange(before.length, before.length);
    close();
    field.focus();
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function show(results) {
    state.items = results;
    state.list.innerHTML = "";
    results.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = state.list.id + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.className = "mention-suggestions__option";
      option.textContent = item.label;
      if (item.detail) {
        var detail = document.createElement("span");
        detail.className = "muted";
        detail.textContent = item.detail;
        option.appendChild(detail);
      }
      option.addEventListener("mousedown", function (event) { event.preventDefault(); insert(i); });
      state.list.appendChild(option);
    });
    if (!results.length) { close(); }
    else {
      state.list.hidden = false;
      state.field.setAttribute("aria-controls", state.list.id);
      highlight(0);
    }
    if (state.status) {
      state.status.textContent = results.length ? results.length + " " + (document.body.getAttribute("data-mentions-found") || "suggestions") : "";
    }
  }

  function lookup(field) {
    var caret = field.selectionStart;
    var match = MENTION.exec(field.value.slice(0, caret));
    if (!match || match[2].length < 2 || !url()) { close(); return; }
    ensureWidgets(field);
    state.start = caret - match[2].length - 1;
    var seq = ++state.seq;
    clearTimeout(state.timer);
    state.timer = setTimeout(function () {
      fetch(url() + "?q=" + encodeURIComponent(match[2]), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (seq === state.seq) { show(data.results || []); } })
        .catch(close);
    }, 150);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-mentions]")) { lookup(event.target); }
  });
  document.addEventListener("keydown", function (event) {
    if (!state.list || state.list.hidden || event.target !== state.field) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); highlight((state.active + 1) % state.items.length); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight((state.active - 1 + state.items.length) % state.items.length); }
    else if (event.key === "Enter" || event.key === "Tab") { if (state.active >= 0) { event.preventDefault(); insert(state.active); } }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  document.addEventListener("focusout", function (event) {
    if (state.field && event.target === state.field) { setTimeout(close, 100); }
  });
})();
