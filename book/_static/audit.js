/* A mark's tooltip opens below the mark, from its left edge. A mark near the right edge of the text would push it
   out of the column, where the page clips it: shift it left by the overflow, never past the column's left edge. */
(function () {
  function place(claim) {
    var tip = claim.querySelector(".tip");
    if (!tip) return;
    tip.style.left = "";
    var column = (claim.closest(".annotated-report") || claim.closest("main") || document.body).getBoundingClientRect();
    var box = tip.getBoundingClientRect();
    var shift = Math.min(0, column.right - box.right);
    shift = Math.max(shift, column.left - box.left);
    if (shift !== 0) tip.style.left = shift + "px";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".claim").forEach(function (claim) {
      claim.addEventListener("mouseenter", function () { place(claim); });
      claim.addEventListener("focusin", function () { place(claim); });
    });
  });
})();

/* The search page also looks the query up in the report's own text (book/_ext/report_search.py writes
   _static/report-search.json): Sphinx matches whole jieba words only, so a phrase, an amount as printed
   (13.8万亿元) or a claim id (2.1.1-03) would find nothing. Results name the claim or paragraph and link to it. */
(function () {
  var LIMIT = 60;
  // NFKC (full-width digits and letters as ASCII) and lower case keep a Chinese text's length, so offsets agree
  function norm(s) { return (s || "").normalize("NFKC").toLowerCase(); }
  function esc(s) { return s.replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; }); }
  function snippet(text, at, len) {
    var lo = Math.max(0, at - 24), hi = Math.min(text.length, at + len + 24);
    return (lo > 0 ? "…" : "") + esc(text.slice(lo, at)) + "<mark>" + esc(text.slice(at, at + len)) + "</mark>" +
      esc(text.slice(at + len, hi)) + (hi < text.length ? "…" : "");
  }
  function find(index, q) {
    var hits = [];
    index.claims.forEach(function (c) {
      var fields = [c.id, c.span, c.gloss, c.fact_zh, c.fact_en];
      if (fields.some(function (f) { return norm(f).indexOf(q) >= 0; })) {
        hits.push('<li class="rs-claim"><a href="' + c.page + "#" + c.anchor + '">' + esc(c.id) + "</a> · <span lang=\"zh-Hans\">" +
          esc(c.span) + "</span> · " + esc(c.gloss) + (c.fact_zh ? ' <span class="rs-fact" lang="zh-Hans">(' + esc(c.fact_zh) + ")</span>" : "") + "</li>");
      }
    });
    index.paragraphs.forEach(function (p) {
      var at = norm(p.text).indexOf(q);
      if (at >= 0) {
        hits.push('<li class="rs-paragraph"><a href="' + p.page + "#" + p.anchor + '">paragraph ' + esc(p.key) +
          '</a>: <span lang="zh-Hans">' + snippet(p.text, at, q.length) + "</span></li>");
      }
    });
    return hits;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var results = document.getElementById("search-results");
    var q = new URLSearchParams(window.location.search).get("q");
    q = norm(q).trim();
    if (!results || !q) return;
    var box = document.createElement("section");
    box.id = "report-search-results";
    box.setAttribute("aria-live", "polite");
    results.parentNode.insertBefore(box, results);
    fetch("_static/report-search.json").then(function (r) { return r.json(); }).then(function (index) {
      var hits = find(index, q);
      box.innerHTML = "<h2>In the report's text and claims (" + hits.length + ")</h2>" +
        (hits.length ? "<ul>" + hits.slice(0, LIMIT).join("") + "</ul>" + (hits.length > LIMIT ? "<p>First " + LIMIT + " shown.</p>" : "")
                     : "<p>No paragraph or claim holds “" + esc(q) + "”.</p>");
    }).catch(function () { box.textContent = ""; });
  });
})();

/* On a phone or tablet the theme wires its drawers to the FIRST navigation and contents buttons, which the book
   theme hides; the visible ones did nothing. Below the theme's desktop breakpoint, a click on any other such
   button is handed to the first, which opens the drawer. */
(function () {
  var DESKTOP = 992;
  document.addEventListener("DOMContentLoaded", function () {
    [".primary-toggle", ".secondary-toggle"].forEach(function (selector) {
      var all = document.querySelectorAll(selector);
      for (var i = 1; i < all.length; i++) {
        all[i].addEventListener("click", function (event) {
          if (window.innerWidth >= DESKTOP) return;
          event.preventDefault();
          event.stopPropagation();
          all[0].click();
        }, true);
      }
    });
  });
})();

/* Every figure opens full size on tap or click (a new tab with the image itself). */
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".bd-article img").forEach(function (img) {
      if (img.closest("a")) return;
      var a = document.createElement("a");
      a.href = img.src;
      a.target = "_blank";
      a.rel = "noopener";
      a.className = "figure-full";
      a.title = "Open the figure full size";
      img.parentNode.insertBefore(a, img);
      a.appendChild(img);
    });
  });
})();

/* Sphinx's search summaries are cut from a page's text, tooltips included: a chapter's summary ran the hidden
   tooltip of a mark into the Chinese sentence ("…if trueNo outside growth rate…"). The summary reads the page as
   a reader sees it: tooltips, mark symbols and outside-record labels are left out. */
document.addEventListener("DOMContentLoaded", function () {
  // searchtools.js loads after this file on the search page: wrapped once the document (and it) has loaded,
  // before any result page is fetched
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  var original = Search.htmlToText;
  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(".claim .tip, .claim-symbol, .outside-badge").forEach(function (el) { el.remove(); });
    return original(doc.documentElement.outerHTML, anchor);
  };
});
