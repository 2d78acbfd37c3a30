// jixiao document report: show what was extracted from a highlight; document text is only ever set as textContent.
(function () {
  "use strict";
  var evidence = JSON.parse(document.getElementById("evidence-data").textContent);
  var panel = document.getElementById("details-items");
  var active = [];

  function show(ids) {
    panel.replaceChildren();
    ids.forEach(function (id) {
      var item = evidence[id];
      if (!item) { return; }
      var box = document.createElement("div");
      box.className = "item " + item.kind;
      var head = document.createElement("div");
      var swatch = document.createElement("span");
      swatch.className = "swatch " + item.kind;
      var title = document.createElement("b");
      title.textContent = " " + item.name + " · " + item.title;
      head.append(swatch, title);
      var list = document.createElement("dl");
      item.details.forEach(function (pair) {
        var key = document.createElement("dt");
        key.textContent = pair[0];
        var value = document.createElement("dd");
        value.textContent = pair[1];
        list.append(key, value);
      });
      box.append(head, list);
      panel.append(box);
    });
  }

  function select(mark) {
    active.forEach(function (m) { m.classList.remove("active"); });
    active = [mark];
    mark.classList.add("active");
    show(mark.dataset.ann.split(" "));
  }

  document.getElementById("text").addEventListener("click", function (event) {
    var mark = event.target.closest("mark.hl");
    if (mark) { select(mark); }
  });
  document.getElementById("text").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("mark.hl")) { select(event.target); }
  });
  document.querySelectorAll(".flag-link").forEach(function (link) {
    link.addEventListener("click", function () {
      var id = link.dataset.ann;
      var marks = Array.prototype.filter.call(document.querySelectorAll("mark.hl"), function (m) {
        return m.dataset.ann.split(" ").indexOf(id) >= 0;
      });
      if (marks.length) {
        select(marks[0]);
        marks[0].scrollIntoView({ block: "center" });
      }
      show([id]);
    });
  });
  document.querySelectorAll(".legend .toggle").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.value, !box.checked);
    });
  });
})();
