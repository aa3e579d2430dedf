// Never lose an editor's work, on an admin change form:
// - leaving the page with changes that are not saved asks first (submitting does not);
// - what is typed is kept in this browser (localStorage, per form address) and offered
//   back when the form is opened again, after a crash, a closed tab, an expired
//   session or a server error;
// - a kept copy goes once its save succeeded: the form marks it as submitted, and the
//   page the save leads to (any admin page with a success message) drops it.
// Kept: text fields, text areas and selects. Not files, and not hidden fields (the
// CSRF token, the revision the form was opened at), which belong to this page only.
(function () {
  "use strict";
  var PREFIX = "blogcraft-unsaved:";
  // sessionStorage, per tab: the form this tab submitted last, until the next page.
  var SUBMITTED = "blogcraft-unsaved-submitted";
  var SAVE_DELAY_MS = 400;
  var KEPT_TYPES = new RegExp(
    "^(text|search|email|url|tel|number|date|time|datetime-local|month|week|" +
      "textarea|select-one|select-multiple)$"
  );

  function store(name) {
    try {
      var storage = window[name];
      storage.getItem(PREFIX);
      return storage;
    } catch (error) {
      return null; // blocked: the guard still works, nothing is kept
    }
  }
  var local = store("localStorage");
  var session = store("sessionStorage");

  function parse(text) {
    try { return JSON.parse(text); } catch (error) { return null; }
  }

  function keptElements(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.name && !element.disabled && KEPT_TYPES.test(element.type) &&
        element.name.indexOf("__prefix__") === -1; // an inline's empty template row
    });
  }

  // {name: text} for text, {name: [[value, label], …]} for selects: the label lets a
  // choice be put back in a select that loads its options on demand (autocomplete).
  function readFields(form) {
    var fields = {};
    keptElements(form).forEach(function (element) {
      if (element.type.indexOf("select") === 0) {
        fields[element.name] = Array.prototype.filter
          .call(element.options, function (option) { return option.selected; })
          .map(function (option) { return [option.value, option.text]; });
      } else {
        fields[element.name] = element.value;
      }
    });
    return fields;
  }

  function writeFields(form, fields) {
    keptElements(form).forEach(function (element) {
      if (!Object.prototype.hasOwnProperty.call(fields, element.name)) return;
      var value = fields[element.name];
      if (element.type.indexOf("select") === 0) {
        var chosen = value.map(function (pair) { return pair[0]; });
        value.forEach(function (pair) {
          var present = Array.prototype.some.call(element.options, function (option) {
            return option.value === pair[0];
          });
          if (!present) element.add(new Option(pair[1], pair[0]));
        });
        Array.prototype.forEach.call(element.options, function (option) {
          option.selected = chosen.indexOf(option.value) !== -1;
        });
      } else {
        element.value = value;
      }
      // Field by field, in page order: the admin's slug follows the title, then the
      // slug's own value is put back. The input event updates markdownx's preview.
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  // Whether kept fields differ from the form's: only fields both know are compared,
  // so a field added to the form since is no difference.
  function differ(kept, shown) {
    return Object.keys(kept).some(function (name) {
      return Object.prototype.hasOwnProperty.call(shown, name) &&
        JSON.stringify(kept[name]) !== JSON.stringify(shown[name]);
    });
  }

  function readCopy(key) {
    var copy = local && parse(local.getItem(key));
    return copy && copy.fields ? copy : null;
  }

  function sameOriginPath(address) {
    try {
      var url = new URL(address);
      return url.origin === location.origin ? url.pathname : null;
    } catch (error) {
      return null;
    }
  }

  // Run on every admin page that loads this script, the changelist included: if the
  // last form this tab submitted led here with a success message, its save went
  // through, and its kept copy goes.
  function dropCopyOfSuccessfulSave() {
    if (!session) return;
    var submitted = parse(session.getItem(SUBMITTED));
    session.removeItem(SUBMITTED);
    var saved = document.querySelector(".messagelist .success") !== null;
    if (!submitted || !local || !saved) return;
    var from = sameOriginPath(document.referrer);
    if (from !== null && PREFIX + from !== submitted.key) return; // came from elsewhere
    var copy = readCopy(submitted.key);
    if (copy && copy.submitted) local.removeItem(submitted.key);
  }

  function formatTime(date) {
    var options = { weekday: "short", day: "numeric", month: "short" };
    if (date.getFullYear() !== new Date().getFullYear()) options.year = "numeric";
    var time = { hour: "2-digit", minute: "2-digit", hour12: false };
    return date.toLocaleDateString("en-GB", options) + ", " +
      date.toLocaleTimeString("en-GB", time);
  }

  function button(text, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "button";
    element.textContent = text;
    element.addEventListener("click", action);
    return element;
  }

  // The notice at the top of the form: a live region, filled once it is in the page
  // so that screen readers announce it.
  function offerCopy(form, key, copy, answered) {
    var notice = document.createElement("div");
    notice.className = "unsaved-copy";
    notice.setAttribute("role", "status");
    notice.tabIndex = -1;
    form.insertBefore(notice, form.firstChild);
    var when = new Date(copy.savedAt);
    var time = document.createElement("time");
    time.dateTime = when.toISOString();
    time.textContent = formatTime(when);

    function settle(message) {
      notice.replaceChildren(message);
      notice.focus();
      answered();
    }

    setTimeout(function () {
      var text = document.createElement("p");
      text.append("Unsaved changes from ", time, " were kept in this browser.");
      var actions = document.createElement("p");
      actions.append(
        button("Restore them", function () {
          writeFields(form, copy.fields);
          settle("Restored. Save to keep them.");
        }),
        " ",
        button("Discard", function () {
          local.removeItem(key);
          settle("Discarded.");
        })
      );
      notice.append(text, actions);
    }, 50);
  }

  document.addEventListener("DOMContentLoaded", function () {
    dropCopyOfSuccessfulSave();
    var form = document.querySelector("#content-main form[id$='_form']");
    if (!form) return;
    var key = PREFIX + location.pathname;
    // A form sent back with errors shows text that is not saved: keep it, and ask.
    var refused = document.querySelector(".errornote") !== null;
    var loaded = JSON.stringify(readFields(form));
    var submitting = false;
    var offering = false;
    var timer = null;

    function changed() {
      return refused || JSON.stringify(readFields(form)) !== loaded;
    }

    function keep(submitted) {
      clearTimeout(timer);
      if (!local || offering) return; // the kept copy waits for an answer
      if (!changed()) {
        local.removeItem(key);
        return;
      }
      var copy = {
        savedAt: Date.now(),
        submitted: submitted,
        fields: readFields(form),
      };
      try {
        local.setItem(key, JSON.stringify(copy));
      } catch (error) {
        // Storage full: the guard still asks before the page is left.
      }
    }

    function later() {
      if (submitting) return;
      clearTimeout(timer);
      timer = setTimeout(function () { keep(false); }, SAVE_DELAY_MS);
    }

    var copy = readCopy(key);
    if (copy && differ(copy.fields, readFields(form))) {
      offering = true;
      offerCopy(form, key, copy, function () {
        offering = false;
        keep(false);
      });
    } else if (copy && !refused) {
      local.removeItem(key); // what was kept is what the form shows
    } else if (refused) {
      keep(false); // the text sent back, no longer counted as submitted
    }

    // markdownx sets the body without an input event when it inserts an uploaded
    // image (then fires keyup); select2 tells its choice through jQuery only.
    ["input", "change", "keyup"].forEach(function (type) {
      form.addEventListener(type, later);
    });
    if (window.django && window.django.jQuery) {
      window.django.jQuery(form).on("change", later);
    }
    window.addEventListener("pagehide", function () {
      if (!submitting) keep(false);
    });

    form.addEventListener("submit", function () {
      submitting = true;
      keep(true);
      if (session) {
        session.setItem(SUBMITTED, JSON.stringify({ key: key }));
      }
    });

    window.addEventListener("beforeunload", function (event) {
      if (submitting || !changed()) return;
      event.preventDefault();
      event.returnValue = ""; // browsers show their own question
    });
  });
})();
