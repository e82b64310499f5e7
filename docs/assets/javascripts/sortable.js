/* Sortable tables: a table with `data-sortable` gets a button in each column header that sorts
   its rows, ascending then descending. A cell's `data-sort-value` wins over its text; columns
   marked `data-sort-type="number"` compare as numbers, with empty values last.
   Without JavaScript the table is an ordinary table. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-sort-value");
    return (value === null ? cell.textContent : value).trim();
  }

  function compare(numeric) {
    var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: "base"});
    return function (a, b) {
      if (a.value === b.value) { return a.position - b.position; }  // stable
      if (a.value === "") { return 1; }   // empty values go last in either direction
      if (b.value === "") { return -1; }
      if (numeric) { return (Number(a.value) - Number(b.value)) * a.direction; }
      return collator.compare(a.value, b.value) * a.direction;
    };
  }

  function sortBy(table, header, index) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var direction = ascending ? 1 : -1;
    var numeric = header.getAttribute("data-sort-type") === "number";
    var rows = Array.prototype.map.call(body.rows, function (row, position) {
      return {row: row, value: cellValue(row, index), position: position, direction: direction};
    });
    rows.sort(compare(numeric));
    var fragment = document.createDocumentFragment();
    rows.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies[0] || !window.pb.ready(table)) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pod-sort";
      while (header.firstChild) { button.appendChild(header.firstChild); }
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, header, index); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), enhance);
  }

  window.pb.onPage(init);
})();
