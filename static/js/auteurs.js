// The post's authors in the Wagtail editor (blog.widgets.AuteursWidget): typing in the box
// hides the people whose name or email does not contain what was typed; checked people
// always stay visible. Without this script the full list of checkboxes works the same.
(function () {
  "use strict";

  function normalize(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function setUp(input) {
    var widget = input.closest("[data-auteurs]");
    var count = widget.querySelector("[data-auteurs-compte]");
    var items = Array.prototype.slice.call(widget.querySelectorAll("input[type=checkbox]")).map(
      function (box) {
        var label = box.closest("label") || widget.querySelector("label[for='" + box.id + "']");
        return { box: box, row: box.closest("div") || label, text: normalize(label.textContent) };
      }
    );
    function filter() {
      var query = normalize(input.value);
      var shown = 0;
      items.forEach(function (item) {
        var visible = !query || item.box.checked || item.text.indexOf(query) !== -1;
        item.row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = query ? shown + " / " + items.length : "";
    }
    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      // Enter picks the only person left rather than submitting the page's form.
      if (event.key !== "Enter") return;
      event.preventDefault();
      var visible = items.filter(function (item) { return !item.row.hidden && !item.box.checked; });
      if (visible.length === 1) {
        visible[0].box.checked = true;
        input.value = "";
        filter();
      }
    });
  }

  function init() {
    document.querySelectorAll("[data-auteurs-filtre]").forEach(function (input) {
      if (!input.dataset.auteursReady) {
        input.dataset.auteursReady = "1";
        setUp(input);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
