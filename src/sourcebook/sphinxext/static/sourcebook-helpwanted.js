// The Help wanted page's "Take me to a random claim": without this script the link
// leads to the list; with it, each activation opens one claim of the list at random.
(function () {
  "use strict";
  function start() {
    var link = document.querySelector("a.sourcebook-random-claim");
    if (!link) {
      return;
    }
    var claims = document.querySelectorAll(".sourcebook-helpwanted-list a.sourcebook-helpwanted-claim");
    if (!claims.length) {
      return;
    }
    link.addEventListener("click", function (event) {
      var pick = claims[Math.floor(Math.random() * claims.length)];
      event.preventDefault();
      window.location.assign(pick.href);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
