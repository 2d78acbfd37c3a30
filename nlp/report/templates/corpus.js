// jixiao corpus dashboard: sort the evaluations table by the clicked column (numbers numerically, blanks last).
(function () {
  "use strict";
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("th");
    headers.forEach(function (th, column) {
      if (!th.classList.contains("sortable")) { return; }
      th.addEventListener("click", function () {
        var ascending = !th.classList.contains("sorted-asc");
        headers.forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
        th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
        var numeric = th.dataset.type === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[column];
          if (!numeric) { return cell.textContent; }
          var value = parseFloat(cell.dataset.value);
          return isNaN(value) ? null : value;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null || y === null) { return x === y ? 0 : (x === null ? 1 : -1); }
          var order = numeric ? x - y : x.localeCompare(y, "zh-CN");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
