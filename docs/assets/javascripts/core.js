/* The playbook's shared script core; the build puts it first in the one deferred bundle.
   Every script of the playbook hangs off `window.pb` and marks elements it has set up with
   `data-pb-ready`, so nothing else shares its prefix:
   - pb.onPage(fn): run fn on every page, including pages that Material's instant navigation
     swaps in without a load event (its document$ observable fires on each);
   - pb.ready(el): true the first time it is asked about el, false after (set up once);
   - pb.storage: localStorage that never throws (private mode, storage off, a damaged value):
     the page keeps working and only forgets. */
(function () {
  "use strict";
  var pb = window.pb = window.pb || {};

  pb.onPage = function (fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { fn(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { fn(); });
    } else {
      fn();
    }
  };

  pb.ready = function (el) {
    if (el.getAttribute("data-pb-ready") === "1") { return false; }
    el.setAttribute("data-pb-ready", "1");
    return true;
  };

  pb.storage = {
    get: function (key, fallback) {
      try {
        var value = JSON.parse(window.localStorage.getItem(key) || "null");
        return value === null ? fallback : value;
      } catch (err) {
        return fallback;
      }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (err) { /* forget */ }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (err) { /* nothing stored */ }
    }
  };
})();
