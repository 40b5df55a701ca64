/* sourcebook reader: hover and focus previews for footnotes, citations,
 * glossary terms and claim flags.
 *
 * Why: a reader checking a claim should see the note or the source without
 * losing their place.  Everything is local: the target is found on this
 * page (getElementById) or by fetching the other page of the same site and
 * parsing it (DOMParser); no external service is used.  The preview is a
 * role="tooltip" element referenced by aria-describedby from the link, it
 * opens on hover and on keyboard focus, and Escape closes it.
 */
(function () {
  "use strict";

  /* footnote references, citations, claim flags; glossary terms are the
   * internal links that wrap a span.std-term (checked in previewLink) */
  var SELECTOR = "a.footnote-reference, .bibtex-citation a.reference, sup.sourcebook-flag a";
  var TIP_ID = "sourcebook-preview";
  var pages = new Map(); // url without hash -> Promise<Document|null>
  var tip = null;
  var current = null;
  var hideTimer = null;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = TIP_ID;
      tip.className = "sourcebook-preview";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", scheduleHide);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function pageDocument(url) {
    if (!pages.has(url)) {
      var loaded = fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          return html === null ? null : new DOMParser().parseFromString(html, "text/html");
        })
        .catch(function () { return null; }); // offline or file://: no preview
      pages.set(url, loaded);
    }
    return pages.get(url);
  }

  function targetOf(link) {
    var url = new URL(link.href, document.baseURI);
    var id = decodeURIComponent(url.hash.slice(1));
    if (!id) { return Promise.resolve(null); }
    var here = new URL(document.baseURI);
    if (url.origin === here.origin && url.pathname === here.pathname) {
      return Promise.resolve(document.getElementById(id));
    }
    if (url.origin !== here.origin) { return Promise.resolve(null); }
    url.hash = "";
    return pageDocument(url.href).then(function (doc) {
      return doc ? doc.getElementById(id) : null;
    });
  }

  /* A clean copy of the target's content: a glossary term brings its
   * definition; labels, back-links and permalinks are dropped. */
  function contentOf(target) {
    var box = document.createElement("div");
    var parts = [target];
    if (target.tagName === "DT" && target.nextElementSibling) {
      parts.push(target.nextElementSibling);
    }
    parts.forEach(function (part) {
      var copy = document.importNode(part, true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
      copy.querySelectorAll(".headerlink, .label, .backrefs, .fn-bracket")
        .forEach(function (n) { n.remove(); });
      box.appendChild(copy);
    });
    return box.textContent.trim() ? box : null;
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var t = tooltip();
    var top = window.scrollY + rect.bottom + 6;
    var left = Math.max(8, Math.min(window.scrollX + rect.left,
      window.scrollX + document.documentElement.clientWidth - t.offsetWidth - 8));
    t.style.top = top + "px";
    t.style.left = left + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    current = link;
    targetOf(link).then(function (target) {
      if (current !== link || !target) { return; }
      var content = contentOf(target);
      if (!content) { return; }
      var t = tooltip();
      t.replaceChildren(content);
      t.hidden = false;
      link.setAttribute("aria-describedby", TIP_ID);
      place(link);
    }).catch(function () { /* a preview is a convenience: never an error */ });
  }

  function hide() {
    clearTimeout(hideTimer);
    if (current) { current.removeAttribute("aria-describedby"); }
    current = null;
    if (tip) { tip.hidden = true; }
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 200);
  }

  function previewLink(event) {
    var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link) { return null; }
    if (link.matches(SELECTOR)) { return link; }
    if (link.matches("a.reference.internal") && link.querySelector("span.std-term")) {
      return link;
    }
    return null;
  }

  /* moving between a link and its own children is not leaving it */
  function leaving(event, link) {
    return !(event.relatedTarget instanceof Node && link.contains(event.relatedTarget));
  }

  function init() {
    document.addEventListener("mouseover", function (event) {
      var link = previewLink(event);
      if (link === current && link) { clearTimeout(hideTimer); } else if (link) { show(link); }
    });
    document.addEventListener("mouseout", function (event) {
      var link = previewLink(event);
      if (link && leaving(event, link)) { scheduleHide(); }
    });
    document.addEventListener("focusin", function (event) {
      var link = previewLink(event);
      if (link) { show(link); } else if (current) { hide(); }
    });
    document.addEventListener("focusout", function (event) {
      if (previewLink(event)) { scheduleHide(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) { hide(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
