// Posts: small enhancements on top of forms that work without JavaScript.
(function () {
  "use strict";
  // A picture needs a description: mark the description field required once a picture is chosen.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.alt) return;
    var alt = document.getElementById(input.dataset.alt);
    if (!alt) return;
    alt.required = input.files.length > 0;
    alt.setAttribute("aria-required", alt.required ? "true" : "false");
  });
  // After a reply is added, close its reply box and move focus back to its "Reply" summary.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("comment-form")) return;
    if (!event.detail.successful) return;
    var details = form.closest("details.comment__reply");
    if (details) {
      details.open = false;
      var summary = details.querySelector("summary");
      if (summary) summary.focus();
    }
  });
})();
