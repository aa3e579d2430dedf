// The editor's checks, beside the page preview: heading order, alt text, code
// languages, links, diagrams and formulas, title and description lengths. A moment
// after the title, description or body changes, the server runs the same checks a
// save runs (posts/checks/, posts.editor.checks) and the list is redrawn. Checks
// warn; they never stop a save.
(function () {
  "use strict";
  var DELAY_MS = 900;
  var NAMES = {
    "heading-order": "Heading order",
    "image-alt": "Alt text",
    "code-language": "Code language",
    "internal-link": "Link",
    "link-text": "Link text",
    diagram: "Diagram",
    formula: "Formula",
    "title-length": "Title length",
    "description-length": "Description length",
  };

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  function where(finding) {
    if (finding.field !== "body") return "In the " + finding.field;
    return finding.line ? "Line " + finding.line : "In the body";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.querySelector("textarea[data-checks-url]");
    if (!editor) return;
    var form = editor.form;
    var url = editor.getAttribute("data-checks-url");

    var panel = element("section", "editor-checks");
    panel.setAttribute("aria-labelledby", "editor-checks-heading");
    panel.tabIndex = 0; // a long list scrolls: keyboards must reach it too
    var heading = element("h2", "", "Checks");
    heading.id = "editor-checks-heading";
    var status = element("p", "editor-checks-status", "Checking…");
    status.setAttribute("role", "status");
    var list = element("ul", "editor-checks-list");
    panel.append(heading, status, list);
    // Above the preview when there is one (page-preview.js runs first), in view
    // while the body scrolls.
    var preview = editor.closest(".markdownx").querySelector(".page-preview");
    if (preview) preview.prepend(panel);
    else editor.insertAdjacentElement("afterend", panel);

    function value(name) {
      var field = form.elements.namedItem(name);
      return field && typeof field.value === "string" ? field.value : "";
    }

    function show(findings) {
      list.replaceChildren();
      findings.forEach(function (finding) {
        var item = element("li", "editor-check");
        item.setAttribute("data-check", finding.check);
        var name = element("strong", "", NAMES[finding.check] || finding.check);
        var place = element("span", "editor-check-where", where(finding));
        var message = element("span", "editor-check-message", finding.message);
        var fix = element("span", "editor-check-fix", finding.fix);
        item.append(name, " ", place, ": ", message, " ", fix);
        list.appendChild(item);
      });
      status.textContent = findings.length
        ? findings.length + (findings.length === 1 ? " thing" : " things") +
          " to look at. They do not stop a save."
        : "No problems found.";
    }

    var latest = 0;
    function run() {
      var request = ++latest;
      var data = new FormData();
      ["title", "description", "csrfmiddlewaretoken"].forEach(function (name) {
        data.append(name, value(name));
      });
      data.append("body", editor.value);
      fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.json().catch(function () {
            return { error: "The server answered " + response.status + "." };
          });
        })
        .then(function (answer) {
          if (request !== latest) return; // a newer check is on its way
          if (answer.error) {
            list.replaceChildren();
            status.textContent = "Checks could not run: " + answer.error;
          } else {
            show(answer.findings);
          }
        })
        .catch(function () {
          if (request === latest) {
            status.textContent = "Checks could not run: the server did not answer.";
          }
        });
    }

    var timer = null;
    function later() {
      clearTimeout(timer);
      timer = setTimeout(run, DELAY_MS);
    }
    ["title", "description"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field) field.addEventListener("input", later);
    });
    editor.addEventListener("input", later);
    run();
  });
})();
