/* What's new: filter the changelog by role. Without JavaScript the filter stays hidden and
   every entry shows. The chosen role is kept in the address (?role=change-lead), so a
   role's onboarding path can link straight to the changes that concern it. */
(function () {
  "use strict";

  function setup() {
    var select = document.querySelector("[data-changelog-filter]");
    if (!select || !window.pb.ready(select)) return;
    var box = select.closest(".changelog");
    var entries = Array.prototype.slice.call(box.querySelectorAll(".changelog__entry"));
    var count = box.querySelector(".changelog__count");

    function apply(remember) {
      var role = select.value;
      var shown = 0;
      entries.forEach(function (entry) {
        var roles = (entry.getAttribute("data-roles") || "").split(" ").filter(Boolean);
        // An entry that names no role concerns every role.
        var visible = !role || roles.length === 0 || roles.indexOf(role) !== -1;
        entry.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = "Showing " + shown + " of " + entries.length + " changes";
      if (remember) {
        var url = new URL(window.location.href);
        if (role) url.searchParams.set("role", role); else url.searchParams.delete("role");
        window.history.replaceState(window.history.state, "", url.toString());
      }
    }

    var wanted = new URLSearchParams(window.location.search).get("role");
    var known = Array.prototype.some.call(select.options, function (option) {
      return option.value === wanted;
    });
    if (wanted && known) select.value = wanted;
    select.addEventListener("change", function () { apply(true); });
    box.querySelector(".changelog__filter").hidden = false;
    apply(false);
  }

  window.pb.onPage(setup);
})();
