/* The tamis de critères: drag and drop of the ideas into the cells of the grid (SortableJS),
   each drop saved at once through htmx with the version of the grid the page shows. The
   page also works without JavaScript: keyboard users and everyone else have the table's
   forms (two lists and "Placer" for each idea). */
(function () {
  "use strict";

  function csrfToken(root) {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(board, url, values) {
    values.version = board.dataset.version;
    window.htmx.ajax("POST", url, {
      target: "#tamis",
      select: "#tamis",
      swap: "outerHTML",
      values: values,
      headers: { "X-CSRFToken": csrfToken(board) }
    });
  }

  function initBoard() {
    var board = document.getElementById("tamis");
    if (!board || !window.Sortable || !window.htmx) {
      return;
    }
    board.querySelectorAll(".tamis-drop").forEach(function (list) {
      if (window.Sortable.get(list)) {
        return;
      }
      window.Sortable.create(list, {
        group: "tamis",
        animation: 120,
        emptyInsertThreshold: 40,
        onEnd: function (event) {
          if (event.from === event.to) {
            return;
          }
          var fiche = event.item.dataset.fiche;
          if (event.to.dataset.x) {
            send(board, board.dataset.placeUrl, {
              fiche: fiche,
              x: event.to.dataset.x,
              y: event.to.dataset.y
            });
          } else {
            send(board, board.dataset.removeUrl, { fiche: fiche });
          }
        }
      });
    });
  }

  // Keyboard users keep their place: the control they used (or, once an idea is taken off
  // the grid, its "Placer" button) has the focus again when the new board arrives.
  var focused = null;

  function rememberFocus() {
    var active = document.activeElement;
    focused = active && active.id && active.closest("#tamis")
      ? [active.id, active.dataset.focusFallback]
      : null;
  }

  function restoreFocus() {
    if (!focused) {
      return;
    }
    var target = document.getElementById(focused[0]) ||
      (focused[1] && document.getElementById(focused[1]));
    focused = null;
    if (target) {
      target.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", initBoard);
  document.addEventListener("htmx:beforeRequest", rememberFocus);
  document.addEventListener("htmx:afterSettle", function () {
    initBoard();
    restoreFocus();
  });
})();
