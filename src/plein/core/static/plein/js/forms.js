// Forms sent with htmx that are marked data-reset-on-success are emptied once the server took
// them (a comment box after its comment was added). A file, not an hx-on attribute: the
// Content-Security-Policy allows no inline or evaluated script.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.detail.elt;
  if (event.detail.successful && form instanceof HTMLFormElement && form.hasAttribute("data-reset-on-success")) {
    form.reset();
  }
});
