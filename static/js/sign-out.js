/* Signing out forgets what this browser kept of the person's writing: the carnet's local
   copies of drafts (carnet.js) stay only while someone is signed in, or when a session was
   lost rather than ended (so that the text comes back after signing in again). */
(function () {
  "use strict";

  var PREFIX = "transfo:";

  function forgetDrafts() {
    try {
      for (var index = window.localStorage.length - 1; index >= 0; index--) {
        var name = window.localStorage.key(index);
        if (name && name.indexOf(PREFIX) === 0) {
          window.localStorage.removeItem(name);
        }
      }
    } catch (error) {
      // Storage disabled: nothing was kept.
    }
  }

  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[data-sign-out]")) {
      forgetDrafts();
    }
  });
})();
