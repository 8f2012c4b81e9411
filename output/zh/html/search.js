// LossAtlas: the search box and the table of contents. Optional: every page
// reads completely without it. No network: the index is search-index.js,
// loaded by a <script> tag (which works from file://), and every word shown
// comes from the page's own template (data-* attributes of the form).
(function () {
  "use strict";

  // The table of contents starts folded on narrow screens, where it would
  // push the page down; it stays open beside the text on wide ones.
  var toc = document.querySelector("nav.toc details");
  if (toc && window.matchMedia("(max-width: 63.99rem)").matches) toc.open = false;

  var form = document.getElementById("search");
  var index = window.lossAtlasSearch;
  if (!form || !Array.isArray(index)) return;
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var panel = document.getElementById("search-panel");
  var limit = 50;

  // Case, accents, spaces and punctuation do not matter: "Leaky ReLU",
  // "leaky_relu" and "leakyrelu" all find leaky-relu. Chinese (or any
  // other script) is matched as a substring of each term: "交叉" finds
  // 交叉熵; CJK and full-width punctuation (，。：（）“”) is ignored too.
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\s\-_.,:;()'"‘’“”·/\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]+/g, "");
  }
  var folded = index.map(function (entry) { return entry.terms.map(fold); });

  // 0: a term equals the query, 1: starts with it, 2: contains it.
  function rank(terms, query) {
    var best = 3;
    for (var i = 0; i < terms.length; i++) {
      var at = terms[i].indexOf(query);
      if (at === 0) best = Math.min(best, terms[i].length === query.length ? 0 : 1);
      else if (at > 0) best = Math.min(best, 2);
    }
    return best;
  }

  function search(text) {
    var query = fold(text);
    if (!query) return [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var r = rank(folded[i], query);
      if (r < 3) hits.push({ rank: r, order: i });
    }
    hits.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
    return hits.map(function (h) { return index[h.order]; });
  }

  function show(text) {
    var hits = search(text);
    list.textContent = "";
    panel.hidden = !text.trim();
    if (panel.hidden) { status.textContent = ""; return; }
    status.textContent = hits.length === 0 ? form.dataset.none
      : hits.length === 1 ? form.dataset.one : form.dataset.many.replace("{n}", String(hits.length));
    if (hits.length === 0) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = form.dataset.none;
      list.appendChild(none);
    }
    hits.slice(0, limit).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.url;
      var title = document.createElement("span");
      title.className = "title";
      title.textContent = entry.title;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = form.dataset["kind" + entry.kind.charAt(0).toUpperCase() + entry.kind.slice(1)] || entry.kind;
      link.appendChild(title);
      link.appendChild(kind);
      if (entry.detail) {
        var detail = document.createElement("span");
        detail.className = "detail";
        detail.textContent = entry.detail;
        link.appendChild(detail);
      }
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  form.hidden = false;
  input.addEventListener("input", function () { show(input.value); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) window.location.href = first.href;
  });
  // Arrow keys move between the box and the results; Escape clears.
  form.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (all.length === 0) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Escape") {
      input.value = "";
      show("");
      input.focus();
    }
  });
  // "/" anywhere else on the page goes to the search box.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  // Results close when the focus leaves the search (and come back with it).
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) panel.hidden = true;
  });
  input.addEventListener("focus", function () { show(input.value); });
})();
