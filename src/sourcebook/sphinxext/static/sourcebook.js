/* sourcebook reader: previews of footnotes, sources, glossary entries and
 * claims, for the mouse, the keyboard and touch.
 *
 * Why: a reader checking a claim should see the note or the source without
 * losing their place.  Everything is local: the target is found on this page
 * (getElementById) or by fetching the other page of the same site and parsing
 * it (DOMParser); no external service is used.
 *
 * The preview holds links, so it is a non-modal dialog (role="dialog", named
 * by its header), not a tooltip: the pointer can move into it and click.  It
 * is not in the Tab order: Tab from the link goes on to the next link of the
 * text; ArrowDown enters the preview, Escape closes it and gives focus back to
 * the link.
 * While it is open the link (and only that link) is described by its body.
 * On touch the first tap previews (a bottom sheet on a narrow screen) and a
 * second tap on the same link follows it.
 */
(function () {
  "use strict";

  /* footnote references, citations, claim flags; glossary terms are the
   * internal links that wrap a span.std-term (checked in previewLink) */
  var SELECTOR = "a.footnote-reference, .bibtex-citation a.reference, sup.sourcebook-flag a";
  /* links that navigate (the glossary's A–Z letters) never preview */
  var NAVIGATION = ".sourcebook-jump-list, nav";
  var PANEL_ID = "sourcebook-preview";
  var BODY_ID = "sourcebook-preview-body";
  var TITLE_ID = "sourcebook-preview-title";
  var GAP = 6; // px between the link and the preview
  var MARGIN = 8; // px kept free at the viewport's edges
  var SHEET_QUERY = "(max-width: 40em)"; // narrow screens get a bottom sheet on touch
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1']), summary";
  /* copied content that is furniture, not content: labels, back-links,
   * permalinks, the editors' research notes and the "cited in" back-references */
  var DROP = ".headerlink, .label, .backrefs, .fn-bracket, [role='doc-backlink'], " +
    "details.sourcebook-editors-note, .sourcebook-cited-in";

  var pages = new Map(); // url without hash -> Promise<Document|null>
  var panel = null;
  var current = null; // the link whose preview is open (or loading)
  var mode = null; // "hover" | "focus" | "touch"
  var hideTimer = null;
  var showTimer = null;
  var silenced = null; // the link Escape closed: not re-opened until left
  var quiet = null; // {x, y}: after an in-page jump, no hover preview until the pointer moves
  var lastPointer = "mouse";
  var pointerAt = { x: -1, y: -1 }; // where the pointer was last seen

  /* -- the dialog ------------------------------------------------------ */

  function build() {
    panel = document.createElement("div");
    panel.id = PANEL_ID;
    panel.className = "sourcebook-preview";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", TITLE_ID);
    panel.hidden = true;

    var header = document.createElement("div");
    header.className = "sourcebook-preview-header";
    var title = document.createElement("a");
    title.id = TITLE_ID;
    title.className = "sourcebook-preview-title";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "sourcebook-preview-close";
    close.setAttribute("aria-label", "Close preview");
    close.textContent = "\u00d7";
    close.addEventListener("click", function () { closeAndReturn(); });
    header.append(title, close);

    var body = document.createElement("div");
    body.id = BODY_ID;
    body.className = "sourcebook-preview-body";
    panel.append(header, body);

    panel.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
    panel.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse" && mode === "hover") { scheduleHide(); }
    });
    document.body.appendChild(panel);
    return panel;
  }

  function dialog() { return panel || build(); }
  function isOpen() { return panel !== null && !panel.hidden; }

  /* -- finding and copying the target ----------------------------------- */

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

  /* -> Promise<{element, page}|null>; page is the URL the element lives at,
   * against which its relative links must be resolved */
  function targetOf(link) {
    var url = new URL(link.href, document.baseURI);
    var id = decodeURIComponent(url.hash.slice(1));
    if (!id) { return Promise.resolve(null); }
    var here = new URL(window.location.href);
    if (url.origin !== here.origin) { return Promise.resolve(null); }
    url.hash = "";
    here.hash = "";
    if (url.pathname === here.pathname) {
      var local = document.getElementById(id);
      return Promise.resolve(local ? { element: local, page: here.href } : null);
    }
    return pageDocument(url.href).then(function (doc) {
      var found = doc ? doc.getElementById(id) : null;
      return found ? { element: found, page: url.href } : null;
    });
  }

  /* a copy with no ids (no duplicates on this page), no furniture, and every
   * link and source absolute against the page it was copied from */
  function cleanCopy(node, page) {
    var copy = document.importNode(node, true);
    if (copy.nodeType !== Node.ELEMENT_NODE) { return copy; }
    if (copy.matches(DROP)) { return document.createTextNode(""); } // a child of the target itself
    copy.removeAttribute("id");
    copy.removeAttribute("role");
    copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    copy.querySelectorAll(DROP).forEach(function (n) { n.remove(); });
    [["href", "a[href], area[href]"], ["src", "img[src]"]].forEach(function (pair) {
      copy.querySelectorAll(pair[1]).forEach(function (n) {
        n.setAttribute(pair[0], new URL(n.getAttribute(pair[0]), page).href);
      });
    });
    if (copy.matches("a[href]")) { copy.href = new URL(copy.getAttribute("href"), page).href; }
    return copy;
  }

  function textOf(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll(".headerlink, .fn-bracket").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function copyChildren(element, page, box) {
    Array.prototype.forEach.call(element.childNodes, function (child) {
      box.appendChild(cleanCopy(child, page));
    });
  }

  /* a glossary entry is one or more <dt> (the name, then its aliases) and a
   * <dd>; a link may point at any of the names */
  function glossaryEntry(dt, page, box) {
    var first = dt;
    while (first.previousElementSibling && first.previousElementSibling.tagName === "DT") {
      first = first.previousElementSibling;
    }
    var names = [];
    var node = first;
    while (node && node.tagName === "DT") { names.push(textOf(node)); node = node.nextElementSibling; }
    var name = document.createElement("p");
    name.className = "sourcebook-preview-name";
    var strong = document.createElement("strong");
    strong.textContent = names[0];
    name.appendChild(strong);
    if (names.length > 1) {
      name.appendChild(document.createTextNode(" (also " + names.slice(1).join(", ") + ")"));
    }
    box.appendChild(name);
    if (node && node.tagName === "DD") { copyChildren(node, page, box); }
    return "Glossary entry";
  }

  /* a note as Reference Previews show it: the note as printed ("Raw 2009,
   * ch. 8."), then the full reference of each source it cites (the
   * bibliography's own entry, kept hidden in the note at build time), then
   * the editors' research note, open */
  function noteWithSources(note, page, box) {
    copyChildren(note, page, box);
    box.querySelectorAll(".sourcebook-note-sources").forEach(function (sources) {
      sources.removeAttribute("hidden");
      sources.className = "sourcebook-preview-sources";
      box.appendChild(sources); // after the note's text
    });
    var research = note.querySelector("details.sourcebook-editors-note");
    if (!research) { return; }
    var block = document.createElement("div");
    block.className = "sourcebook-preview-research";
    var summary = research.querySelector("summary");
    var head = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = summary ? textOf(summary) : "Editors\u2019 note";
    head.appendChild(strong);
    block.appendChild(head);
    Array.prototype.forEach.call(research.children, function (child) {
      if (child !== summary) { block.appendChild(cleanCopy(child, page)); }
    });
    box.appendChild(block);
  }

  function labelOf(element) {
    var label = element.querySelector(".label");
    return label ? textOf(label) : "";
  }

  /* -> {title, body} or null when there is nothing to show */
  function describe(found) {
    var element = found.element;
    var page = found.page;
    if (!element.textContent.trim() && !element.closest("dt")) {
      /* an empty anchor (span.target) marks the block it starts */
      element = element.closest("li, dd") || element.closest("p") || element;
    }
    var box = document.createElement("div");
    var title;
    var term = element.closest("dt");
    if (term) {
      title = glossaryEntry(term, page, box);
    } else if (element.matches("[role='doc-footnote'], .footnote")) {
      title = "Note " + labelOf(element);
      noteWithSources(element, page, box);
    } else if (element.matches("[role='doc-biblioentry'], .citation")) {
      var kind = element.getAttribute("data-entry-type");
      var label = labelOf(element);
      title = "Source" + (kind ? " \u00b7 " + kind : "") + (label ? " \u00b7 " + label : "");
      copyChildren(element, page, box);
    } else if (element.matches("li[id^='list-claim'], li[class*='status-']")) {
      var status = element.querySelector("strong");
      title = "Claim" + (status ? " \u00b7 " + textOf(status).replace(/[:\s]+$/, "") : "");
      copyChildren(element, page, box);
    } else {
      title = "Preview";
      box.appendChild(cleanCopy(element, page));
    }
    if (!box.textContent.trim()) { return null; }
    var target = new URL(page);
    target.hash = found.element.id;
    return { title: title.trim(), href: target.href, body: box };
  }

  /* -- placing ---------------------------------------------------------- */

  function asSheet() {
    return mode === "touch" && window.matchMedia(SHEET_QUERY).matches;
  }

  /* below the link, or above it when there is no room below and more above;
   * always inside the viewport horizontally */
  function place(link) {
    var p = dialog();
    var sheet = asSheet();
    p.classList.toggle("sourcebook-preview--sheet", sheet);
    if (sheet) {
      p.style.top = "";
      p.style.left = "";
      p.removeAttribute("data-side");
      return;
    }
    var box = link.getBoundingClientRect();
    var line = link.getClientRects()[0] || box; // a wrapped link: its first line
    var width = document.documentElement.clientWidth;
    var height = window.innerHeight;
    var below = height - box.bottom - GAP - MARGIN;
    var above = box.top - GAP - MARGIN;
    var flip = p.offsetHeight > below && above > below;
    var top = flip ? box.top - GAP - p.offsetHeight : box.bottom + GAP;
    var left = Math.max(MARGIN, Math.min(line.left, width - p.offsetWidth - MARGIN));
    p.setAttribute("data-side", flip ? "above" : "below");
    p.style.top = (window.scrollY + top) + "px";
    p.style.left = (window.scrollX + left) + "px";
  }

  /* -- opening and closing ---------------------------------------------- */

  /* the described link also lends its title to the browser's own tooltip,
   * which would cover the preview: it is put aside while the preview shows */
  function describeLink(link) {
    document.querySelectorAll("[aria-describedby='" + BODY_ID + "']").forEach(function (n) {
      if (n === link) { return; }
      n.removeAttribute("aria-describedby");
      n.removeAttribute("aria-keyshortcuts");
      if (n.hasAttribute("data-sourcebook-title")) {
        n.setAttribute("title", n.getAttribute("data-sourcebook-title"));
        n.removeAttribute("data-sourcebook-title");
      }
    });
    if (!link) { return; }
    link.setAttribute("aria-describedby", BODY_ID);
    link.setAttribute("aria-keyshortcuts", "ArrowDown");
    if (link.hasAttribute("title")) {
      link.setAttribute("data-sourcebook-title", link.getAttribute("title"));
      link.removeAttribute("title");
    }
  }

  /* -> Promise<boolean>: whether a preview is shown for the link */
  function show(link, how) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    current = link;
    mode = how;
    return targetOf(link).then(function (found) {
      if (current !== link) { return false; }
      var content = found ? describe(found) : null;
      if (!content) { hide(); return false; }
      var p = dialog();
      var title = p.querySelector(".sourcebook-preview-title");
      title.textContent = content.title;
      title.href = content.href;
      p.querySelector(".sourcebook-preview-body").replaceChildren(content.body);
      p.hidden = false;
      p.scrollTop = 0;
      describeLink(link);
      place(link);
      return true;
    }).catch(function () { return false; }); // a preview is a convenience: never an error
  }

  function hide() {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    describeLink(null);
    current = null;
    mode = null;
    if (panel) { panel.hidden = true; }
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function closeAndReturn() {
    var link = current;
    var inside = panel && panel.contains(document.activeElement);
    silenced = link;
    hide();
    if (link && inside) { link.focus({ preventScroll: true }); }
  }

  /* -- which links preview ---------------------------------------------- */

  function previewLink(node) {
    var link = node instanceof Element ? node.closest("a[href]") : null;
    if (!link || (panel && panel.contains(link))) { return null; }
    if (link.closest(NAVIGATION)) { return null; } // an A–Z bar jumps, it does not preview
    if (link.matches(SELECTOR)) { return link; }
    if (link.matches("a.reference.internal") && link.querySelector("span.std-term")) {
      return link;
    }
    return null;
  }

  function within(node, link) {
    return node instanceof Node && ((link && link.contains(node)) || (panel && panel.contains(node)));
  }

  function tabbables(root) {
    return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (n) {
      return n.getClientRects().length > 0;
    });
  }

  /* the element Tab would reach after the link if there were no preview */
  function afterLink(link) {
    var all = tabbables(document).filter(function (n) { return !panel.contains(n); });
    return all[all.indexOf(link) + 1] || null;
  }

  /* -- events ----------------------------------------------------------- */

  function onPointerOver(event) {
    if (event.pointerType !== "mouse") { return; }
    var link = previewLink(event.target);
    if (!link) { return; }
    if (link === current) { clearTimeout(hideTimer); return; }
    if (quiet || link === silenced || mode === "touch" || mode === "focus") { return; }
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link, "hover"); }, 80);
  }

  function onPointerOut(event) {
    if (event.pointerType !== "mouse") { return; }
    var link = previewLink(event.target);
    if (!link || within(event.relatedTarget, link)) { return; }
    if (link === silenced) { silenced = null; }
    if (link === current && mode === "hover") { scheduleHide(); } else { clearTimeout(showTimer); }
  }

  function onPointerMove(event) {
    pointerAt = { x: event.clientX, y: event.clientY };
    if (quiet && Math.abs(event.clientX - quiet.x) + Math.abs(event.clientY - quiet.y) > 4) {
      quiet = null;
    }
  }

  function onPointerDown(event) {
    lastPointer = event.pointerType || "mouse";
    if (mode === "touch" && !within(event.target, current)) { hide(); }
  }

  function onFocusIn(event) {
    if (panel && panel.contains(event.target)) { clearTimeout(hideTimer); return; }
    var link = previewLink(event.target);
    if (link && link === current) { return; }
    if (current && mode !== "hover") { hide(); }
    if (link !== silenced) { silenced = null; }
    /* only keyboard focus previews: a tap or click focuses the link too */
    if (link && !quiet && link !== silenced && link.matches(":focus-visible")) {
      show(link, "focus");
    }
  }

  function onFocusOut(event) {
    if (mode !== "focus" || within(event.relatedTarget, current)) { return; }
    scheduleHide();
  }

  /* Tab from a previewed link goes on to the next link of the text (the
   * preview closes as the link loses focus): a preview is not in the Tab
   * order.  ArrowDown enters it (enterPreview); inside, Tab and Shift+Tab
   * move through its links, and past either end return to the text. */
  function onTab(event) {
    var focused = document.activeElement;
    if (focused === current) { return; }
    var inside = tabbables(panel);
    var index = inside.indexOf(focused);
    if (index === 0 && event.shiftKey) {
      event.preventDefault();
      current.focus();
    } else if (index === inside.length - 1 && !event.shiftKey) {
      var next = afterLink(current);
      event.preventDefault();
      silenced = current;
      hide();
      if (next) { next.focus(); }
    }
  }

  function onKeyDown(event) {
    if (event.key === "Tab") { quiet = null; }
    if (!isOpen()) { return; }
    if (event.key === "Escape") {
      event.preventDefault();
      closeAndReturn();
    } else if (event.key === "Tab") {
      onTab(event);
    } else if (event.key === "ArrowDown" && document.activeElement === current) {
      enterPreview(event);
    }
  }

  /* ArrowDown on a previewed link: focus the preview's first link (or its
   * body, to scroll it), as a menu button opens its menu */
  function enterPreview(event) {
    var first = tabbables(panel)[0];
    if (!first) { return; }
    event.preventDefault();
    clearTimeout(hideTimer);
    first.focus();
  }

  /* touch: the first tap previews, a second tap on the same link follows */
  function onClick(event) {
    var link = previewLink(event.target);
    var tapped = event.detail > 0 && lastPointer !== "mouse"; // not a key's Enter
    if (link && tapped && !event.defaultPrevented &&
        !(current === link && isOpen())) {
      event.preventDefault();
      show(link, "touch").then(function (shown) {
        if (!shown) { window.location.assign(link.href); }
      });
      return;
    }
    var jump = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (jump && !event.defaultPrevented && samePage(jump)) {
      jumped(event.clientX, event.clientY);
    }
  }

  function samePage(link) {
    var url = new URL(link.href, document.baseURI);
    var here = new URL(window.location.href);
    return url.hash !== "" && url.origin === here.origin && url.pathname === here.pathname;
  }

  /* an in-page jump (a note's back-link, a footnote) puts another link under
   * a pointer that did not move: that is not hovering it */
  function jumped(x, y) {
    hide();
    quiet = { x: x, y: y };
  }

  /* -- jumps (i14-reader's): the whole target highlighted, fully in view -- */
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

  /* a code block or table wider than the column scrolls sideways: a keyboard
   * user can scroll it only if it takes focus (WCAG 2.1.1); only the ones that
   * really overflow become tab stops */
  function focusableScrollers() {
    document.querySelectorAll("article pre, article .table-wrapper").forEach(function (n) {
      var scrolls = n.scrollWidth > n.clientWidth || n.scrollHeight > n.clientHeight;
      if (scrolls && !n.hasAttribute("tabindex")) {
        n.setAttribute("tabindex", "0");
        n.setAttribute("data-sourcebook-scroller", "");
      } else if (!scrolls && n.hasAttribute("data-sourcebook-scroller")) {
        n.removeAttribute("tabindex");
        n.removeAttribute("data-sourcebook-scroller");
      }
    });
  }

  /* "About this document" (sha256, provenance, BibTeX) is folded on every
   * screen, so the document's text starts on the first screen; a reader who
   * opens it finds it open on the next page too (this browser only) */
  var ABOUT_KEY = "sourcebook:about-open";

  function storedAbout() {
    try { return window.localStorage.getItem(ABOUT_KEY); } catch (e) { return null; }
  }

  function rememberAbout() {
    var boxes = document.querySelectorAll("details.sourcebook-about");
    var opened = storedAbout() === "1";
    boxes.forEach(function (box) {
      if (opened) { box.open = true; }
      box.addEventListener("toggle", function () {
        try { window.localStorage.setItem(ABOUT_KEY, box.open ? "1" : "0"); } catch (e) { /* private mode */ }
      });
    });
  }

  function init() {
    document.addEventListener("pointerover", onPointerOver);
    document.addEventListener("pointerout", onPointerOut);
    document.addEventListener("pointermove", onPointerMove, { passive: true });
    document.addEventListener("pointerdown", onPointerDown, true);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("click", onClick);
    window.addEventListener("hashchange", function () {
      if (!quiet) { quiet = pointerAt; } // a key or history jumped: the pointer did not move
      hide();
      markTarget();
    });
    markTarget();
    window.addEventListener("resize", function () {
      if (isOpen()) { place(current); }
      focusableScrollers();
    });
    rememberAbout();
    focusableScrollers(); // after the fold above: an opened box may overflow
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
