/* Print every collapsed block: open all <details> before printing and close them again after. */
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
})();
