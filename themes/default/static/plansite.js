// plansite: marks the reader's current month (by the reader's own clock) and past months.
// The pages are complete without this script; it only adds classes and scrolls.
(function () {
  "use strict";
  var now = window.PLANSITE_NOW ? new Date(window.PLANSITE_NOW) : new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var current = now.getFullYear() + "-" + pad(now.getMonth() + 1);
  var nodes = document.querySelectorAll("[data-month]");
  var target = null;
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var key = el.getAttribute("data-month");
    if (key === current) {
      el.classList.add("is-current");
      if (el.tagName === "A") { el.setAttribute("aria-current", "date"); }
      else if (!target) { target = el; }
    } else if (key < current) {
      el.classList.add("is-past");
    }
  }
  if (target && document.body.classList.contains("page-timeline") && !window.location.hash) {
    target.scrollIntoView({ block: "start" });
  }
})();
