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
