// Keyboard shortcuts of the review queue: j/k move between values, a accepts, c corrects,
// o opens the action. A static file, so the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  function items() { return Array.prototype.slice.call(document.querySelectorAll("#queue li.item")); }
  function current() { return document.activeElement && document.activeElement.closest("#queue li.item"); }
  function move(step) {
    var all = items();
    if (!all.length) { return; }
    var at = all.indexOf(current());
    var next = all[Math.min(Math.max(at + step, 0), all.length - 1)] || all[0];
    next.focus();
  }
  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("queue") || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (typing) {
      if (event.key === "Escape") { var item = event.target.closest("li.item"); if (item) { item.focus(); } }
      return;
    }
    var here = current();
    if (event.key === "j") { move(1); event.preventDefault(); }
    else if (event.key === "k") { move(-1); event.preventDefault(); }
    else if (here && event.key === "a") {
      var accept = here.querySelector("form button.accept");
      if (accept) { accept.form.requestSubmit(); event.preventDefault(); }
    } else if (here && event.key === "c") {
      var field = here.querySelector("form.correct [name=value]");
      if (field) { field.focus(); event.preventDefault(); }
    } else if (here && event.key === "o") {
      var open = here.querySelector("a.open");
      if (open) { open.click(); event.preventDefault(); }
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var first = items()[0];
    if (first) { first.focus(); }
  });
})();
