/* The search's words (the shard index's contract, section 4), shared by the search
   page (sourcebook-shards.js) and the tests that compare it with the indexer's
   Python (sphinxext/search/terms.py): Unicode NFKD, combining marks (Mn) dropped,
   lower case, words the maximal runs of letters and digits, words of more than 40
   characters dropped.  toLowerCase() is Python's str.lower(), final sigma included
   (not str.casefold(), which would also turn "ß" into "ss"). */
(function () {
  "use strict";
  var LONGEST = 40;

  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  }

  /* the terms of *text*, in order, repeats kept */
  function terms(text) {
    var found = fold(text).match(/[\p{L}\p{N}]+/gu) || [];
    return found.filter(function (word) {
      return Array.from(word).length <= LONGEST; /* characters, as Python counts them */
    });
  }

  window.sourcebookTerms = { fold: fold, terms: terms, LONGEST: LONGEST };
})();
