// The copy button on the page that shows a new access token once. Without JavaScript (or
// without a clipboard) the button stays hidden and the token is selected and copied by hand.
(function () {
  "use strict";
  function ready() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.dataset.copy);
      var status = document.getElementById("copy-status");
      if (!field || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(
          function () { status.textContent = button.dataset.copied; },
          function () {
            field.select();
            status.textContent = button.dataset.failed;
          }
        );
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
