/* The trial site's only script. Everything works without it; it adds:
 * - a keyboard-usable menu button on small screens (Material's <label for="__drawer">
 *   cannot be reached with Tab), with its open/closed state announced;
 * - Escape closes the menu and returns focus to the button.
 * It stores nothing and sends nothing. */
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  var drawer = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!drawer || !button) return;

  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-controls", "__drawer");
  function sync() {
    button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
  }
  function toggle(open) {
    drawer.checked = open;
    sync();
    if (open) {
      var first = document.querySelector(".md-sidebar--primary a[href]");
      if (first) first.focus();
    }
  }
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      toggle(!drawer.checked);
    }
  });
  drawer.addEventListener("change", sync);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      toggle(false);
      button.focus();
    }
  });
  sync();
})();
