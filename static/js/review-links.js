// A review link's "Copy" button puts the link's address on the clipboard.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy-from]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copyFrom);
  field.select();
  const copied = navigator.clipboard
    ? navigator.clipboard.writeText(field.value)
    : Promise.reject(new Error("No clipboard outside HTTPS"));
  copied.then(
    () => { button.textContent = "Copied"; },
    () => { button.textContent = "Selected: copy it"; },
  );
});
