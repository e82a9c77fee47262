/* The picker (plein/core/picker.py): choose a colleague or a post from suggestions.
 *
 * Every <input data-picker-url> becomes an ARIA 1.2 combobox with a listbox of suggestions
 * (GET data-picker-url?q=..., JSON {"results": [{value, label, detail}]}): typing two characters
 * suggests, ArrowDown/ArrowUp move (ArrowDown also opens), Enter chooses, Escape closes (and,
 * when closed, empties the box), a click chooses. Choosing fills in the text the server accepts
 * ("Name <address>"), so the field and the form stay what they are without JavaScript.
 * A <textarea data-picker-url data-picker-multiple> (several people, one a line) gets a search
 * box of its own; choosing adds a line to the textarea and says so in a live region.
 * The texts come from the field: data-picker-label (the list's name), data-picker-found (after
 * the count), data-picker-none, data-picker-add (the search box's label), data-picker-added.
 */
(function () {
  "use strict";
  var MIN = 2;
  var counter = 0;

  function text(field, name, fallback) { return field.getAttribute("data-picker-" + name) || fallback; }

  function Picker(box, source, onChoose) {
    this.box = box;
    this.source = source;
    this.onChoose = onChoose;
    this.items = [];
    this.active = -1;
    this.seq = 0;
    this.timer = null;
    var id = box.id || "picker-" + (++counter);
    box.id = id;
    this.list = document.createElement("ul");
    this.list.id = id + "-listbox";
    this.list.className = "picker__list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", text(source, "label", "Suggestions"));
    this.list.hidden = true;
    this.status = document.createElement("p");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.id = id + "-status";
    var wrap = document.createElement("div");
    wrap.className = "picker";
    box.parentNode.insertBefore(wrap, box);
    wrap.appendChild(box);
    wrap.appendChild(this.list);
    wrap.appendChild(this.status);
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", this.list.id);
    box.setAttribute("autocomplete", "off");
    var self = this;
    box.addEventListener("input", function () { self.lookup(); });
    box.addEventListener("keydown", function (event) { self.key(event); });
    box.addEventListener("blur", function () { setTimeout(function () { self.close(); }, 150); });
  }

  Picker.prototype.close = function () {
    this.list.hidden = true;
    this.box.setAttribute("aria-expanded", "false");
    this.box.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Picker.prototype.highlight = function (index) {
    var options = this.list.querySelectorAll("[role=option]");
    if (!options.length) { return; }
    this.active = (index + options.length) % options.length;
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === this.active ? "true" : "false");
    }
    var option = options[this.active];
    this.box.setAttribute("aria-activedescendant", option.id);
    if (option.scrollIntoView) { option.scrollIntoView({ block: "nearest" }); }
  };

  Picker.prototype.show = function (results) {
    var self = this;
    this.items = results;
    this.list.innerHTML = "";
    results.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = self.list.id + "-" + i;
      option.className = "picker__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.label;
      if (item.detail) {
        var detail = document.createElement("span");
        detail.className = "picker__detail";
        detail.textContent = item.detail;
        option.appendChild(detail);
      }
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      option.addEventListener("click", function () { self.choose(i); });
      self.list.appendChild(option);
    });
    this.status.textContent = results.length
      ? results.length + " " + text(this.source, "found", "suggestions")
      : text(this.source, "none", "No suggestions");
    if (!results.length) { this.close(); return; }
    this.list.hidden = false;
    this.box.setAttribute("aria-expanded", "true");
    this.active = -1;
    this.box.removeAttribute("aria-activedescendant");
  };

  Picker.prototype.lookup = function () {
    var q = this.box.value.trim();
    var self = this;
    var seq = ++this.seq;
    clearTimeout(this.timer);
    if (q.length < MIN && !/^\d+$/.test(q)) { this.close(); this.status.textContent = ""; return; }
    this.timer = setTimeout(function () {
      var url = self.source.getAttribute("data-picker-url");
      fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (seq === self.seq) { self.show(data.results || []); } })
        .catch(function () { self.close(); });
    }, 150);
  };

  Picker.prototype.choose = function (index) {
    var item = this.items[index];
    if (!item) { return; }
    this.seq++;
    clearTimeout(this.timer);
    this.close();
    this.onChoose(item);
    this.box.focus();
  };

  Picker.prototype.key = function (event) {
    var open = !this.list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) {
        if (this.items.length) { this.list.hidden = false; this.box.setAttribute("aria-expanded", "true"); this.highlight(0); }
        else { this.lookup(); }
      } else { this.highlight(this.active + 1); }
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      this.highlight(this.active - 1);
    } else if (event.key === "Enter" && open && this.active >= 0) {
      event.preventDefault();
      this.choose(this.active);
    } else if (event.key === "Escape") {
      if (open) { event.preventDefault(); this.close(); }
      else if (this.box.value) { event.preventDefault(); this.box.value = ""; this.items = []; }
    }
  };

  function single(field) {
    new Picker(field, field, function (item) {
      field.value = item.value;
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function addressOf(value) {
    var match = /<([^<>]+)>\s*$/.exec(value);
    return (match ? match[1] : value).trim().toLowerCase();
  }

  function multiple(area) {
    var box = document.createElement("input");
    box.type = "text";
    box.id = area.id + "-add";
    box.className = "picker__add";
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.className = "picker__add-label";
    label.textContent = text(area, "add", "Find a colleague to add");
    area.parentNode.insertBefore(label, area);
    area.parentNode.insertBefore(box, area);
    var picker = new Picker(box, area, function (item) {
      var lines = area.value.split("\n").filter(function (line) { return line.trim(); });
      var known = lines.some(function (line) { return addressOf(line) === addressOf(item.value); });
      if (!known) { lines.push(item.value); }
      area.value = lines.join("\n") + "\n";
      box.value = "";
      picker.status.textContent = text(area, "added", "Added:") + " " + item.label;
      area.dispatchEvent(new Event("change", { bubbles: true }));
    });
    /* Enter in the search box chooses, never sends the form half-way. */
    box.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
  }

  function enhance(root) {
    var fields = root.querySelectorAll("[data-picker-url]:not([data-picker-ready])");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      field.setAttribute("data-picker-ready", "");
      if (field.hasAttribute("data-picker-multiple")) { multiple(field); } else { single(field); }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else { enhance(document); }
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
