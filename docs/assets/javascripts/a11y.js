/* Give Material's search dialog an accessible name (axe: aria-dialog-name). */
(function () {
  "use strict";
  function label() {
    document.querySelectorAll(".md-search[role=dialog]").forEach(function (el) {
      if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", "Search");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", label);
  } else {
    label();
  }
})();
