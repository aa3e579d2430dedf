// Beside each field with a length limit, show how much of it the text uses, as
// "123 / 300", warn near the limit and say how many characters are too many past it.
// Nothing is cut: the server refuses an overlong text with its own message.
(() => {
  "use strict";

  const NEAR = 0.9; // warn from 90 % of the limit

  // Count as the server does: the text without surrounding spaces, in code points
  // (an emoji is one), a line break as the two characters a browser sends.
  const lengthOf = (text) => [...text.trim().replace(/\r?\n/g, "\r\n")].length;

  const stateOf = (length, limit) => {
    if (length > limit) return "over";
    if (length >= Math.floor(limit * NEAR)) return "near";
    return "";
  };

  const detail = (length, limit, state) => {
    if (state === "over") return ` · ${length - limit} too many`;
    if (state === "near") return ` · ${limit - length} left`;
    return "";
  };

  // What a screen reader announces, once, when the text nears or passes the limit.
  const announcement = (limit, state) => {
    if (state === "over") return `Longer than the ${limit} characters allowed.`;
    if (state === "near") return `Near the limit of ${limit} characters.`;
    return "";
  };

  const attach = (field) => {
    const limit = Number(field.dataset.lengthLimit);
    if (!limit || field.dataset.lengthCounter) return;
    field.dataset.lengthCounter = "on";

    const counter = document.createElement("div");
    counter.className = "length-counter";
    const count = document.createElement("span");
    count.id = `${field.id}_length`;
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    counter.append(count, status);
    field.insertAdjacentElement("afterend", counter);
    // The count is read with the field; the status only when it changes.
    const described = field.getAttribute("aria-describedby");
    field.setAttribute(
      "aria-describedby",
      described ? `${described} ${count.id}` : count.id,
    );

    let shown = "";
    const update = () => {
      const length = lengthOf(field.value);
      const state = stateOf(length, limit);
      count.textContent = `${length} / ${limit}${detail(length, limit, state)}`;
      counter.dataset.state = state;
      if (state !== shown) {
        status.textContent = announcement(limit, state);
        shown = state;
      }
    };
    field.addEventListener("input", update);
    update();
  };

  const start = () => {
    document.querySelectorAll("[data-length-limit]").forEach(attach);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
