// Images in a post's body. Beside the Markdown editor, "Insert image…" opens a small
// dialog that asks for the image and its description; an image dropped or pasted
// into the text opens the same dialog, its file already chosen. The image goes to
// the editor's staff-only upload endpoint (posts/editor.py), and the Markdown it
// answers, ![description](url), takes the place of the cursor.
// - Every upload goes through here: markdownx's own drop and paste handlers are
//   stopped before they run, because they write "Invalid response" into the body
//   when the server refuses a file and tell the reason only to the console.
// - While a file uploads, "[Uploading image 1…]" marks its place, so the editor can
//   type on; a refusal takes the mark out again, leaving the body as it was, and
//   the server's reason is said next to the editor.
(function () {
  "use strict";
  var placeholders = 0;
  var LOGGED_OUT = "The image was not uploaded: you seem to be logged out. Log in " +
    "again in another tab, then insert it again.";
  var UNREACHABLE = "The image was not uploaded: the server could not be reached. " +
    "Your text is unchanged.";

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  function field(id, labelText, input) {
    var row = element("p", "image-insert-field");
    var label = element("label", "", labelText);
    label.htmlFor = id;
    input.id = id;
    row.append(label, input);
    return row;
  }

  function csrfToken(form) {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // The server answers a refusal as {"image": ["reason"]} (posts/editor.py).
  function reasonOf(body, status) {
    var reasons = body && body.image;
    if (reasons && reasons.length) return reasons.join(" ");
    return "The image was not uploaded (the server answered " + status + ").";
  }

  function buildDialog() {
    var dialog = element("dialog", "image-insert-dialog");
    dialog.setAttribute("aria-labelledby", "image-insert-title");
    var form = element("form");
    form.method = "dialog";
    var file = element("input");
    file.type = "file";
    file.accept = "image/*";
    file.required = true;
    var alt = element("input", "vTextField");
    alt.type = "text";
    alt.required = true;
    alt.setAttribute("aria-describedby", "image-insert-alt-help");
    var help = element(
      "span",
      "help",
      "What the image shows, for readers who cannot see it: a sentence, " +
        "not a file name."
    );
    help.id = "image-insert-alt-help";
    var altRow = field("image-insert-alt", "Description (alt text)", alt);
    altRow.append(help);
    var insert = element("button", "button default", "Insert");
    insert.type = "submit";
    var cancel = element("button", "button", "Cancel");
    cancel.type = "button";
    var actions = element("div", "image-insert-actions");
    actions.append(insert, cancel);
    form.append(
      element("h2", "", "Insert an image"),
      field("image-insert-file", "Image file", file),
      altRow,
      actions
    );
    form.querySelector("h2").id = "image-insert-title";
    dialog.append(form);
    document.body.append(dialog);
    return { dialog: dialog, form: form, file: file, alt: alt, cancel: cancel };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.querySelector(
      "textarea.markdownx-editor[data-markdownx-upload-urls-path]"
    );
    if (!editor) return;
    var url = editor.getAttribute("data-markdownx-upload-urls-path");
    var widget = editor.closest(".markdownx") || editor;

    var bar = element("div", "image-insert");
    var open = element("button", "button", "Insert image…");
    open.type = "button";
    open.setAttribute("aria-haspopup", "dialog");
    var hint = element(
      "span",
      "image-insert-hint",
      "or drop or paste an image into the text."
    );
    var status = element("p", "image-insert-status");
    status.setAttribute("role", "status");
    bar.append(open, hint, status);
    widget.parentNode.insertBefore(bar, widget);

    var parts = buildDialog();
    var queue = []; // files dropped or pasted together, asked about one by one
    var target = null; // where the image goes: the selection when asked

    function say(text, refused) {
      status.textContent = text;
      status.classList.toggle("is-refused", Boolean(refused));
    }

    function changed() {
      // markdownx renders its preview, and the form keeps its copy, on input.
      editor.dispatchEvent(new Event("input", { bubbles: true }));
    }

    // Replace value[start:end] with text; the caret goes after it, or stays by
    // the text it was in (the editor may have typed on elsewhere).
    function replace(start, end, text, keepCaret) {
      var value = editor.value;
      var caret = editor.selectionEnd;
      editor.value = value.slice(0, start) + text + value.slice(end);
      if (!keepCaret) caret = start + text.length;
      else if (caret >= end) caret += text.length - (end - start);
      else if (caret > start) caret = start + text.length;
      editor.selectionStart = editor.selectionEnd = caret;
      changed();
    }

    // Put text where the mark is; a mark the editor deleted meanwhile leaves the
    // image at the caret.
    function settle(mark, text) {
      var start = editor.value.indexOf(mark);
      if (start === -1) {
        if (text) replace(editor.selectionEnd, editor.selectionEnd, text);
        return;
      }
      replace(start, start + mark.length, text, true);
    }

    function upload(file, alt, where) {
      placeholders += 1;
      var mark = "[Uploading image " + placeholders + "…]";
      replace(where.start, where.end, mark);
      say("Uploading " + file.name + "…");
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken(editor.form || document));
      data.append("image", file);
      data.append("alt", alt);
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          // A session that ended is sent to the login page, which is not JSON.
          if (response.redirected) return { refusal: LOGGED_OUT };
          return response.json().catch(function () { return null; }).then(
            function (body) {
              if (response.ok && body && body.image_code) return body;
              return { refusal: reasonOf(body, response.status) };
            }
          );
        })
        .catch(function () { return { refusal: UNREACHABLE }; })
        .then(function (answer) {
          settle(mark, answer.image_code || "");
          if (answer.image_code) say("Inserted " + file.name + ".");
          else say(answer.refusal, true);
        });
    }

    function ask(file) {
      target = { start: editor.selectionStart, end: editor.selectionEnd };
      parts.form.reset();
      if (file) {
        var chosen = new DataTransfer();
        chosen.items.add(file);
        parts.file.files = chosen.files;
      }
      parts.dialog.showModal();
      (file ? parts.alt : parts.file).focus();
    }

    function askNext() {
      if (queue.length) ask(queue.shift());
    }

    open.addEventListener("click", function () { ask(null); });

    parts.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var file = parts.file.files[0];
      var alt = parts.alt.value.trim();
      if (!file || !alt) {
        parts.alt.value = alt;
        parts.form.reportValidity();
        return;
      }
      parts.dialog.close();
      upload(file, alt, target);
      editor.focus();
      askNext();
    });
    // Cancelling (the button, or Escape) drops the files still waiting too.
    parts.cancel.addEventListener("click", function () {
      queue = [];
      parts.dialog.close();
    });
    parts.dialog.addEventListener("cancel", function () { queue = []; });

    function takeFiles(event, files) {
      if (event.target !== editor || !files || !files.length) return;
      // Before markdownx's handlers on the editor, which would upload on their own.
      event.stopPropagation();
      event.preventDefault();
      queue = Array.prototype.slice.call(files);
      askNext();
    }

    document.addEventListener("drop", function (event) {
      takeFiles(event, event.dataTransfer && event.dataTransfer.files);
    }, true);
    document.addEventListener("paste", function (event) {
      takeFiles(event, event.clipboardData && event.clipboardData.files);
    }, true);
  });
})();
