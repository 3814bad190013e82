/* The vitrine's filters: folded behind their button on a phone, under the results; opened
   beside the results on a wide screen. (htmx applies them as they change, see vitrine.html.) */
(function () {
  "use strict";

  var filters = document.querySelector("[data-vitrine-filters]");
  if (filters && window.matchMedia("(min-width: 60rem)").matches) {
    filters.open = true;
  }
})();
