/* The count of a bounded text (textarea[data-max-length], transfo/fields.py), as GOV.UK's
   character count does: said only near the bound, never cutting what was typed or pasted
   (the server refuses a longer text and gives it back whole). */
(function () {
  "use strict";

  var SHOWN_FROM = 0.8; // of the bound

  function length(text) {
    // As the server counts: characters, and a line break sent as two (CR LF).
    return Array.from(text).length + (text.match(/\n/g) || []).length;
  }

  function format(count) {
    return count.toLocaleString("fr-FR");
  }

  function attach(field) {
    var max = parseInt(field.getAttribute("data-max-length"), 10);
    if (!max) {
      return;
    }
    var status = document.createElement("p");
    status.className = "field__count";
    status.setAttribute("aria-live", "polite");
    status.id = field.id ? field.id + "-count" : "";
    field.insertAdjacentElement("afterend", status);

    function update() {
      var used = length(field.value);
      if (used < max * SHOWN_FROM) {
        status.textContent = "";
        status.classList.remove("field__count--over");
        return;
      }
      var left = max - used;
      status.classList.toggle("field__count--over", left < 0);
      status.textContent =
        left >= 0
          ? "Encore " + format(left) + " caractère" + (left > 1 ? "s" : "") + " sur " + format(max) + "."
          : format(-left) + " caractère" + (-left > 1 ? "s" : "") + " de trop (" + format(max) + " au plus).";
    }

    field.addEventListener("input", update);
    update();
  }

  document.querySelectorAll("textarea[data-max-length]").forEach(attach);
})();
