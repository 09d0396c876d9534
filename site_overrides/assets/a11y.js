/* Accessibility fixes that need the page's elements: a skip link the theme leaves out, and
   abbreviations whose meaning keyboard and touch users can reach, not only mouse users.
   A classic script, not a component: it runs once the page is parsed, before the theme's
   own script, and again on what a component puts on the page later (the "semh:changed"
   event of lib/components.js, which a classic script cannot import). */
(() => {
  "use strict";

  /* Every page starts with a link past the header and menus to its main heading. The theme
     writes one on pages with a table of contents; a page without one (the "not found" page)
     gets it here. */
  function ensureSkipLink() {
    const heading = document.querySelector("main h1, article h1") || document.querySelector("h1");
    if (!heading) return;
    if (!heading.id) heading.id = "main-heading";
    const first = document.querySelector("a[href]");
    if (first && first.getAttribute("href") === "#" + heading.id) return;
    const skip = document.createElement("a");
    skip.className = "semh-skip";
    skip.href = "#" + heading.id;
    skip.textContent = "Skip to content";
    document.body.insertBefore(skip, document.body.firstChild);
  }

  let tips = 0; // tooltips made so far, for their ids

  /* Each <abbr title> becomes focusable and shows its expansion on focus or hover, in a
     tooltip that stays while hovered and that Escape hides (WCAG 1.4.13). The title is
     moved into the tooltip so that no second, mouse-only tooltip appears over it. */
  function revealAbbreviations(root) {
    root.querySelectorAll("abbr[title]").forEach((abbr) => {
      const expansion = abbr.getAttribute("title").trim();
      if (!expansion) return;
      const index = tips++;
      const wrapper = document.createElement("span");
      wrapper.className = "semh-abbr";
      const tip = document.createElement("span");
      tip.className = "semh-abbr__tip";
      tip.id = "semh-abbr-tip-" + index;
      tip.setAttribute("role", "tooltip");
      tip.textContent = expansion;
      abbr.parentNode.insertBefore(wrapper, abbr);
      wrapper.appendChild(abbr);
      wrapper.appendChild(tip);
      abbr.removeAttribute("title");
      abbr.setAttribute("tabindex", "0");
      abbr.setAttribute("aria-describedby", tip.id);
      abbr.addEventListener("focus", () => show(wrapper));
      wrapper.addEventListener("mouseenter", () => show(wrapper));
      abbr.addEventListener("blur", () => wrapper.removeAttribute("data-dismissed"));
      wrapper.addEventListener("mouseleave", () => wrapper.removeAttribute("data-dismissed"));
    });
  }

  function dismissOnEscape(event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".semh-abbr:hover, .semh-abbr:focus-within").forEach(
      (wrapper) => wrapper.setAttribute("data-dismissed", ""));
  }

  /* Keeps a tooltip near the right edge inside the window, so that showing it never makes
     the page scroll sideways on a narrow screen. */
  function show(wrapper) {
    const tip = wrapper.querySelector(".semh-abbr__tip");
    tip.style.removeProperty("--semh-tip-shift");
    wrapper.removeAttribute("data-dismissed");
    const overflow = tip.getBoundingClientRect().right - document.documentElement.clientWidth;
    if (overflow > 0) tip.style.setProperty("--semh-tip-shift", -(overflow + 8) + "px");
  }

  ensureSkipLink();
  revealAbbreviations(document);
  document.addEventListener("keydown", dismissOnEscape);
  document.addEventListener("semh:changed", (event) => revealAbbreviations(event.target));
})();
