// Tabs work without this script (radio buttons and CSS). With it, choosing a tab
// chooses the tab of the same label in every other tab group on the page, and the
// choice is remembered for the next page ("pnpm" stays picked).
(function () {
  "use strict";
  var STORAGE_KEY = "blogcraft-tab";

  function labelOf(input) {
    var label = document.querySelector('label[for="' + CSS.escape(input.id) + '"]');
    return label ? label.textContent.trim() : "";
  }

  function select(text) {
    document.querySelectorAll(".tabs > .tab-input").forEach(function (input) {
      if (!input.checked && labelOf(input) === text) input.checked = true;
    });
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".tabs > .tab-input")) return;
    var text = labelOf(input);
    select(text);
    try { localStorage.setItem(STORAGE_KEY, text); } catch (error) { /* private mode */ }
  });

  function selectRemembered() {
    try {
      var remembered = localStorage.getItem(STORAGE_KEY);
      if (remembered) select(remembered);
    } catch (error) { /* storage blocked: keep the first tabs */ }
  }

  selectRemembered();
  // The editor's preview replaces the body in place as it is typed.
  document.addEventListener("blogcraft:content-replaced", selectRemembered);
})();
