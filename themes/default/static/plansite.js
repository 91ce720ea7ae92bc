// plansite: marks the reader's current month, by the reader's own clock, and the months
// already past; points the "this month" link at the current month's page. Every page is
// complete without this script: it only adds classes, a link and a scroll.
(function () {
  "use strict";
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var current = now.getFullYear() + "-" + pad(now.getMonth() + 1);

  var target = null;
  var nodes = document.querySelectorAll("[data-month]");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var key = el.getAttribute("data-month");
    if (key === current) {
      el.classList.add("is-current");
      if (el.tagName === "A") {
        el.setAttribute("aria-current", "date");
        // Bring the current month into view in a month strip that scrolls sideways.
        var strip = el.parentNode && el.parentNode.parentNode;
        if (strip && strip.scrollWidth > strip.clientWidth) {
          strip.scrollLeft = el.offsetLeft - strip.clientWidth / 2;
        }
      }
      else if (!target) { target = el; }
    } else if (key < current) {
      el.classList.add("is-past");
    }
  }

  var links = document.querySelectorAll("a.this-month");
  for (var j = 0; j < links.length; j++) {
    var a = links[j];
    if (a.getAttribute("data-first") <= current && current <= a.getAttribute("data-last")) {
      a.href = a.getAttribute("data-months-url") + current + "/index.html";
      a.hidden = false;
    }
  }

  // On the archive, the plan whose period holds the reader's date.
  var cards = document.querySelectorAll(".plan-card[data-first]");
  for (var k = 0; k < cards.length; k++) {
    var c = cards[k];
    if (c.getAttribute("data-first") <= current && current <= c.getAttribute("data-last")) {
      c.classList.add("is-current");
      var badge = c.querySelector(".badge-current");
      if (badge) { badge.hidden = false; }
    }
  }

  if (target && document.body.classList.contains("page-timeline") && !window.location.hash) {
    target.scrollIntoView({ block: "start" });
  }
})();
