/* The planner's enhancements: drag and drop of blocks (SortableJS) sent through htmx, and
   the méthode's typical duration shown in the block form. Everything also works without
   JavaScript: every change is a plain form, and keyboard users have the move buttons. */
(function () {
  "use strict";

  function csrfToken(root) {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function initSortable() {
    var planner = document.getElementById("planner");
    if (!planner || !window.Sortable || !window.htmx) {
      return;
    }
    planner.querySelectorAll(".planner-blocks").forEach(function (list) {
      if (window.Sortable.get(list)) {
        return;
      }
      window.Sortable.create(list, {
        group: "planner",
        handle: ".planner-bloc__handle",
        // Undo notices sit among the blocks but are not blocks: not dragged, not counted.
        draggable: ".planner-bloc",
        animation: 150,
        onEnd: function (event) {
          if (event.from === event.to && event.oldDraggableIndex === event.newDraggableIndex) {
            return;
          }
          var url = planner.dataset.moveUrlTemplate.replace(
            "/blocs/0/deplacer/",
            "/blocs/" + event.item.dataset.bloc + "/deplacer/"
          );
          window.htmx.ajax("POST", url, {
            target: "#planner",
            select: "#planner",
            swap: "outerHTML",
            values: {
              jour: event.to.dataset.jour,
              position: event.newDraggableIndex,
              version: planner.dataset.version
            },
            headers: { "X-CSRFToken": csrfToken(planner) }
          });
        }
      });
    });
  }

  function initMethodeDuration() {
    var select = document.getElementById("id_methode");
    var duration = document.getElementById("id_duree");
    var data = document.getElementById("methode-durations");
    if (!select || !duration || !data) {
      return;
    }
    var durations = JSON.parse(data.textContent);
    select.addEventListener("change", function () {
      var minutes = durations[select.value];
      duration.placeholder = minutes ? String(minutes) : "";
      if (minutes && !duration.value) {
        duration.value = minutes;
      }
    });
  }

  /* A block form shown in place (htmx): its méthode's duration, and the focus on its first
     field, or on the first one in error when it came back refused. Once per form. */
  function initInPlaceForm(focus) {
    var wrapper = document.getElementById("bloc-form");
    if (!wrapper || wrapper.dataset.ready) {
      return;
    }
    wrapper.dataset.ready = "yes";
    initMethodeDuration();
    if (!focus) {
      return;
    }
    var controls = "select, textarea, input:not([type=hidden])";
    var target = wrapper.querySelector(".field--error :is(" + controls + ")") ||
      wrapper.querySelector(".conflict-choice input") ||
      wrapper.querySelector(controls);
    if (target) {
      target.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initSortable();
    initInPlaceForm(false);
  });
  document.addEventListener("htmx:afterSettle", function () {
    initSortable();
    initInPlaceForm(true);
  });
})();
