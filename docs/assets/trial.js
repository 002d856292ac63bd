/* The trial site's only script. Everything works without it; it adds:
 * - a real menu button on small screens: Material's menu is a <label for="__drawer">,
 *   which a keyboard cannot reach and a screen reader does not announce as a button;
 * - Escape closes the menu and returns focus to the button.
 * - the self-check on the "Who can join" page, one question at a time (a plain list without it);
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

  // The self-check: a short start, then one question at a time (Back, Next), then the result with
  // the study's status in the visitor's country and a print of the answers. Without this script
  // the questions are a plain list, each linking to its rule.
  function selfCheck(section) {
    if (!section) return;
    var form = section.querySelector("form");
    var start = section.querySelector('[data-part="start"]');
    var result = section.querySelector("#self-check-result");
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));
    var startButton = section.querySelector('[data-action="start"]');
    var next = form.querySelector('[data-action="next"]');
    var show = form.querySelector('[data-action="result"]');
    var current = -1;

    function go(index) {
      current = index;
      start.hidden = index >= 0;
      form.hidden = index < 0;
      result.hidden = true;
      steps.forEach(function (step, number) { step.hidden = number !== index; });
      next.hidden = index >= steps.length - 1;
      show.hidden = index < steps.length - 1;
      if (index < 0) {
        startButton.focus();
        return;
      }
      // Focus goes to the answer (or the first one): a screen reader reads the question with it.
      var step = steps[index];
      (step.querySelector("input:checked") || step.querySelector("input")).focus({ preventScroll: true });
      section.scrollIntoView({ block: "start" });
    }

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

    function answerText(fieldset) {
      var checked = fieldset.querySelector("input:checked");
      return checked ? checked.parentNode.textContent.trim() : "–";
    }

    function sheetRow(body, question, answer, note) {
      var row = document.createElement("tr");
      var cells = [question, answer];
      cells.forEach(function (text, index) {
        var cell = document.createElement("td");
        cell.textContent = text;
        if (index === 1 && note) {
          var mark = document.createElement("strong");
          mark.textContent = note;
          cell.appendChild(document.createElement("br"));
          cell.appendChild(mark);
        }
        row.appendChild(cell);
      });
      body.appendChild(row);
    }

    function showResult() {
      var against = [], unsure = [];
      var body = result.querySelector("tbody");
      body.textContent = "";
      section.querySelectorAll("fieldset[data-fits]").forEach(function (fieldset) {
        var checked = fieldset.querySelector("input:checked");
        var item = {
          question: fieldset.querySelector(".trial-question__text").textContent,
          criterion: fieldset.getAttribute("data-criterion")
        };
        var misfit = checked && checked.value !== "not_sure" && checked.value !== fieldset.getAttribute("data-fits");
        if (!checked || checked.value === "not_sure") unsure.push(item);
        else if (misfit) against.push(item);
        sheetRow(body, item.question, answerText(fieldset), misfit ? result.getAttribute("data-may-not-fit") : "");
      });
      var country = form.querySelector(".trial-question--country");
      sheetRow(body, country.querySelector(".trial-question__text").textContent, answerText(country), "");
      // The study's status in the chosen country; without a choice, in every country.
      var chosen = country.querySelector("input:checked");
      var code = chosen ? chosen.value : "";
      result.querySelectorAll("[data-country]").forEach(function (line) {
        var value = line.getAttribute("data-country");
        line.hidden = value !== code;
      });
      fill("against", against);
      fill("unsure", unsure);
      result.querySelector('[data-part="none"]').hidden = against.length > 0;
      var locale = section.getAttribute("data-locale") || document.documentElement.lang;
      var date = result.querySelector('[data-part="date"]');
      try {
        date.textContent = new Date().toLocaleDateString(locale, { year: "numeric", month: "long", day: "numeric" });
      } catch (error) {
        date.textContent = new Date().toISOString().slice(0, 10);
      }
      start.hidden = true;
      form.hidden = true;
      result.hidden = false;
      result.focus();
    }

    startButton.addEventListener("click", function () { go(0); });
    form.querySelector('[data-action="back"]').addEventListener("click", function () { go(current - 1); });
    next.addEventListener("click", function () { go(current + 1); });
    form.addEventListener("submit", function (event) {
      event.preventDefault(); // nothing is sent anywhere: the result is worked out here
      if (current < steps.length - 1) go(current + 1); // Enter on an answer moves on
      else showResult();
    });
    result.querySelector('[data-action="change"]').addEventListener("click", function () { go(0); });
    result.querySelector('[data-action="restart"]').addEventListener("click", function () {
      form.reset();
      go(-1);
    });
    result.querySelector('[data-action="print"]').addEventListener("click", function () {
      document.documentElement.classList.add("trial-print-answers");
      window.print();
    });
    window.addEventListener("afterprint", function () {
      document.documentElement.classList.remove("trial-print-answers");
    });
    section.classList.add("is-stepped");
    form.hidden = true;
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
  // The icon and the hidden, translated name, copied as nodes: the script never parses a string as HTML.
  Array.prototype.forEach.call(label.childNodes, function (node) { button.appendChild(node.cloneNode(true)); });
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
