/* Onboarding in the browser (plein.onboarding): the service worker that makes the intranet
 * installable, the "install" button, the first step that ticks itself off when the intranet
 * runs as an installed app, and focus after the first-steps list is updated. No libraries. */
(function () {
  "use strict";

  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
        /* no service worker: the intranet works as before, only not offline */
      });
    });
  }

  function standalone() {
    return (
      window.matchMedia("(display-mode: standalone)").matches || window.navigator.standalone === true
    );
  }

  // Forms of steps the browser can confirm by itself (data-auto-confirm="standalone").
  function confirmInstalled() {
    document.querySelectorAll("form[data-auto-confirm='standalone']").forEach(function (form) {
      if (!form.dataset.sent) {
        form.dataset.sent = "true";
        form.requestSubmit();
      }
    });
  }

  var installPrompt = null;

  function showInstallButtons() {
    document.querySelectorAll("[data-install-app]").forEach(function (button) {
      button.hidden = !installPrompt;
    });
  }

  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault(); // offered by our own button, next to the instructions
    installPrompt = event;
    showInstallButtons();
  });
  window.addEventListener("appinstalled", function () {
    installPrompt = null;
    showInstallButtons();
    confirmInstalled();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-install-app]");
    if (!button || !installPrompt) {
      return;
    }
    var prompt = installPrompt;
    installPrompt = null;
    prompt.prompt();
    prompt.userChoice.then(function (choice) {
      showInstallButtons();
      if (choice.outcome === "accepted") {
        confirmInstalled();
      }
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (standalone()) {
      confirmInstalled();
    }
    showInstallButtons();
  });

  // After htmx replaced the first-steps list (the pressed button is gone), put focus on the
  // step that was ticked off, or else on the progress, so keyboard and screen reader users
  // hear what changed and go on from there.
  var pending = null; // the list a request came from, and the step it was about
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var list = elt.closest && elt.closest("#first-steps, #checklist");
    var form = list && elt.closest("[data-step]");
    pending = list ? { step: form ? form.dataset.step : null } : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    var done = pending;
    pending = null;
    if (!done) {
      return;
    }
    showInstallButtons();
    var active = document.activeElement;
    if (active && active !== document.body) {
      return;
    }
    var root = document.getElementById("checklist") || document.getElementById("first-steps");
    var landing =
      root &&
      ((done.step && root.querySelector("#step-" + done.step + " [data-focus-after-swap]")) ||
        root.querySelector("[data-focus-after-swap]"));
    if (landing) {
      landing.focus();
    }
  });
})();
