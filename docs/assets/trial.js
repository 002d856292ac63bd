/* The trial site's only script. Everything works without it; it adds:
 * - a real menu button on small screens: Material's menu is a <label for="__drawer">,
 *   which a keyboard cannot reach and a screen reader does not announce as a button;
 * - Escape closes the menu and returns focus to the button.
 * - the self-check on the "Who can join" page (hidden without this script);
 * - glossary terms: a tap opens or closes the explanation, Escape hides it;
 * - the Close button of the language hint on English pages (main.html shows the hint);
 * - the print button of the printable summary;
 * - the language button opens and closes the list of languages (a disclosure): closed, the
 *   links are not tab stops, so the keyboard reaches the menu and the page first.
 * It stores nothing and sends nothing: no request, no cookie, no storage. */
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  selfCheck(document.querySelector("[data-trial-selfcheck]"));
  glossaryTerms(document.querySelectorAll(".trial-term"));
  languageHint(document.querySelector("[data-trial-hints]"));
  printButton(document.querySelector("[data-trial-print]"));
  menuButton(document.getElementById("__drawer"), document.querySelector('label.md-header__button[for="__drawer"]'));
  languageMenu(document.querySelector("[data-trial-languages]"));

  function selfCheck(section) {
    if (!section) return;
    var form = section.querySelector("form");
    var result = section.querySelector("#self-check-result");

    function fill(part, items) {
      var box = result.querySelector('[data-part="' + part + '"]');
      var list = box.querySelector("ul");
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.appendChild(document.createTextNode(item.question + " "));
        var link = document.createElement("a");
        link.href = "#" + item.criterion;
        link.textContent = result.getAttribute("data-see");
        li.appendChild(link);
        list.appendChild(li);
      });
      box.hidden = items.length === 0;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault(); // nothing is sent anywhere: the result is worked out here
      var against = [], unsure = [];
      section.querySelectorAll("fieldset[data-fits]").forEach(function (fieldset) {
        var checked = fieldset.querySelector("input:checked");
        var item = {
          question: fieldset.querySelector(".trial-question__text").textContent,
          criterion: fieldset.getAttribute("data-criterion")
        };
        if (!checked || checked.value === "not_sure") unsure.push(item);
        else if (checked.value !== fieldset.getAttribute("data-fits")) against.push(item);
      });
      fill("against", against);
      fill("unsure", unsure);
      result.querySelector('[data-part="none"]').hidden = against.length > 0;
      result.hidden = false;
      result.focus();
    });
    form.addEventListener("reset", function () {
      result.hidden = true;
    });
  }

  function glossaryTerms(terms) {
    Array.prototype.forEach.call(terms, function (term) {
      var word = term.querySelector(".trial-term__word");
      word.setAttribute("aria-expanded", "false");
      word.addEventListener("click", function () {
        var open = !term.classList.contains("is-open");
        closeTerms();
        term.classList.toggle("is-open", open);
        term.classList.remove("is-dismissed");
        word.setAttribute("aria-expanded", open ? "true" : "false");
      });
      // Hover or focus again after Escape shows the explanation again.
      term.addEventListener("mouseleave", function () { term.classList.remove("is-dismissed"); });
      word.addEventListener("blur", function () { term.classList.remove("is-dismissed"); });
    });
    function closeTerms() {
      Array.prototype.forEach.call(terms, function (term) {
        term.classList.remove("is-open");
        term.querySelector(".trial-term__word").setAttribute("aria-expanded", "false");
      });
    }
    document.addEventListener("click", function (event) {
      if (!event.target.closest || !event.target.closest(".trial-term")) closeTerms();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      Array.prototype.forEach.call(terms, function (term) {
        if (term.classList.contains("is-open") || term.matches(":hover") || term.contains(document.activeElement)) {
          term.classList.add("is-dismissed");
        }
      });
      closeTerms();
    });
  }

  function languageHint(hints) {
    // The hint for the visitor's language was shown by the inline script after it (main.html).
    var hint = hints && hints.querySelector(".trial-hint:not([hidden])");
    if (!hint) return;
    hint.querySelector("[data-trial-hint-close]").addEventListener("click", function () {
      hint.hidden = true;
      var heading = document.querySelector("main h1") || document.body;
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    });
  }

  function printButton(button) {
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  function languageMenu(select) {
    if (!select) return;
    var button = select.querySelector("button");
    var list = document.getElementById(button.getAttribute("aria-controls"));
    if (!list) return;
    function set(open) {
      list.hidden = !open;
      select.classList.toggle("is-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    set(false);
    button.addEventListener("click", function () { set(list.hidden); });
    select.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !list.hidden) {
        set(false);
        button.focus();
      }
    });
    // Closes when focus or a click goes elsewhere.
    select.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !select.contains(event.relatedTarget)) set(false);
    });
    document.addEventListener("click", function (event) {
      if (!select.contains(event.target)) set(false);
    });
  }

  function menuButton(drawer, label) {
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
  }
})();
