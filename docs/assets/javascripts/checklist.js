/* Diagnostic checklists: ticks kept in localStorage, a live score and verdict, and a
   "Copy review record" button that produces YAML in the shape of a pod's `reviews:` entry.
   Without JavaScript the checklist is a plain printable list of boxes. */
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  function todayIso() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function load(key) {
    var saved = window.pb.storage.get(key, {});
    return saved && typeof saved === "object" ? saved : {};  // damaged: start afresh
  }

  function verdictFor(config, score) {
    var found = config.verdicts[0];
    config.verdicts.forEach(function (band) {
      if (band.min <= score && band.min >= found.min) { found = band; }
    });
    return found;
  }

  /* A YAML double-quoted scalar; JSON string syntax is valid YAML. */
  function quoted(text) {
    return JSON.stringify(text);
  }

  function record(config, state) {
    var lines = [
      "- date: " + state.date,
      "  diagnostic: " + config.id,
      "  signals:"
    ];
    config.signals.forEach(function (signal) {
      lines.push("    " + signal.id + ": " + (state.ticks[signal.id] ? "true" : "false"));
    });
    if (state.reviewer) { lines.push("  reviewer: " + quoted(state.reviewer)); }
    return lines.join("\n") + "\n";
  }

  function fallbackCopy(area, text) {
    area.value = text;
    area.hidden = false;
    area.focus();
    area.select();
    try {
      return document.execCommand("copy");
    } catch (err) {
      return false;
    }
  }

  function setup(root) {
    if (!window.pb.ready(root)) { return; }
    var config = JSON.parse(root.querySelector(".pod-checklist__config").textContent);
    var key = config.storageKey;
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][name=signal]"));
    var pod = root.querySelector(".pod-checklist__pod");
    var date = root.querySelector(".pod-checklist__date");
    var reviewer = root.querySelector(".pod-checklist__reviewer");
    var score = root.querySelector(".pod-checklist__score");
    var verdict = root.querySelector(".pod-checklist__verdict");
    var status = root.querySelector(".pod-checklist__status");
    var area = root.querySelector(".pod-checklist__record");

    function read() {
      var ticks = {};
      boxes.forEach(function (box) { ticks[box.value] = box.checked; });
      return {
        ticks: ticks,
        pod: pod.value.trim(),
        date: ISO_DATE.test(date.value) ? date.value : todayIso(),
        reviewer: reviewer.value.trim()
      };
    }

    function update() {
      var state = read();
      var total = 0;
      config.signals.forEach(function (signal) {
        if (state.ticks[signal.id]) { total += signal.weight; }
      });
      var band = verdictFor(config, total);
      score.value = String(total);
      score.textContent = String(total);
      verdict.textContent = band.label;
      verdict.setAttribute("data-verdict", band.verdict);
      // A date left at today is not stored, so tomorrow the field shows tomorrow.
      window.pb.storage.set(key, {ticks: state.ticks, pod: state.pod, reviewer: state.reviewer,
                 date: date.value !== todayIso() ? date.value : ""});
    }

    function restore() {
      var saved = load(key);
      var ticks = saved.ticks || {};
      boxes.forEach(function (box) { box.checked = ticks[box.value] === true; });
      pod.value = typeof saved.pod === "string" ? saved.pod : "";
      date.value = ISO_DATE.test(saved.date || "") ? saved.date : todayIso();
      reviewer.value = typeof saved.reviewer === "string" ? saved.reviewer : "";
    }

    function copy() {
      var state = read();
      var text = record(config, state);
      var where = ID.test(state.pod) ? "data/pods/" + state.pod + ".yaml" : "the pod's data file";
      var done = "Copied. Paste it under reviews: in " + where + ".";
      area.value = text;
      area.hidden = false;  // show what was copied, and give a way to copy it by hand
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () {
          status.textContent = done;
        }, function () {
          status.textContent = fallbackCopy(area, text) ? done : "Copy the record below and paste it under reviews: in " + where + ".";
        });
      } else {
        status.textContent = fallbackCopy(area, text) ? done : "Copy the record below and paste it under reviews: in " + where + ".";
      }
    }

    function reset() {
      boxes.forEach(function (box) { box.checked = false; });
      pod.value = "";
      reviewer.value = "";
      date.value = todayIso();
      area.value = "";
      area.hidden = true;
      status.textContent = "Cleared.";
      window.pb.storage.remove(key);
      update();
    }

    restore();
    root.querySelector(".pod-checklist__controls").hidden = false;
    root.addEventListener("change", update);
    root.addEventListener("input", update);
    root.querySelector(".pod-checklist__copy").addEventListener("click", copy);
    root.querySelector(".pod-checklist__reset").addEventListener("click", reset);
    root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
    update();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pod-checklist]"), setup);
  }

  window.pb.onPage(init);
})();
