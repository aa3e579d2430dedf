// The editor's page preview. Beside the Markdown, a frame shows the post as its public
// page will, rendered by the server from the form's unsaved values (the public
// template and stylesheets, see posts/editor_page.py), at the width of the reader's
// column and scaled down to fit. "Preview in a new tab" shows the same full size.
// - The frame is loaded by posting the form's values into it (files aside).
// - markdownx renders the body as it is typed, for its own preview (hidden): the
//   frame's body takes that HTML in place, so the frame keeps its scroll position.
// - A moment after a change, the page is fetched again and the rest of the frame
//   (title, tags, table of contents, reading time…) refreshed in place; the frame
//   reloads, at the same scroll position, only when the body needs other stylesheets
//   or scripts (its first code block, formula or tabs).
(function () {
  "use strict";
  var FRAME_NAME = "page-preview";
  var FIELD_DELAY_MS = 600;
  // markdownx already shows the body; the rest of the page can wait a little more.
  var BODY_DELAY_MS = 1500;
  var LOGGED_OUT = "You seem to be logged out: the preview is not up to date. Your " +
    "text is still in the form, and kept in this browser.";

  function formValues(form) {
    var values = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") values.push([name, value]); // not files
    });
    return values;
  }

  // Post values to url in a window or frame (a form of its own, outside the admin's).
  function postTo(url, target, values) {
    var carrier = document.createElement("form");
    carrier.method = "post";
    carrier.action = url;
    carrier.target = target;
    carrier.hidden = true;
    values.forEach(function (pair) {
      var field = document.createElement("textarea"); // keeps line breaks as typed
      field.name = pair[0];
      field.value = pair[1];
      carrier.appendChild(field);
    });
    document.body.appendChild(carrier);
    carrier.submit();
    carrier.remove();
  }

  function assets(doc) {
    var elements = doc.querySelectorAll("link[rel=stylesheet], script[src]");
    return Array.prototype.map.call(elements, function (element) {
      return element.getAttribute("href") || element.getAttribute("src");
    }).join(" ");
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.querySelector(
      "textarea.markdownx-editor[data-page-preview-url]"
    );
    if (!editor) return;
    var form = editor.form;
    var widget = editor.closest(".markdownx");
    var source = widget.querySelector(".markdownx-preview");
    var url = editor.getAttribute("data-page-preview-url");

    var panel = element("div", "page-preview");
    var bar = element("div", "page-preview-bar");
    var newTab = element("button", "button", "Preview in a new tab");
    newTab.type = "button";
    var viewport = element("div", "page-preview-viewport");
    var frame = element("iframe");
    frame.name = FRAME_NAME;
    frame.title = "The page as readers will see it, with your unsaved changes";
    var status = element("p", "page-preview-status");
    status.setAttribute("role", "status");
    bar.append(element("span", "", "The page as readers will see it"), newTab);
    viewport.appendChild(frame);
    panel.append(bar, viewport, status);
    source.hidden = true; // still filled by markdownx: the frame takes its HTML
    widget.appendChild(panel);

    // The frame is as wide as the public page's column (admin-editor.css), scaled
    // down to the space there is here; it scrolls within.
    function fit() {
      var scale = Math.min(1, viewport.clientWidth / frame.offsetWidth);
      frame.style.transform = "scale(" + scale + ")";
      frame.style.height = viewport.clientHeight / scale + "px";
    }
    new ResizeObserver(fit).observe(viewport);

    function frameDocument() {
      var doc = frame.contentDocument;
      return doc && doc.querySelector("main .prose") ? doc : null;
    }

    // The admin's theme (light, dark or auto) is the page's too.
    function followTheme(doc) {
      var theme = document.documentElement.getAttribute("data-theme");
      if (theme === "light" || theme === "dark") {
        doc.documentElement.setAttribute("data-theme", theme);
      } else {
        doc.documentElement.removeAttribute("data-theme");
      }
    }
    new MutationObserver(function () {
      var doc = frameDocument();
      if (doc) followTheme(doc);
    }).observe(document.documentElement, { attributeFilter: ["data-theme"] });

    // Links lead out of the preview into a new tab; the page's own anchors (the
    // table of contents) scroll the frame.
    function openOutside(event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || link.getAttribute("href").charAt(0) === "#") return;
      event.preventDefault();
      window.open(link.href, "_blank", "noopener");
    }

    var scrollAfterLoad = 0;
    var bodySent = null;
    function load() {
      var doc = frameDocument();
      scrollAfterLoad = doc ? doc.defaultView.scrollY : 0;
      bodySent = editor.value;
      postTo(url, FRAME_NAME, formValues(form));
    }

    frame.addEventListener("load", function () {
      var empty = frame.contentDocument && frame.contentDocument.URL === "about:blank";
      if (empty) return; // before the first answer
      var doc = frameDocument();
      if (!doc) {
        status.textContent = "The preview could not be shown (logged out, or an " +
          "error on the server). Your text is still in the form.";
        return;
      }
      status.textContent = "";
      followTheme(doc);
      // Typed while the frame loaded: markdownx's rendering is newer (or on its way).
      if (editor.value !== bodySent) replaceBody(doc);
      // Back to where the reloaded page was, unless scrolled already.
      if (doc.defaultView.scrollY === 0) doc.defaultView.scrollTo(0, scrollAfterLoad);
      doc.addEventListener("click", openOutside);
      doc.addEventListener("submit", function (event) {
        event.target.target = "_blank"; // the header's search
      });
    });

    function showBody(event) {
      // A whole page is not a body: the login page, after the session ended.
      var answer = event.detail && event.detail[0];
      if (typeof answer === "string" && /<!doctype|<html[\s>]/i.test(answer)) {
        status.textContent = LOGGED_OUT;
        return;
      }
      var doc = frameDocument();
      if (doc) replaceBody(doc);
    }

    function replaceBody(doc) {
      doc.querySelector("main .prose").innerHTML = source.innerHTML;
      // The page's scripts (code.js: copy buttons) take in the new body.
      doc.dispatchEvent(new doc.defaultView.Event("blogcraft:content-replaced"));
    }

    function refreshFrom(fresh) {
      var doc = frameDocument();
      var main = fresh.querySelector("main");
      if (!doc || !main || assets(doc) !== assets(fresh)) {
        load();
        return;
      }
      var incoming = doc.importNode(main, true);
      var current = doc.querySelector("main");
      // The body stays: markdownx's rendering of the newest text is already there.
      incoming.querySelector(".prose").replaceWith(current.querySelector(".prose"));
      var children = Array.prototype.slice.call(incoming.childNodes);
      current.replaceChildren.apply(current, children);
      doc.title = fresh.title;
    }

    var timer = null;
    var latest = 0;
    function refresh() {
      var ticket = ++latest;
      var data = new FormData();
      formValues(form).forEach(function (pair) { data.append(pair[0], pair[1]); });
      fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          if (response.redirected) throw new Error(LOGGED_OUT);
          if (!response.ok) {
            throw new Error("The server answered " + response.status + ": the " +
              "preview is not up to date. Your text is still in the form.");
          }
          return response.text();
        })
        .then(function (html) {
          if (ticket !== latest) return; // a newer one is on its way
          status.textContent = "";
          refreshFrom(new DOMParser().parseFromString(html, "text/html"));
        })
        .catch(function (error) {
          if (ticket !== latest) return;
          status.textContent = error.message;
        });
    }

    function later(event) {
      var delay = event && event.target === editor ? BODY_DELAY_MS : FIELD_DELAY_MS;
      clearTimeout(timer);
      timer = setTimeout(refresh, delay);
    }

    widget.addEventListener("markdownx.update", showBody);
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    editor.addEventListener("keyup", later); // an uploaded image, inserted by markdownx
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("change", later); // select2's choices
    }
    newTab.addEventListener("click", function () {
      postTo(url, "_blank", formValues(form));
    });
    load();
  });
})();
