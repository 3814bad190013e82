// Plan du labo: each spectrum slider says its position in words, to sight and to screen
// readers (aria-valuetext), as it moves. Optional: without it the form still posts.
(function () {
  "use strict";

  function describe(input) {
    var texts = (input.dataset.valuetexts || "").split("|");
    var text = texts[Number(input.value)];
    if (!text) {
      return;
    }
    input.setAttribute("aria-valuetext", text);
    var output = document.getElementById(input.dataset.output);
    if (output) {
      output.textContent = text;
    }
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input.spectre__range")) {
      describe(event.target);
    }
  });
})();
