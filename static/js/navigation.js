/* The main navigation on a phone, as GOV.UK's service navigation does: the entries fold
   behind a "Menu" button that says whether they are shown (aria-expanded). Without this
   script the button stays hidden and every entry shows, wrapping on as many lines as needed. */
(function () {
  "use strict";

  var nav = document.querySelector("[data-main-nav]");
  if (!nav) {
    return;
  }
  var toggle = nav.querySelector(".main-nav__toggle");
  var list = document.getElementById(toggle.getAttribute("aria-controls"));
  var phone = window.matchMedia("(max-width: 47.99rem)");

  function show(expanded) {
    toggle.setAttribute("aria-expanded", String(expanded));
    list.hidden = !expanded;
  }

  function fit() {
    nav.classList.toggle("main-nav--folding", phone.matches);
    toggle.hidden = !phone.matches;
    show(!phone.matches);
  }

  toggle.addEventListener("click", function () {
    show(toggle.getAttribute("aria-expanded") !== "true");
  });
  phone.addEventListener("change", fit);
  fit();
})();
