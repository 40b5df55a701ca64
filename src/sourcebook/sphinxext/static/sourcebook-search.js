/* The search page (sphinxext/pagefind.py): a small interface over Pagefind's own
   API (pagefind.js and its WebAssembly), started with the query the theme's
   search box submitted (?q=).  Pagefind's ready-made interface would add 130 KB
   to the first search.  Pagefind fetches its index in pieces, which browsers
   refuse for pages opened from disk: then the page says how to serve the site. */
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
        pending = found.results.slice();
        return showNext(ticket, query, found.results.length);
      })
      .catch(showOffline);
  }

  more.addEventListener("click", function () {
    showNext(latest, input.value, list.children.length + pending.length);
  });

  if (window.location.protocol === "file:") {
    showOffline();
    return;
  }
  engine = import(bundle + "pagefind.js").then(function (pagefind) {
    return pagefind.options({ baseUrl: root }).then(function () {
      return pagefind;
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
