/* sourcebook reader: previews of notes, sources, glossary entries and claim
 * flags; jumps that land on their whole target.
 *
 * Why: a reader checking a claim should see the note or the source without
 * losing their place.  Everything is local: the target is found on this
 * page (getElementById) or by fetching the other page of the same site and
 * parsing it (DOMParser); no external service is used.
 *
 * The preview is a non-modal dialog (it may hold links, so not a tooltip):
 * a header says what it shows, the pointer can move into it and click its
 * links (rewritten to resolve from the page they were copied from), it
 * opens below the link or above when there is no room, and only the open
 * link carries aria-describedby.  Hover and keyboard focus open it; Escape
 * closes it.  On touch the first tap previews and the second follows.
 */
(function () {
  "use strict";

  /* footnote references, citations, claim flags; glossary terms are the
   * internal links that wrap a span.std-term (checked in previewLink) */
  var SELECTOR = "a.footnote-reference, .bibtex-citation a.reference, sup.sourcebook-flag a";
  var TIP_ID = "sourcebook-preview";
  var GAP = 6;
  var pages = new Map(); // url without hash -> Promise<Document|null>
  var tip = null;
  var current = null;
  var hideTimer = null;
  var quietUntil = 0; // no preview re-opens under a pointer right after a jump
  var lastPointer = "mouse";

  function preview() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = TIP_ID;
      tip.className = "sourcebook-preview";
      tip.setAttribute("role", "dialog");
      tip.setAttribute("aria-modal", "false");
      tip.setAttribute("aria-labelledby", TIP_ID + "-title");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", scheduleHide);
      tip.addEventListener("focusout", function (event) {
        if (!(event.relatedTarget instanceof Node && tip.contains(event.relatedTarget)) &&
            event.relatedTarget !== current) { scheduleHide(); }
      });
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

  /* -> Promise<{target, base}>: the element and the URL of its page */
  function targetOf(link) {
    var url = new URL(link.href, document.baseURI);
    var id = decodeURIComponent(url.hash.slice(1));
    if (!id) { return Promise.resolve(null); }
    var here = new URL(document.baseURI);
    if (url.origin === here.origin && url.pathname === here.pathname) {
      var local = document.getElementById(id);
      return Promise.resolve(local ? { target: local, base: here.href } : null);
    }
    if (url.origin !== here.origin) { return Promise.resolve(null); }
    url.hash = "";
    var base = url.href;
    return pageDocument(base).then(function (doc) {
      var found = doc ? doc.getElementById(id) : null;
      return found ? { target: found, base: base } : null;
    });
  }

  /* what the preview shows, for its header */
  function kindOf(link, target) {
    if (link.matches("a.footnote-reference")) { return "Note " + link.textContent.replace(/\D/g, ""); }
    if (link.closest(".bibtex-citation")) { return "Source · bibliography entry"; }
    if (link.closest("sup.sourcebook-flag")) { return "Claim · " + link.textContent.trim(); }
    if (target.tagName === "DT") { return "Glossary entry"; }
    return "Preview";
  }

  /* a glossary term brings every name of its entry and the definition */
  function partsOf(target) {
    if (target.tagName !== "DT") {
      if (target.id.indexOf("list-") === 0) { return [target.closest("li") || target]; }
      if (target.tagName === "SPAN") { return [target.closest("p, li") || target]; }
      return [target];
    }
    var first = target;
    while (first.previousElementSibling && first.previousElementSibling.tagName === "DT") {
      first = first.previousElementSibling;
    }
    var parts = [];
    for (var n = first; n; n = n.nextElementSibling) {
      parts.push(n);
      if (n.tagName === "DD") { break; }
    }
    return parts;
  }

  /* A clean copy of the target's content; links resolve from its own page. */
  function contentOf(found) {
    var box = document.createElement("div");
    box.className = "sourcebook-preview-body";
    partsOf(found.target).forEach(function (part) {
      var copy = document.importNode(part, true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
      copy.querySelectorAll(".headerlink, .label, .backrefs, .fn-bracket, [role='doc-backlink']")
        .forEach(function (n) { n.remove(); });
      copy.querySelectorAll("a[href]").forEach(function (a) {
        a.href = new URL(a.getAttribute("href"), found.base).href;
      });
      copy.querySelectorAll("details").forEach(function (d) { d.open = false; });
      box.appendChild(copy);
    });
    return box.textContent.trim() ? box : null;
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var t = preview();
    var viewport = document.documentElement.clientWidth;
    var below = window.innerHeight - rect.bottom;
    var above = rect.top;
    var flip = below < t.offsetHeight + GAP && above > below;
    var top = flip ? rect.top - t.offsetHeight - GAP : rect.bottom + GAP;
    var left = Math.max(8, Math.min(rect.left, viewport - t.offsetWidth - 8));
    t.classList.toggle("sourcebook-preview-above", flip);
    t.style.top = (window.scrollY + top) + "px";
    t.style.left = (window.scrollX + left) + "px";
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (current && current !== link) { current.removeAttribute("aria-describedby"); }
    current = link;
    targetOf(link).then(function (found) {
      if (current !== link || !found) { return; }
      var content = contentOf(found);
      if (!content) { return; }
      var t = preview();
      var head = document.createElement("p");
      head.id = TIP_ID + "-title";
      head.className = "sourcebook-preview-title";
      head.textContent = kindOf(link, found.target);
      t.replaceChildren(head, content);
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
    hideTimer = setTimeout(hide, 250);
  }

  function previewLink(event) {
    var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || (tip && tip.contains(link))) { return null; }
    if (link.matches(SELECTOR)) { return link; }
    if (link.matches("a.reference.internal") && link.querySelector("span.std-term")) {
      return link;
    }
    return null;
  }

  /* moving between a link and its own children (or its preview) is not leaving it */
  function leaving(event, link) {
    var to = event.relatedTarget;
    return !(to instanceof Node && (link.contains(to) || (tip && tip.contains(to))));
  }

  /* -- jumps: the whole target highlighted, fully in view ------------------ */
  var CLAIM_HIGHLIGHT = "sourcebook-target";

  function claimRange(start) {
    var end = document.getElementById(start.id + "-end");
    if (!end) { return null; }
    var range = document.createRange();
    range.setStartBefore(start);
    range.setEndAfter(end);
    return range;
  }

  function markTarget() {
    document.querySelectorAll(".sourcebook-target-block")
      .forEach(function (n) { n.classList.remove("sourcebook-target-block"); });
    if (window.CSS && CSS.highlights) { CSS.highlights.delete(CLAIM_HIGHLIGHT); }
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    if (target.classList.contains("sourcebook-claim-start")) {
      var range = claimRange(target);
      if (range && window.CSS && CSS.highlights && window.Highlight) {
        CSS.highlights.set(CLAIM_HIGHLIGHT, new Highlight(range));
      } else {
        (target.closest("p, li") || target).classList.add("sourcebook-target-block");
      }
    }
    /* "Also quoted in" follows its passage: show the passage itself */
    if (id.indexOf("sb-quote-") === 0 && target.previousElementSibling) {
      var passage = target.previousElementSibling;
      /* after the browser's own jump to the anchor */
      requestAnimationFrame(function () {
        passage.scrollIntoView({ block: "start", behavior: "instant" });
      });
    }
  }

  function afterJump() {
    hide();
    quietUntil = Date.now() + 800;
    markTarget();
  }

  function init() {
    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
    }, true);
    document.addEventListener("mouseover", function (event) {
      if (lastPointer === "touch" || Date.now() < quietUntil) { return; }
      var link = previewLink(event);
      if (link === current && link) { clearTimeout(hideTimer); } else if (link) { show(link); }
    });
    document.addEventListener("mouseout", function (event) {
      var link = previewLink(event);
      if (link && leaving(event, link)) { scheduleHide(); }
    });
    document.addEventListener("focusin", function (event) {
      if (tip && tip.contains(event.target)) { clearTimeout(hideTimer); return; }
      var link = previewLink(event);
      if (link && lastPointer !== "touch" && Date.now() >= quietUntil) { show(link); }
      else if (!link && current) { hide(); }
    });
    document.addEventListener("focusout", function (event) {
      if (previewLink(event) && leaving(event, event.target.closest("a"))) { scheduleHide(); }
    });
    document.addEventListener("click", function (event) {
      var link = previewLink(event);
      if (link && lastPointer === "touch" && current !== link) {
        event.preventDefault(); // first tap previews; the second follows the link
        show(link);
        return;
      }
      if (tip && !tip.hidden && !tip.contains(event.target) && !link) { hide(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) {
        var link = current;
        hide();
        if (tip && tip.contains(document.activeElement)) { link.focus(); }
      }
    });
    window.addEventListener("hashchange", afterJump);
    markTarget();
    /* "About this document" is folded on phones, open on wide screens (where
     * the stylesheet already shows it: opening it moves nothing) */
    if (window.matchMedia && window.matchMedia("(min-width: 48.001em)").matches) {
      document.querySelectorAll("details.sourcebook-about:not([open])")
        .forEach(function (d) { d.open = true; });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
