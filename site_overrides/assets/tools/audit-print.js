/* The audit on paper. "Print my answers" prints a report: the summary, then only the
 * statements and sections as a whole that have an answer, with their notes. "Print a blank
 * form" prints every statement with empty boxes, to fill in by hand. Each sets a class on
 * <html> for the print rules in audit.css just before the browser prints, taken off after;
 * the browser's own Print, with or without this script, prints the whole form as it is.
 * `audit` is {tool, form, say}. */

const MODES = { answers: "semh-print-answers", blank: "semh-print-blank" };

export function auditPrinting({ tool, form, say }) {
  const root = document.documentElement;
  const done = () => {
    if (!Object.values(MODES).some((mode) => root.classList.contains(mode))) return;
    root.classList.remove(...Object.values(MODES));
    form.refresh(); // the printed copies of the answers, emptied for a blank form
  };
  window.addEventListener("afterprint", done);

  for (const button of tool.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => {
      const mode = button.dataset.print;
      done();
      form.refresh();
      if (mode === "blank") {
        for (const copy of document.querySelectorAll("[data-audit-print]")) copy.textContent = "";
      } else if (!form.parts.some((el) => el.hasAttribute("data-audit-answered"))) {
        say("Nothing is rated or written yet, so the report is the summary alone.");
      }
      root.classList.add(MODES[mode]);
      window.print();
    });
  }
}
