/* The guided tour of the start page (plein.onboarding). No libraries, no build step.
 *
 * The server renders the stops (translated) into <script id="tour-steps" type="application/json">
 * and an empty <dialog id="tour"> only when the person gets the tour. This script opens it as a
 * modal dialog: focus goes into it, Tab stays inside, Escape or "Skip tour" ends it, "Next" and
 * "Back" move between the stops, and the part of the page a stop is about is outlined. Stops
 * whose part is not on the page are left out. Ending it, either way, tells the server (so it does
 * not start by itself again) and puts focus back on the page.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("tour");
  var source = document.getElementById("tour-steps");
  if (!dialog || !source || typeof dialog.showModal !== "function") {
    return;
  }

  function find(selector) {
    if (!selector) {
      return null;
    }
    var elements = [];
    try {
      elements = document.querySelectorAll(selector);
    } catch (error) {
      return null;
    }
    // Hidden parts (display: none, e.g. on a small screen) are not pointed at: the first
    // visible match is (the main navigation is a row of links or, on a phone, a menu button).
    for (var i = 0; i < elements.length; i++) {
      if (elements[i].getClientRects().length) {
        return elements[i];
      }
    }
    return null;
  }

  var stops = JSON.parse(source.textContent).filter(function (stop) {
    return !stop.target || find(stop.target);
  });
  if (!stops.length) {
    return;
  }

  var ring = dialog.querySelector(".tour__ring");
  var panel = dialog.querySelector(".tour__panel");
  var count = document.getElementById("tour-count");
  var title = document.getElementById("tour-title");
  var text = document.getElementById("tour-text");
  var back = document.getElementById("tour-back");
  var next = document.getElementById("tour-next");
  var skip = document.getElementById("tour-skip");
  var GAP = 12;
  var index = 0;
  var target = null;
  var ended = false;

  function place() {
    var width = window.innerWidth;
    var height = window.innerHeight;
    panel.style.left = panel.style.top = panel.style.right = panel.style.bottom = "";
    dialog.classList.toggle("tour--centred", !target);
    if (!target) {
      ring.style.cssText = "";
      return;
    }
    var rect = target.getBoundingClientRect();
    ring.style.left = rect.left - 6 + "px";
    ring.style.top = rect.top - 6 + "px";
    ring.style.width = rect.width + 12 + "px";
    ring.style.height = rect.height + 12 + "px";
    if (width < 640) {
      return; // on a phone the panel sits at the bottom of the screen (CSS)
    }
    var box = panel.getBoundingClientRect();
    var clampTop = Math.min(Math.max(GAP, rect.top), height - box.height - GAP);
    var clampLeft = Math.min(Math.max(GAP, rect.left), width - box.width - GAP);
    var spots = [
      [rect.bottom + GAP, clampLeft, rect.bottom + GAP + box.height <= height - GAP], // below
      [rect.top - GAP - box.height, clampLeft, rect.top - GAP - box.height >= GAP], // above
      [clampTop, rect.right + GAP, rect.right + GAP + box.width <= width - GAP], // right
      [clampTop, rect.left - GAP - box.width, rect.left - GAP - box.width >= GAP], // left
      [height - box.height - GAP, width - box.width - GAP, true], // over it, bottom right
    ];
    for (var i = 0; i < spots.length; i++) {
      if (spots[i][2]) {
        panel.style.top = Math.max(GAP, spots[i][0]) + "px";
        panel.style.left = Math.max(GAP, spots[i][1]) + "px";
        return;
      }
    }
  }

  function show(position) {
    var keepFocus = document.activeElement === back || document.activeElement === next;
    index = position;
    var stop = stops[index];
    count.textContent = dialog.dataset.count
      .replace("{n}", String(index + 1))
      .replace("{total}", String(stops.length));
    title.textContent = stop.title;
    text.textContent = stop.text;
    back.disabled = index === 0;
    next.textContent = index === stops.length - 1 ? dialog.dataset.finish : dialog.dataset.next;
    if (target) {
      target.classList.remove("tour-target");
    }
    target = find(stop.target);
    if (target) {
      target.classList.add("tour-target");
      // Small parts in the middle of the screen (room for the panel around), tall ones from their top.
      var tall = target.getBoundingClientRect().height > window.innerHeight * 0.5;
      target.scrollIntoView({ block: tall ? "start" : "center", behavior: "instant" });
    }
    place();
    if (keepFocus && back.disabled && document.activeElement !== next) {
      next.focus(); // "Back" cannot be pressed on the first stop: keep focus in the dialog
    }
  }

  function tellServer() {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", dialog.dataset.csrf);
    return fetch(dialog.dataset.doneUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": dialog.dataset.csrf, "X-Requested-With": "fetch" },
      keepalive: true,
    }).catch(function () {
      /* offline: the tour simply comes back next time */
    });
  }

  function end() {
    if (ended) {
      return;
    }
    ended = true;
    if (target) {
      target.classList.remove("tour-target");
    }
    dialog.close();
    dialog.dataset.ended = "true";
    tellServer().then(function () {
      dialog.dataset.saved = "true";
    });
    if (window.location.search.indexOf("tour=") !== -1) {
      var url = new URL(window.location.href);
      url.searchParams.delete("tour");
      window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    }
    // Back to the page: the first steps when they are there, else the start of the content.
    var landing = document.getElementById("first-steps-heading") || document.getElementById("main");
    if (landing) {
      if (!landing.hasAttribute("tabindex")) {
        landing.setAttribute("tabindex", "-1");
      }
      landing.focus();
    }
  }

  next.addEventListener("click", function () {
    if (index < stops.length - 1) {
      show(index + 1);
    } else {
      end();
    }
  });
  back.addEventListener("click", function () {
    if (index > 0) {
      show(index - 1);
    }
  });
  skip.addEventListener("click", end);
  // Tab and Shift+Tab go round the dialog's buttons, never out of it to the browser.
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") {
      return;
    }
    var buttons = Array.prototype.filter.call(dialog.querySelectorAll("button"), function (b) {
      return !b.disabled && !b.hidden;
    });
    var first = buttons[0];
    var last = buttons[buttons.length - 1];
    var inside = dialog.contains(document.activeElement);
    if (event.shiftKey && (document.activeElement === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  });
  dialog.addEventListener("cancel", function (event) {
    event.preventDefault(); // Escape: end the tour the same way as "Skip tour"
    end();
  });
  window.addEventListener("resize", place);
  window.addEventListener("scroll", place, { passive: true });

  dialog.showModal();
  show(0);
  next.focus();
})();
