/* The sections of the form, which the page carries inside <noscript data-audit-sections>:
 * without JavaScript they are the page, and with it the browser keeps them as text, so the
 * page loads without laying out some 2,500 controls (see audit.md.j2). They are made into
 * elements off the page, where the answers can be read and written at once, and put on the
 * page one at a time once it has been parsed, giving the browser back between them so that
 * no step holds it up for long. A link to a statement or a section, and printing, put in the
 * sections they need at once. The tool says data-audit-shown when all are in; each section
 * put in is said to have changed (lib/components.js) for the scripts that enhance what a page holds. Returns the
 * elements that take an answer (criteria and sections as a whole), wherever they are. */
import { changed } from "../lib/components.js";

export function showSections(tool) {
  const later = document.querySelector("noscript[data-audit-sections]");
  const answered = "[data-audit-criterion], [data-audit-whole]";
  if (!later) {
    tool.dataset.auditShown = "";
    return [...document.querySelectorAll(answered)];
  }
  const form = document.createElement("div");
  form.innerHTML = later.textContent;
  const parts = [...form.children];
  const criteria = [...form.querySelectorAll(answered)];
  const place = document.createElement("div");
  place.className = "semh-audit-sections";
  later.replaceWith(place);
  let shown = 0;

  function showUpTo(last) {
    for (; shown <= last && shown < parts.length; shown += 1) {
      place.append(parts[shown]);
      changed(parts[shown], "audit");
    }
    if (shown === parts.length) tool.dataset.auditShown = "";
  }

  /* Puts in the section of the element the address names, if it is not in yet, and goes to
     it as the browser would have. */
  function showTarget() {
    let id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return; // not an address this page wrote
    }
    if (!id || document.getElementById(id)) return;
    const last = parts.findIndex((part) => part.querySelector(`[id="${CSS.escape(id)}"]`));
    if (last < 0) return;
    showUpTo(last);
    document.getElementById(id).scrollIntoView();
  }

  const breathe = () => (globalThis.scheduler?.yield ? scheduler.yield()
    : new Promise((resolve) => setTimeout(resolve)));

  async function showInTurn() {
    // The theme's own start once the page is parsed (DOMContentLoaded) is quicker on a
    // smaller page. This module runs before that event, when readyState already says
    // "interactive", so the navigation's timing tells whether the event has been.
    const [navigation] = performance.getEntriesByType("navigation");
    if (document.readyState !== "complete" && !(navigation?.domContentLoadedEventEnd > 0)) {
      await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
    }
    while (shown < parts.length) {
      await breathe();
      showUpTo(shown);
    }
  }

  showTarget();
  window.addEventListener("hashchange", showTarget);
  window.addEventListener("beforeprint", () => showUpTo(parts.length - 1));
  showInTurn();
  return criteria;
}
