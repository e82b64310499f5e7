/* Print every collapsed block: open all <details> before printing and close them again after;
   wire up print buttons. */
(function () {
  "use strict";
  var opened = [];

  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    opened.forEach(function (block) { block.open = true; });
  });

  window.addEventListener("afterprint", function () {
    opened.forEach(function (block) { block.open = false; });
    opened = [];
  });

  /* A "Print or save as PDF" button (the one-page playbook): shown only when it can work. */
  window.pb.onPage(function () {
    document.querySelectorAll("button[data-pb-print]").forEach(function (button) {
      if (!window.pb.ready(button)) { return; }
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
