/* The search page (sphinxext/pagefind.py): a small interface over Pagefind's own
   API (pagefind.js and its WebAssembly), started with the query the theme's
   search box submitted (?q=).  Pagefind's ready-made interface would add 130 KB
   to the first search.  Pagefind fetches its index in pieces, which browsers
   refuse for pages opened from disk: then the page says how to serve the site.
   A build may leave the pages changed since the last full index in a second,
   small bundle (sphinxext/pagefinddelta.py): merged here, with the last full
   index's results for the pages it replaces (or that were deleted) dropped. */
(function () {
  "use strict";
  var box = document.getElementById("sourcebook-search");
  if (!box) {
    return;
  }
  var offline = document.getElementById("sourcebook-search-offline");
  var input = box.querySelector("input");
  var status = box.querySelector("[role=status]");
  var list = box.querySelector("ol");
  var bundle = new URL(box.getAttribute("data-bundle"), window.location.href).href;
  var root = new URL(box.getAttribute("data-root") || "./", window.location.href).pathname;
  var more = box.querySelector("button");
  var engine = null;
  /* fragment ids of the full index that the delta bundle replaces */
  var superseded = new Set();
  var latest = 0;
  var pending = [];
  /* each result's text is fetched as its own fragment (~15 KB): a few at a time */
  var PAGE = 5;

  function showOffline() {
    offline.hidden = false;
    box.hidden = true;
  }

  /* Pagefind's excerpt is text with <mark> around the hits: keep exactly that,
     parsed inertly, so no markup from a page can reach this one. */
  function excerpt(html) {
    var p = document.createElement("p");
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function render(results, query, total) {
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      item.appendChild(link);
      item.appendChild(excerpt(data.excerpt));
      list.appendChild(item);
    });
    status.textContent = total
      ? total + (total === 1 ? " result" : " results") + " for “" + query + "”:"
      : "Nothing found for “" + query + "”.";
    more.hidden = pending.length === 0;
  }

  function showNext(ticket, query, total) {
    var batch = pending.splice(0, PAGE);
    return Promise.all(
      batch.map(function (r) {
        return r.data();
      })
    ).then(function (results) {
      if (ticket === latest) {
        render(results, query, total);
      }
    });
  }

  function search(query) {
    var ticket = ++latest;
    list.replaceChildren();
    pending = [];
    more.hidden = true;
    if (!query.trim()) {
      status.textContent = "";
      return;
    }
    status.textContent = "Searching…";
    engine
      .then(function (pagefind) {
        return pagefind.search(query);
      })
      .then(function (found) {
        if (ticket !== latest) {
          return null;
        }
        pending = current(found.results);
        return showNext(ticket, query, pending.length);
      })
      .catch(showOffline);
  }

  /* what the full index says of a page the delta replaced is out of date; a page
     whose indexed text an edit left as it was has one id in both: keep one */
  function current(results) {
    var seen = new Set();
    return results.filter(function (r) {
      if (superseded.has(r.id) || seen.has(r.id)) {
        return false;
      }
      seen.add(r.id);
      return true;
    });
  }

  /* the delta's state (fetched with the engine; none, from an older build, is no
     delta): merge the delta bundle, and drop what of the full index it replaces */
  function merge(pagefind, state) {
    if (!state.delta) {
      return pagefind;
    }
    superseded = new Set(state.superseded);
    var delta = new URL(state.delta, new URL(root, window.location.href)).pathname;
    return pagefind.mergeIndex(delta, { baseUrl: root }).then(function () {
      return pagefind;
    });
  }

  more.addEventListener("click", function () {
    showNext(latest, input.value, list.children.length + pending.length);
  });

  if (window.location.protocol === "file:") {
    showOffline();
    return;
  }
  var state = fetch(bundle + "sourcebook-delta.json", { cache: "no-store" })
    .then(function (response) {
      return response.ok ? response.json() : { delta: null };
    })
    .catch(function () {
      return { delta: null }; /* the full index alone: as before the delta */
    });
  engine = Promise.all([import(bundle + "pagefind.js"), state]).then(function (both) {
    return both[0].options({ baseUrl: root }).then(function () {
      return merge(both[0], both[1]);
    });
  });
  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      search(input.value);
    }, 150);
  });
  box.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  search(query);
})();
