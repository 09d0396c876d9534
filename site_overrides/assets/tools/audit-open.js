/* "Open a saved copy" on the audit: what the file would change, in words, and the choice to
 * replace the answers on the page or to keep them, with Undo (tools/open-choice.js). The
 * answers carry no dates, so "keep" cannot mean the newer of two: it keeps each answer the
 * page has and takes the file's only where the page has none, and the page says so.
 * `audit` is {tool, form, say, shared} and `keep()` keeps what is on the page. */
import { EMPTY, isEmpty } from "./audit-form.js";
import { count, inWords, openChoice } from "./open-choice.js";
import { same } from "../json-schema.js";
import { whenOpened } from "./audit-files.js";

/* Each answer of the page and the file, side by side: [group, id, page's, file's]. */
function pairs(form, data) {
  const page = form.read({ all: true });
  return Object.keys(form.groups).flatMap((group) => Object.keys(page[group]).map((id) =>
    [group, id, page[group][id], { ...EMPTY, ...(data[group][id] || {}) }]));
}

export function auditOpening(audit, { keep, flush }) {
  const { tool, form, say, shared } = audit;
  const input = tool.querySelector("input[data-import]");
  const choice = openChoice(input.closest("p"), { say, focusAfter: input });

  /* Puts `chosen(page's, file's)` of each answer on the page and keeps it; returns how to put
     back what was there. */
  function apply(data, chosen) {
    const before = form.read({ all: true });
    const now = form.read({ all: true });
    for (const [group, id, mine, theirs] of pairs(form, data)) now[group][id] = chosen(mine, theirs);
    form.write(now);
    const saved = keep();
    return { saved, restore: () => {
      form.write(before);
      if (keep()) say("Undone: the answers are as they were before the file was opened.");
    } };
  }

  function report(opened, saved) {
    if (saved) say(opened);
    else if (shared.refused) say(`${opened} But this browser would not keep them: its storage is full or turned off. They stay on this page: save a copy to keep them before you leave or reload it.`);
    else say(`${opened} They are not kept in this browser, for the reason above: save a copy to keep them.`);
  }

  whenOpened(audit, input, (data, name) => {
    flush();
    choice.close();
    const rated = (group) => Object.values(data[group]).filter((answer) => answer.rating).length;
    const opened = `Opened ${name}${data.date ? `, saved on ${data.date}` : ""}: ${rated("answers")} of ${form.criteria.length} statements rated, and ${rated("sections")} of ${form.wholes.length} sections as a whole.`;
    const both = pairs(form, data);
    const differ = both.filter(([, , mine, theirs]) => !same(mine, theirs));
    const fileOnly = differ.filter(([, , mine]) => isEmpty(mine)).length;
    const pageOnly = differ.filter(([, , mine, theirs]) => !isEmpty(mine) && isEmpty(theirs)).length;
    const changed = differ.length - fileOnly - pageOnly;
    const replace = (mine, theirs) => theirs;
    if (fileOnly === differ.length) {
      // Nothing on the page would be written over: open it, with Undo.
      const { saved, restore } = apply(data, replace);
      report(differ.length ? opened : `${opened} Its answers are the same as this page’s.`, saved);
      if (differ.length) choice.offerUndo(restore);
      return;
    }
    const keepMine = (mine, theirs) => (isEmpty(mine) ? theirs : mine);
    choice.ask({
      title: `Open ${name}?`,
      summary: `It differs from this page in ${count(differ.length, "answer")}: ${inWords([
        fileOnly && `${fileOnly} that only the file has`,
        pageOnly && `${pageOnly} that only this page has`,
        changed && `${changed} that both have, with different ratings or notes`])}.`,
      choices: [
        { label: "Replace this page’s answers", explain: `every answer becomes the file’s: ${count(differ.length, "answer")} on this page change${differ.length === 1 ? "s" : ""}, and answers only this page has are cleared.`,
          act: () => {
            const { saved, restore } = apply(data, replace);
            report(`${opened} This page’s answers were replaced by the file’s.`, saved);
            return restore;
          } },
        { label: "Keep this page’s answers", explain: `the answers carry no dates, so this page cannot tell which of two is newer. It keeps every answer this page has and takes the file’s only where this page has none (${count(fileOnly, "answer")}).`,
          act: () => {
            const { saved, restore } = apply(data, keepMine);
            report(`${opened} This page kept its own answers and took ${count(fileOnly, "answer")} from the file.`, saved);
            return restore;
          } },
      ],
    });
  });
  return choice;
}
