// Import review: « Voir dans le texte » scrolls the source pane (not the page) to the
// span a value was read from and highlights it. On a narrow screen, where the text is
// below the form, the page goes to the span and a « Revenir au champ » button leads back.
// Without this file the links still work as plain anchors (:target highlights the span).
(function () {
  "use strict";
  var source = document.getElementById("source");
  if (!source) {
    return;
  }
  var current = null;
  var back = null;

  function backButton() {
    if (!back) {
      back = document.createElement("a");
      back.className = "fr-btn fr-btn--sm fr-btn--secondary pacte-back-to-field";
      back.textContent = "Revenir au champ";
      back.addEventListener("click", function () {
        back.hidden = true;
      });
      document.body.appendChild(back);
    }
    return back;
  }

  function show(mark, link) {
    if (current) {
      current.classList.remove("pacte-mark--current");
    }
    current = mark;
    mark.classList.add("pacte-mark--current");
    var sideBySide = window.matchMedia("(min-width: 62em)").matches;
    if (sideBySide) {
      // the pane is beside the form: scroll inside it, the form stays where it is
      source.scrollTop = mark.offsetTop - source.offsetTop - source.clientHeight / 3;
    } else {
      mark.scrollIntoView({ block: "center" });
      var field = link.closest(".fr-input-group");
      var input = field ? field.querySelector("input, select, textarea") : null;
      if (input && input.id) {
        var button = backButton();
        button.setAttribute("href", "#" + input.id);
        button.hidden = false;
      }
    }
    mark.setAttribute("tabindex", "-1");
    mark.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.pacte-source-link") : null;
    if (!link) {
      return;
    }
    var mark = document.getElementById(link.getAttribute("data-mark"));
    if (!mark) {
      return;
    }
    event.preventDefault();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + mark.id);
    }
    show(mark, link);
  });
})();
