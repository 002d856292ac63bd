/* The trial site's only script. Everything works without it; it adds:
 * - a real menu button on small screens: Material's menu is a <label for="__drawer">,
 *   which a keyboard cannot reach and a screen reader does not announce as a button;
 * - Escape closes the menu and returns focus to the button.
 * It stores nothing and sends nothing. */
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  var drawer = document.getElementById("__drawer");
  var label = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!drawer || !label) return;

  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " trial-menu-button";
  button.innerHTML = label.innerHTML; // the icon and the hidden, translated name
  button.setAttribute("aria-controls", "__drawer");
  label.parentNode.insertBefore(button, label);
  label.hidden = true;

  function sync() {
    button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
  }
  function toggle(open, moveFocus) {
    drawer.checked = open;
    sync();
    if (open && moveFocus) {
      var first = document.querySelector(".md-sidebar--primary a[href]");
      if (first) first.focus();
    }
  }
  button.addEventListener("click", function (event) {
    // detail is 0 for a click made with Enter or Space: then move focus into the menu.
    toggle(!drawer.checked, event.detail === 0);
  });
  drawer.addEventListener("change", sync);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      toggle(false, false);
      button.focus();
    }
  });
  sync();
})();
