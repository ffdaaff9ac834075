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

// Review: selecting text in the article fills the span (offsets into the title +
// body text, which is exactly the text of #article-text) of the value form used
// last, or of the first one.  The form also works with the offsets typed in.
(function () {
  "use strict";
  function offsetIn(root, node, offset) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var total = 0;
    var n = walker.nextNode();
    while (n) {
      if (n === node) { return total + offset; }
      total += n.nodeValue.length;
      n = walker.nextNode();
    }
    // an element boundary: count the text before its offset-th child
    if (node.nodeType === 1) {
      var before = document.createRange();
      before.setStart(root, 0);
      before.setEnd(node, offset);
      return before.toString().length;
    }
    return -1;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("article-text");
    var forms = document.querySelectorAll("form.review-value");
    if (!text || !forms.length) { return; }
    var target = forms[0];
    forms.forEach(function (f) {
      f.addEventListener("focusin", function () { target = f; });
    });
    function take() {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
      var r = sel.getRangeAt(0);
      if (!text.contains(r.startContainer) || !text.contains(r.endContainer)) { return; }
      var start = offsetIn(text, r.startContainer, r.startOffset);
      var end = offsetIn(text, r.endContainer, r.endOffset);
      if (start < 0 || end <= start) { return; }
      target.querySelector("input.span-start").value = String(start);
      target.querySelector("input.span-end").value = String(end);
      target.querySelector(".span-text").textContent = "“" + r.toString() + "”";
    }
    text.addEventListener("mouseup", take);
    text.addEventListener("keyup", take);
  });
})();

// The map: a click on an incident's circle opens a popup (date, place, figures,
// grade, contradictions, and the link to the incident) instead of following the
// link at once; Escape or a click elsewhere closes it.  Without scripts the
// circle is a plain link.
(function () {
  "use strict";
  var pop = null;
  function close() { if (pop) { pop.remove(); pop = null; } }
  function line(parent, tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  function open(mark, event) {
    close();
    var d = mark.dataset;
    pop = document.createElement("div");
    pop.className = "map-popup";
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", d.label || "incident");
    line(pop, "strong", d.label || d.id);
    line(pop, "div", d.date + " · " + d.place);
    line(pop, "div", d.killed);
    line(pop, "div", d.injured);
    line(pop, "div", "grade: " + d.grade + " · contradictions: " + d.contradictions);
    line(pop, "div", d.reports);
    var a = line(pop, "a", "Open the incident →");
    a.href = mark.getAttribute("href");
    document.body.appendChild(pop);
    var r = mark.getBoundingClientRect();
    var x = event && event.clientX ? event.clientX : r.left + r.width / 2;
    var y = event && event.clientY ? event.clientY : r.top + r.height / 2;
    pop.style.left = Math.max(8, Math.min(window.scrollX + x + 10,
      window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8)) + "px";
    pop.style.top = (window.scrollY + y + 10) + "px";
    a.focus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("svg.map a.map-mark").forEach(function (m) {
      m.addEventListener("click", function (e) { e.preventDefault(); e.stopPropagation(); open(m, e); });
    });
    document.addEventListener("click", function (e) {
      if (pop && !pop.contains(e.target)) { close(); }
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") { close(); } });
  });
})();
