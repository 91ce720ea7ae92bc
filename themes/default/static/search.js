// plansite search: runs in the reader's browser, offline, also from file://.
// The indexes are scripts (<plan>/search-index.js), not JSON files, because a page opened
// from disk may not fetch files. Matching follows plansite's rules (src/search.rs): NFC,
// lower case, accents ignored (đ → d), every query word matches a word or its beginning,
// and matches with the query's own accents rank first.
(function (root) {
  "use strict";

  var WORD = /[\p{L}\p{N}]+/gu;
  var MARK = /\p{M}/gu;

  function fold(text) {
    var out = "";
    var lower = text.normalize("NFC").toLowerCase();
    for (var i = 0; i < lower.length; i++) {
      var c = lower[i];
      out += c === "đ" ? "d" : c.normalize("NFD").replace(MARK, "");
    }
    return out;
  }

  function words(text) {
    return text.normalize("NFC").toLowerCase().match(WORD) || [];
  }

  // 3: same accents; 2: same without accents; 1: a prefix without accents; 0: no match.
  function wordScore(q, qf, word, wordFolded) {
    if (word === q) { return 3; }
    if (wordFolded === qf) { return 2; }
    return wordFolded.indexOf(qf) === 0 ? 1 : 0;
  }

  function prepare(title, text) {
    var tw = words(title);
    var xw = words(text);
    return {
      title: title, text: text,
      titleWords: tw, titleFolded: tw.map(fold),
      textWords: xw, textFolded: xw.map(fold)
    };
  }

  function best(q, qf, ws, folded) {
    var top = 0;
    for (var i = 0; i < ws.length && top < 3; i++) {
      var s = wordScore(q, qf, ws[i], folded[i]);
      if (s > top) { top = s; }
    }
    return top;
  }

  // Whether the query words stand together, in order, in `folded` (the last may be a prefix).
  function hasPhrase(qf, folded) {
    var n = qf.length;
    if (n < 2) { return false; }
    for (var i = 0; i + n <= folded.length; i++) {
      var ok = true;
      for (var j = 0; j < n && ok; j++) {
        ok = j + 1 === n ? folded[i + j].indexOf(qf[j]) === 0 : folded[i + j] === qf[j];
      }
      if (ok) { return true; }
    }
    return false;
  }

  // The entry's score for the query words, or 0 when one of them matches nothing. Title
  // matches count double; the words standing together as a phrase add 2 per word (4 in the
  // title).
  function score(queryWords, entry) {
    if (!queryWords.length) { return 0; }
    var total = 0;
    for (var i = 0; i < queryWords.length; i++) {
      var q = queryWords[i];
      var qf = fold(q);
      var s = Math.max(2 * best(q, qf, entry.titleWords, entry.titleFolded),
                       best(q, qf, entry.textWords, entry.textFolded));
      if (!s) { return 0; }
      total += s;
    }
    var qf = queryWords.map(fold);
    if (hasPhrase(qf, entry.titleFolded)) { total += 4 * qf.length; }
    else if (hasPhrase(qf, entry.textFolded)) { total += 2 * qf.length; }
    return total;
  }

  // Indices of the matching entries, best first, ties in document order.
  function rank(query, entries) {
    var qw = words(query);
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(qw, entries[i]);
      if (s) { hits.push([s, i]); }
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return hits.map(function (h) { return h[1]; });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  // `text` with the words matching the query wrapped in <mark>, cut around the first match.
  function highlight(text, query, around) {
    var qf = words(query).map(fold);
    var nfc = text.normalize("NFC");
    var marks = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(nfc)) !== null) {
      var f = fold(m[0]);
      for (var i = 0; i < qf.length; i++) {
        if (f.indexOf(qf[i]) === 0) { marks.push([m.index, m.index + m[0].length]); break; }
      }
    }
    var start = 0;
    var end = nfc.length;
    if (around && nfc.length > around) {
      var first = marks.length ? marks[0][0] : 0;
      start = Math.max(0, first - Math.floor(around / 3));
      // Start and end at word boundaries.
      var space = nfc.indexOf(" ", start);
      if (start > 0 && space >= 0 && space < first) { start = space + 1; }
      end = Math.min(nfc.length, start + around);
      var last = nfc.lastIndexOf(" ", end);
      if (end < nfc.length && last > first) { end = last; }
    }
    var html = start > 0 ? "…" : "";
    var pos = start;
    for (var k = 0; k < marks.length; k++) {
      var a = marks[k][0];
      var b = marks[k][1];
      if (b <= start || a >= end) { continue; }
      html += escapeHtml(nfc.slice(pos, a)) + "<mark>" + escapeHtml(nfc.slice(a, b)) + "</mark>";
      pos = b;
    }
    html += escapeHtml(nfc.slice(pos, end)) + (end < nfc.length ? "…" : "");
    return html;
  }

  var api = { fold: fold, words: words, prepare: prepare, rank: rank, highlight: highlight };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  root.plansiteSearch = api;

  // The search page.
  var form = document.getElementById("search-form");
  if (!form) { return; }
  var input = document.getElementById("search-q");
  var allBox = document.getElementById("search-all");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var base = form.getAttribute("data-root");
  var plans = JSON.parse(form.getAttribute("data-plans"));
  var params = new URLSearchParams(location.search);
  var currentPlan = params.get("plan") || "";
  input.value = params.get("q") || "";
  allBox.checked = params.get("all") === "1" || !currentPlan;
  if (!currentPlan) { allBox.disabled = true; }
  var hidden = document.getElementById("search-plan");
  hidden.value = currentPlan;

  // Sites of several organisations: a <select> keeps the search to one ("-" is the plans that
  // name none), results name their organisation, and the address keeps the choice so that it
  // can be shared. Searching from a plan's page preselects the plan's organisation: widening
  // to "all years" then means that organisation's years.
  var orgBox = document.getElementById("search-org");
  var orgOf = {};
  var orgNames = {};
  plans.forEach(function (p) { orgOf[p.slug] = p.org; });
  if (orgBox) {
    for (var o = 0; o < orgBox.options.length; o++) {
      orgNames[orgBox.options[o].value] = orgBox.options[o].textContent;
    }
    // An empty `org` is "every organisation"; none at all is the plan's, if any.
    var wanted = params.has("org") ? params.get("org") : orgOf[currentPlan] || "";
    orgBox.value = wanted;
    if (orgBox.value !== wanted) { orgBox.value = ""; }
    // Another organisation than the plan's asks for more than the plan.
    if (currentPlan && params.has("org") && orgBox.value !== orgOf[currentPlan]) {
      allBox.checked = true;
    }
  }

  var loaded = {};
  var entries = [];

  function load(slugs, done) {
    var pending = 0;
    slugs.forEach(function (slug) {
      if (loaded[slug]) { return; }
      loaded[slug] = true;
      pending++;
      var s = document.createElement("script");
      s.src = base + slug + "/search-index.js";
      s.onload = s.onerror = function () { if (--pending === 0) { ingest(); done(); } };
      document.head.appendChild(s);
    });
    if (pending === 0) { done(); }
  }

  function ingest() {
    var all = root.plansiteSearchIndex || [];
    entries = [];
    all.forEach(function (plan) {
      plan.entries.forEach(function (e) {
        var p = prepare(e[1], e[3]);
        p.kind = e[0]; p.url = e[2]; p.plan = plan.slug; p.planTitle = plan.title;
        entries.push(p);
      });
    });
  }

  function scope() {
    if (currentPlan && !allBox.checked) { return [currentPlan]; }
    var org = orgBox ? orgBox.value : "";
    return plans
      .filter(function (p) { return !org || p.org === org; })
      .map(function (p) { return p.slug; });
  }

  // The search in the address bar, to share; a page opened from disk may refuse.
  function remember(q) {
    var query = [];
    if (q) { query.push(["q", q]); }
    if (currentPlan) { query.push(["plan", currentPlan]); }
    if (currentPlan && allBox.checked) { query.push(["all", "1"]); }
    // With the plan alone its organisation goes without saying; with a plan's "all years", an
    // empty org says "every organisation" (none would mean the plan's).
    if ((!currentPlan || allBox.checked) && (orgBox.value || currentPlan)) {
      query.push(["org", orgBox.value]);
    }
    // Only a change: opening the page does not rewrite its address.
    var next = new URLSearchParams(query).toString();
    if (next === location.search.replace(/^\?/, "")) { return; }
    try {
      history.replaceState(null, "", next ? "?" + next : location.pathname);
    } catch (e) { /* the results stand; only the address is not updated */ }
  }

  function run() {
    var q = input.value.trim();
    var slugs = scope();
    if (orgBox) { remember(q); }
    load(slugs, function () {
      var pool = entries.filter(function (e) { return slugs.indexOf(e.plan) >= 0; });
      list.innerHTML = "";
      if (!q) { status.textContent = ""; return; }
      var hits = rank(q, pool).slice(0, 100);
      // One hit has a form of its own in languages with a singular ("1 result").
      status.textContent = hits.length === 1
        ? form.getAttribute("data-found-one")
        : hits.length
          ? form.getAttribute("data-found").replace("{n}", hits.length)
          : form.getAttribute("data-none");
      hits.forEach(function (i) {
        var e = pool[i];
        var li = document.createElement("li");
        li.className = "search-result";
        li.innerHTML = "<a href=\"" + escapeHtml(base + e.url) + "\">" + highlight(e.title, q, 0) + "</a>" +
          "<span class=\"search-plan\">" +
          (orgBox ? "<span class=\"search-org\">" + escapeHtml(orgNames[orgOf[e.plan]] || "") + "</span> · " : "") +
          escapeHtml(e.planTitle) + "</span>" +
          (e.text ? "<p>" + highlight(e.text, q, 180) + "</p>" : "");
        list.appendChild(li);
      });
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  allBox.addEventListener("change", function () {
    // Back to the plan alone: its organisation is the one searched.
    if (orgBox && currentPlan && !allBox.checked) { orgBox.value = orgOf[currentPlan] || ""; }
    run();
  });
  if (orgBox) {
    orgBox.addEventListener("change", function () {
      // Choosing an organisation asks for more than the plan of the page.
      if (currentPlan) { allBox.checked = true; }
      run();
    });
  }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  run();
})(typeof window !== "undefined" ? window : this);
