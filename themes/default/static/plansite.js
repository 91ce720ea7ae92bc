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

  // The site's "this month" page: the reader's month, else a link to the site's page of it
  // when some older plan has that month.
  var siteMonths = document.querySelectorAll("section[data-site-month]");
  var none = document.querySelector(".this-month-none");
  var shown = false;
  for (var s = 0; s < siteMonths.length; s++) {
    if (siteMonths[s].getAttribute("data-site-month") === current) {
      siteMonths[s].hidden = false;
      shown = true;
    }
  }
  if (none && !shown) {
    none.hidden = false;
    var other = none.querySelector('li[data-site-month="' + current + '"]');
    if (other) { other.hidden = false; }
  }

  // Today on a month grid.
  var today = current + "-" + pad(now.getDate());
  var days = document.querySelectorAll('.month-grid td[data-date="' + today + '"]');
  for (var d = 0; d < days.length; d++) {
    days[d].classList.add("is-today");
    days[d].setAttribute("aria-current", "date");
  }

  // A "copy link" button on each heading of the document: the page's address with the
  // heading's anchor, ready to paste into a chat.
  var body = document.body;
  var copyLabel = body.getAttribute("data-copy-link");
  var copied = body.getAttribute("data-copied");
  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else {
      fallbackCopy(text, done);
    }
  }
  function fallbackCopy(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* nothing to copy with */ }
    document.body.removeChild(area);
  }
  var headings = document.querySelectorAll(".document h3[id], .document h4[id], .document h5[id], .document h6[id], .doc-section[id] > h2");
  for (var h = 0; h < headings.length; h++) {
    (function (heading) {
      var id = heading.id || heading.parentNode.id;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.setAttribute("aria-label", copyLabel);
      button.title = copyLabel;
      button.textContent = "#";
      button.addEventListener("click", function () {
        var url = location.href.split("#")[0] + "#" + id;
        copyText(url, function () {
          button.classList.add("is-copied");
          button.setAttribute("aria-label", copied);
          setTimeout(function () {
            button.classList.remove("is-copied");
            button.setAttribute("aria-label", copyLabel);
          }, 2000);
        });
      });
      heading.appendChild(button);
    })(headings[h]);
  }

  var printButtons = document.querySelectorAll("[data-print]");
  for (var b = 0; b < printButtons.length; b++) {
    printButtons[b].hidden = false;
    printButtons[b].addEventListener("click", function () { window.print(); });
  }

  if (target && document.body.classList.contains("page-timeline") && !window.location.hash) {
    target.scrollIntoView({ block: "start" });
  }
})();
