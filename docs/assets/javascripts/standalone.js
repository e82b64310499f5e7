/* On a page served without Material's script bundle (the one-page playbook, see
   overrides/whole-playbook.html):
   - the light/dark toggle, as Material's own would work. The choice is kept where Material
     keeps it (__md_set("__palette")), so it holds on every page; with none kept, the palette
     whose media query matches the system's setting is used;
   - the header's search box opens its panel when focused, as with Material, so the panel's
     hint (Enter searches the whole site) shows on a wide screen too; Escape closes it;
   - the back-to-top button shows while the reader scrolls up, as with Material;
   - Material's keys, outside a form field: f, s or / open search; p or , and n or . go to
     the previous and next page; Enter on a focused menu label opens that part of the menu. */
(function () {
  "use strict";
  if (window.document$ || typeof window.__md_get !== "function") { return; }

  function palette(input, index) {
    return {index: index, color: {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent")
    }};
  }

  function apply(inputs, index) {
    var chosen = palette(inputs[index], index);
    Object.keys(chosen.color).forEach(function (key) {
      var name = "data-md-color-" + key;
      // Unchanged attributes are left alone: each change restyles the whole page.
      if (document.body.getAttribute(name) !== chosen.color[key]) {
        document.body.setAttribute(name, chosen.color[key]);
      }
    });
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") { label.hidden = i !== index; }
    });
    inputs[index].checked = true;
    window.__md_set("__palette", chosen);
  }

  function setup() {
    var form = document.querySelector("form[data-md-component=palette]");
    if (!form || !window.pb.ready(form)) { return; }
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]"));
    if (!inputs.length) { return; }
    var saved = window.__md_get("__palette");
    var index = saved && typeof saved.index === "number" ? saved.index : inputs.findIndex(
      function (input) { return window.matchMedia(input.getAttribute("data-md-color-media")).matches; });
    apply(inputs, Math.max(0, Math.min(index, inputs.length - 1)));
    inputs.forEach(function (input, i) {
      input.addEventListener("change", function () { apply(inputs, i); });
    });
    // Enter on a toggle switches, as it does with Material's script.
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      var next = (inputs.findIndex(function (input) { return input.checked; }) + 1) % inputs.length;
      inputs[next].click();
      inputs[next].focus();
    });
  }

  // The header's search box here: the plain form overrides/whole-playbook.html writes.
  var SEARCH_BOX = "form.md-search__form[action] .md-search__input";

  function searchPanel() {
    var toggle = document.getElementById("__search");
    var box = document.querySelector(SEARCH_BOX);
    if (!toggle || !box || !window.pb.ready(box)) { return; }
    box.addEventListener("focus", function () { toggle.checked = true; });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { toggle.checked = false; box.blur(); }
    });
  }

  // Back to top (navigation.top), shown as Material's script shows it: while the reader scrolls
  // up, once the header is out of view; hidden while scrolling down and at the top.
  function backToTop() {
    var button = document.querySelector(".md-top");
    var main = document.querySelector(".md-main");
    if (!button || !main || !window.pb.ready(button)) { return; }
    var last = window.scrollY;
    window.addEventListener("scroll", function () {
      var y = window.scrollY;
      var hide = !(y < last && y > main.offsetTop);
      if (button.hidden !== hide) { button.hidden = hide; }
      last = y;
    }, {passive: true});
    button.addEventListener("click", function () {
      button.blur();
      window.scrollTo({top: 0});
    });
  }

  function typing(target) {
    return target instanceof HTMLElement && (target.isContentEditable
      || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function go(rel) {
    var link = document.querySelector("link[rel=" + rel + "]");
    if (link) { window.location.href = link.href; }
  }

  // Without Material's script pb.onPage runs each function once, so this binds once.
  function keys() {
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
      var box = document.querySelector(SEARCH_BOX);
      switch (event.key) {
        case "f": case "s": case "/":
          if (!box) { return; }
          event.preventDefault();
          box.focus();  // searchPanel opens the panel on focus
          break;
        case "p": case ",": go("prev"); break;
        case "n": case ".": go("next"); break;
        case "Enter":
          if (document.activeElement instanceof HTMLLabelElement) { document.activeElement.click(); }
          break;
      }
    });
  }

  window.pb.onPage(setup);
  window.pb.onPage(searchPanel);
  window.pb.onPage(keys);
  window.pb.onPage(backToTop);
})();
