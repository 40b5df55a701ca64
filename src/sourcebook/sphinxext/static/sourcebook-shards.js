/* The search page of `sourcebook_search = "shards"` (templates/sourcebook-search-shards.html).
   The index in _search/ is JavaScript files that each call one function of
   window.sourcebookSearch: meta.js (the term ranges of the shards, or of the
   directories d/ID.js that list them), s/ID.js (one shard: terms, their document
   frequency and their best postings) and f/DOC.js (a page's title, address and
   text).  They are loaded with <script src> elements, which browsers allow for
   pages opened from disk, where fetch() is refused; a search loads meta.js, a
   directory a level for each word, the shards of its words and the texts of the
   results shown, whatever the size of the site.  The texts are contributors':
   they reach the page as DOM text only (text nodes and <mark>), and an address
   leaving the site is no link. */
(function () {
  "use strict";
  var box = document.getElementById("sourcebook-search");
  var words = window.sourcebookTerms;
  if (!box || !words) {
    return;
  }
  var TIMEOUT = 15000; /* ms for one file; from disk it is instant or an error */
  var PAGE = 10; /* results shown (and texts loaded) at a time */
  var MOST_WORDS = 8; /* a longer query is searched by its first words */
  var PREFIX = 3; /* a word this long also finds the longer words it starts */
  var input = box.querySelector("input");
  var status = box.querySelector("[role=status]");
  var list = box.querySelector("ol");
  var more = box.querySelector("button.sourcebook-search-more");
  var index = new URL(box.getAttribute("data-index") || "_search/", window.location.href);
  var root = new URL(box.getAttribute("data-root") || "./", window.location.href);
  root.search = "";
  root.hash = "";

  /* the registry: loads waiting for their file's call, by key */
  var pending = Object.create(null);
  var loads = Object.create(null);
  var inserted = [];

  function settle(key, value) {
    var waiting = pending[key];
    if (waiting) {
      delete pending[key];
      waiting(value);
    }
  }

  window.sourcebookSearch = {
    meta: function (data) {
      settle("meta", data);
    },
    dir: function (id, data) {
      settle("d:" + id, data);
    },
    shard: function (id, data) {
      settle("s:" + id, data);
    },
    fragment: function (doc, data) {
      settle("f:" + doc, data);
    },
    /* the addresses of the index files this page inserted, in order (for the tests) */
    loaded: function () {
      return inserted.slice();
    },
  };

  /* one index file, once: resolves with what it passed to its function */
  function load(key, path) {
    if (!loads[key]) {
      loads[key] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        var timer = window.setTimeout(function () {
          fail("did not load within " + TIMEOUT / 1000 + " seconds");
        }, TIMEOUT);
        function fail(why) {
          if (pending[key]) {
            delete pending[key];
            delete loads[key]; /* a later search may try again */
            window.clearTimeout(timer);
            reject(new Error(path + " " + why));
          }
        }
        pending[key] = function (value) {
          window.clearTimeout(timer);
          resolve(value);
        };
        script.onerror = function () {
          fail("is missing or cannot be read");
        };
        script.onload = function () {
          fail("does not hold what the search expects"); /* it ran without calling back */
        };
        script.src = new URL(path, index).href;
        inserted.push(script.src);
        document.head.appendChild(script);
      });
    }
    return loads[key];
  }

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function loadMeta() {
    return load("meta", "meta.js").then(function (meta) {
      if (!meta || meta.version !== 2 || !listing(meta.list) || !(meta.depth >= 0)) {
        throw new Error("meta.js is from another version of the search: rebuild the site");
      }
      return meta;
    });
  }

  function listing(list) {
    return Array.isArray(list) && list.length > 0;
  }

  /* the item of *list* that holds *term*: the last whose first term is not after it */
  function itemAt(list, term) {
    var low = 0;
    var high = list.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (list[middle][0] <= term) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  /* the list of shards that holds *word*: *list* itself at depth 0, else the one
     its directory file lists, a level down (a directory lists also the first item
     after it, the shard the longer words a query word starts may run on into) */
  function shardList(list, depth, word) {
    if (depth <= 0) {
      return Promise.resolve(list);
    }
    var id = list[itemAt(list, word)][1];
    return load("d:" + id, "d/" + id + ".js").then(function (inner) {
      if (!listing(inner)) {
        throw new Error("d/" + id + ".js does not hold what the search expects");
      }
      return shardList(inner, depth - 1, word);
    });
  }

  /* the shards a query word needs: its own, and the next one when the longer
     words it starts run on into it */
  function shardsFor(meta, word) {
    return shardList(meta.list, meta.depth, word).then(function (shards) {
      var at = itemAt(shards, word);
      var ids = [shards[at][1]];
      var next = shards[at + 1];
      if (word.length >= PREFIX && next && next[0].startsWith(word)) {
        ids.push(next[1]);
      }
      return Promise.all(
        ids.map(function (id) {
          return load("s:" + id, "s/" + id + ".js");
        })
      );
    });
  }

  /* how a term counts for a query word: 1 the word itself, 0.5 a longer word it starts */
  function weight(term, word) {
    if (term === word) {
      return 1;
    }
    return word.length >= PREFIX && term.startsWith(word) ? 0.5 : 0;
  }

  function idf(df, docs) {
    return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
  }

  /* each document's best score for *word* over the terms of its shards */
  function scoresFor(word, shards, docs, found) {
    var best = new Map();
    shards.forEach(function (shard) {
      Object.keys(shard || {}).forEach(function (term) {
        var share = weight(term, word);
        var entry = shard[term];
        if (!share || !own(shard, term) || !Array.isArray(entry) || !Array.isArray(entry[1])) {
          return;
        }
        found.capped = found.capped || entry[0] > entry[1].length;
        var factor = share * idf(entry[0], docs);
        entry[1].forEach(function (posting) {
          var score = factor * posting[1];
          if (!(best.get(posting[0]) >= score)) {
            best.set(posting[0], score);
          }
        });
      });
    });
    return best;
  }

  /* documents with every word first, then by score (the sum over the words) */
  function rank(meta, query, shardsPerWord) {
    var found = { capped: false };
    var docs = new Map();
    query.forEach(function (word, i) {
      scoresFor(word, shardsPerWord[i], meta.docs, found).forEach(function (score, doc) {
        var hit = docs.get(doc) || { doc: doc, score: 0, words: 0 };
        hit.score += score;
        hit.words += 1;
        docs.set(doc, hit);
      });
    });
    found.hits = Array.from(docs.values()).sort(function (a, b) {
      return b.words - a.words || b.score - a.score || a.doc - b.doc;
    });
    found.every = found.hits.filter(function (hit) {
      return hit.words === query.length;
    }).length;
    return found;
  }

  /* a page address from the index as a link inside the site, or null */
  function siteLink(address) {
    if (typeof address !== "string" || /^([a-z][a-z0-9+.-]*:|[\\/])/i.test(address.trim())) {
      return null;
    }
    var url;
    try {
      url = new URL(address, root);
    } catch (error) {
      return null;
    }
    var inside = url.protocol === root.protocol && url.host === root.host;
    return inside && url.href.startsWith(root.href) ? url.href : null;
  }

  /* does a run of the text hold a term that a query word finds? */
  function matches(run, query) {
    return words.terms(run).some(function (term) {
      return query.some(function (word) {
        return weight(term, word) > 0;
      });
    });
  }

  /* the runs of letters (with their marks) that the query finds in *text*, as [start, end] */
  function marked(text, query) {
    var runs = [];
    var pattern = /[\p{L}\p{N}\p{M}]+/gu;
    var m;
    while ((m = pattern.exec(text)) !== null) {
      if (matches(m[0], query)) {
        runs.push([m.index, m.index + m[0].length]);
      }
    }
    return runs;
  }

  /* a window of the text around its first match, cut at spaces */
  function excerptBounds(text, first) {
    var start = Math.max(0, first - 70);
    var end = Math.min(text.length, start + 260);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < first ? space + 1 : first;
    }
    if (end < text.length) {
      var last = text.lastIndexOf(" ", end);
      end = last > start ? last : end;
    }
    return [start, end];
  }

  /* the excerpt as text nodes and <mark> elements: the text is never parsed as HTML */
  function excerpt(raw, query) {
    var text = String(raw || "").replace(/\s+/g, " ").trim();
    var runs = marked(text, query);
    var bounds = excerptBounds(text, runs.length ? runs[0][0] : 0);
    var p = document.createElement("p");
    var at = bounds[0];
    p.appendChild(document.createTextNode(at > 0 ? "… " : ""));
    runs.forEach(function (run) {
      if (run[0] >= at && run[1] <= bounds[1]) {
        p.appendChild(document.createTextNode(text.slice(at, run[0])));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(run[0], run[1]);
        p.appendChild(mark);
        at = run[1];
      }
    });
    p.appendChild(document.createTextNode(text.slice(at, bounds[1])));
    if (bounds[1] < text.length) {
      p.appendChild(document.createTextNode(" …"));
    }
    return p;
  }

  function item(data, query) {
    var li = document.createElement("li");
    var title = (data && typeof data.title === "string" && data.title.trim()) || "";
    var href = data && siteLink(data.url);
    var head = document.createElement(href ? "a" : "span");
    if (href) {
      head.href = href;
    }
    head.textContent = title || (data && typeof data.url === "string" ? data.url : "Untitled");
    li.appendChild(head);
    li.appendChild(excerpt(data && data.text, query));
    return li;
  }

  function missing(error) {
    var li = document.createElement("li");
    li.textContent = "A result could not be shown: " + error.message + ".";
    return li;
  }

  /* the next page of results: their texts, then their list items */
  function showMore(search) {
    var batch = search.hits.slice(search.shown, search.shown + PAGE);
    search.shown += batch.length;
    return Promise.all(
      batch.map(function (hit) {
        return load("f:" + hit.doc, "f/" + hit.doc + ".js").then(
          function (data) {
            return item(data, search.query);
          },
          missing
        );
      })
    ).then(function (items) {
      if (search === current) {
        items.forEach(function (li) {
          list.appendChild(li);
        });
        more.hidden = search.shown >= search.hits.length;
      }
      return items;
    });
  }

  function quoted(query) {
    return "\u201c" + query + "\u201d";
  }

  function summary(search, text) {
    var n = search.hits.length;
    if (!n) {
      return "No results for " + quoted(text) + ".";
    }
    var line = n + (n === 1 ? " result" : " results") + " for " + quoted(text);
    if (search.query.length > 1 && search.every === 0) {
      line += " (none with every word)";
    } else if (search.query.length > 1 && search.every < n) {
      line += " (" + search.every + " with every word, listed first)";
    }
    if (search.capped) {
      line += "; more pages hold these words, these are those where they weigh most";
    }
    return line + ".";
  }

  function remember(text) {
    try {
      var url = new URL(window.location.href);
      if (text) {
        url.searchParams.set("q", text);
      } else {
        url.searchParams.delete("q");
      }
      window.history.replaceState(null, "", url.href);
    } catch (error) {
      /* some browsers refuse to change a file's address: the search still runs */
    }
  }

  var current = null;

  function search(text) {
    var query = Array.from(new Set(words.terms(text))).slice(0, MOST_WORDS);
    var mine = { query: query, hits: [], shown: 0, every: 0, capped: false };
    current = mine;
    list.replaceChildren();
    more.hidden = true;
    remember(text);
    if (!query.length) {
      status.textContent = text.trim() ? "No words to search for in " + quoted(text) + "." : "";
      return Promise.resolve();
    }
    status.textContent = "Searching\u2026";
    return loadMeta()
      .then(function (meta) {
        var needed = query.map(function (word) {
          return shardsFor(meta, word);
        });
        return Promise.all(needed).then(function (shards) {
          return rank(meta, query, shards);
        });
      })
      .then(function (found) {
        if (mine !== current) {
          return null;
        }
        mine.hits = found.hits;
        mine.every = found.every;
        mine.capped = found.capped;
        return showMore(mine).then(function () {
          status.textContent = summary(mine, text);
        });
      })
      .catch(function (error) {
        if (mine === current) {
          status.textContent = "Search could not load its index: " + error.message + ".";
        }
      });
  }

  more.addEventListener("click", function () {
    var before = list.children.length;
    showMore(current).then(function () {
      /* the button may be gone: the reader goes on from the first new result */
      var first = list.children[before];
      if (first) {
        var target = first.querySelector("a") || first;
        if (target === first) {
          first.tabIndex = -1; /* a result whose address is no link */
        }
        target.focus();
      }
    });
  });
  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      search(input.value);
    }, 300);
  });
  box.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    search(input.value);
  });
  var asked = new URLSearchParams(window.location.search).get("q") || "";
  input.value = asked;
  search(asked);
})();
