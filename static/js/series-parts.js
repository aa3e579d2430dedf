// A series' parts on its admin page. "Move up" and "Move down" trade a part's place
// with its neighbour's, row and position both; saving the form writes the new order.
// Saved parts move among themselves; a new row takes the position typed in it,
// which starts as the one after the last part.
"use strict";
{
  const GROUP = "#parts-group";

  const savedRows = (group) => [...group.querySelectorAll("tbody tr.has_original")];
  const positionOf = (row) => row.querySelector(".field-position input");

  function titleOf(row) {
    const chosen = row.querySelector(".field-post select option:checked");
    return chosen && chosen.value ? `“${chosen.textContent.trim()}”` : "The part";
  }

  // A row with the row of its errors, which the admin puts just before it.
  function withErrors(row) {
    const before = row.previousElementSibling;
    return before && before.classList.contains("row-form-errors") ? [before, row] : [row];
  }

  function markEnds(group) {
    const rows = savedRows(group);
    rows.forEach((row, index) => {
      row.querySelector(".part-move-up").setAttribute("aria-disabled", index === 0);
      row.querySelector(".part-move-down")
        .setAttribute("aria-disabled", index === rows.length - 1);
    });
  }

  function move(group, row, step) {
    const rows = savedRows(group);
    const other = rows[rows.indexOf(row) + step];
    if (!other) return;
    // The other row moves, so that the button pressed keeps the focus.
    if (step < 0) {
      row.after(...withErrors(other));
    } else {
      withErrors(row)[0].before(...withErrors(other));
    }
    const mine = positionOf(row);
    const theirs = positionOf(other);
    [mine.value, theirs.value] = [theirs.value, mine.value];
    markEnds(group);
    group.querySelector(".part-move-status").textContent =
      `${titleOf(row)} is now at position ${mine.value}, ${titleOf(other)} at ${theirs.value}. ` +
      "Save to keep this order.";
  }

  function button(label, symbol, className) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = `part-move ${className}`;
    element.title = label;
    element.setAttribute("aria-label", label);
    element.textContent = symbol;
    return element;
  }

  function addButtons(row) {
    positionOf(row).after(
      button("Move up", "↑", "part-move-up"),
      button("Move down", "↓", "part-move-down"),
    );
  }

  function nextPosition(group) {
    const taken = [...group.querySelectorAll("tbody tr.form-row:not(.empty-form)")]
      .map((row) => parseInt(positionOf(row).value, 10))
      .filter((value) => value > 0);
    return Math.max(0, ...taken) + 1;
  }

  function init() {
    const group = document.querySelector(GROUP);
    if (!group) return;
    const status = document.createElement("p");
    status.className = "part-move-status visually-hidden";
    status.setAttribute("role", "status");
    group.append(status);
    savedRows(group).forEach(addButtons);
    markEnds(group);
    group.addEventListener("click", (event) => {
      const pressed = event.target.closest("button.part-move");
      if (!pressed || pressed.getAttribute("aria-disabled") === "true") return;
      move(group, pressed.closest("tr"), pressed.classList.contains("part-move-up") ? -1 : 1);
    });
    document.addEventListener("formset:added", (event) => {
      if (event.detail.formsetName !== "parts") return;
      const position = positionOf(event.target);
      if (!position.value) position.value = nextPosition(group);
    });
  }

  document.addEventListener("DOMContentLoaded", init);
}
