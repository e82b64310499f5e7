/* Scoping worksheet: flag answers without a dollar figure and keep answers in localStorage.
   Without JavaScript the worksheet is a plain form that prints as it is. */
(function () {
  "use strict";

  var DOLLARS = /\$\s*\d|\d[\d,.]*\s*(k|m|bn|thousand|million|billion)?\s*(usd|dollars?)\b/i;
  var PLAIN_AMOUNT = /^\s*\$?\s*\d[\d,.]*\s*(k|m|bn|thousand|million|billion)?\s*$/i;

  /* Sort answers into: empty, vague (no dollar figure), incomplete, domain. */
  function classify(answers) {
    var amount = (answers.amount || "").trim();
    var answer = (answers.answer || "").trim();
    var line = (answers.pnl_line || "").trim();
    var timeline = (answers.timeline || "").trim();
    if (!amount && !answer && !line && !timeline) { return "empty"; }
    var hasDollars = PLAIN_AMOUNT.test(amount) || DOLLARS.test(amount) || DOLLARS.test(answer);
    if (!hasDollars) { return "vague"; }
    if (!line || !timeline) { return "incomplete"; }
    return "domain";
  }

  var MESSAGES = {
    empty: "Check: name a P&L line, a dollar amount and a timeline.",
    vague: "Use-case level: the answer has no dollar figure. Revise the scope before assembling the pod.",
    incomplete: "Almost: name the P&L line and the timeline as well as the amount.",
    domain: "Domain level: a P&L line, a dollar amount and a timeline. The scope can carry a pod."
  };

  function read(form) {
    var answers = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name) { answers[el.name] = el.value; }
    });
    return answers;
  }

  function show(form) {
    var verdict = form.querySelector(".pb-scoping__verdict");
    var kind = classify(read(form));
    verdict.setAttribute("data-verdict", kind);
    verdict.textContent = "";
    var p = document.createElement("p");
    p.textContent = MESSAGES[kind];
    verdict.appendChild(p);
  }

  function store(key, value) {
    if (value === null) { window.pb.storage.remove(key); } else { window.pb.storage.set(key, value); }
  }

  function restore(form, key) {
    var saved = window.pb.storage.get(key, null);
    if (!saved || typeof saved !== "object") { return; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && typeof saved[el.name] === "string") { el.value = saved[el.name]; }
    });
  }

  function init() {
    var form = document.querySelector("form[data-pb-scoping]");
    if (!form || !window.pb.ready(form)) { return; }
    var key = form.getAttribute("data-pb-scoping");
    restore(form, key);
    show(form);
    form.addEventListener("input", function () { store(key, read(form)); show(form); });
    form.addEventListener("reset", function () {
      store(key, null);
      window.setTimeout(function () { show(form); }, 0);
    });
    var print = form.querySelector("[data-pb-action=print]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  }

  window.pb.scoping = { classify: classify };
  window.pb.onPage(init);
})();
