// Small enhancement only: every page works without it.  A highlighted value in
// an article shows its reading in a popover on click, focus or Enter; Escape
// closes it.  Text goes in with textContent, never as HTML.
(function () {
  "use strict";
  var pop = null;
  function close() { if (pop) { pop.remove(); pop = null; } }
  function open(mark) {
    close();
    pop = document.createElement("div");
    pop.className = "popover";
    pop.setAttribute("role", "tooltip");
    pop.id = "value-popover";
    pop.textContent = mark.getAttribute("data-title") || mark.getAttribute("title") || "";
    document.body.appendChild(pop);
    var r = mark.getBoundingClientRect();
    pop.style.left = Math.max(8, window.scrollX + r.left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
    mark.setAttribute("aria-describedby", "value-popover");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var marks = document.querySelectorAll(".article-text mark.ev");
    marks.forEach(function (m) {
      m.addEventListener("click", function () { open(m); });
      m.addEventListener("focus", function () { open(m); });
      m.addEventListener("blur", close);
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") { close(); } });
  });
})();
