// Runs in <head>: apply the reader's saved theme before the first paint, then wire
// the header's toggle. Without JavaScript the page follows prefers-color-scheme.
(function () {
  var root = document.documentElement, key = "theme";
  try { var saved = localStorage.getItem(key); } catch (e) {}
  if (saved === "light" || saved === "dark") root.dataset.theme = saved;
  function current() {
    return root.dataset.theme ||
      (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    function label() {
      var next = current() === "dark" ? "light" : "dark";
      button.setAttribute("aria-label", "Switch to " + next + " theme");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      root.dataset.theme = current() === "dark" ? "light" : "dark";
      try { localStorage.setItem(key, root.dataset.theme); } catch (e) {}
      label();
    });
  });
})();
