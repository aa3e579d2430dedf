// Add a "Copy" button to every server-rendered code block. Without this script the
// blocks still read and select normally; deleted lines (del) are left out of the copy.
(function () {
  "use strict";
  if (!navigator.clipboard) return;

  function codeText(block) {
    var lines = block.querySelectorAll(".line:not(.del)");
    return Array.prototype.map
      .call(lines, function (line) { return line.textContent; })
      .join("\n");
  }

  function addButton(block) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy the code to the clipboard");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(codeText(block)).then(
        function () { button.textContent = "Copied"; },
        function () { button.textContent = "Copy failed"; }
      );
      setTimeout(function () { button.textContent = "Copy"; }, 2000);
    });
    block.appendChild(button);
  }

  function addButtons() {
    document.querySelectorAll("figure.code-block").forEach(function (block) {
      if (!block.querySelector(":scope > .code-copy")) addButton(block);
    });
  }

  addButtons();
  // The editor's preview replaces the body in place as it is typed.
  document.addEventListener("blogcraft:content-replaced", addButtons);
})();
