/* Opening a saved copy over what is on a tool's page: a panel under the file box says what the
 * file would change, in words, and asks whether to replace what is on the page or to keep
 * it; whichever is chosen, or when there was nothing to ask, an Undo button puts back exactly
 * what was there, until the next change on the page.
 *
 * `after` is the element the panel follows (the file box's line); `say` writes the tool's
 * status line, which screen readers announce. The panel is a group named by its heading,
 * which takes the focus when it opens, so a screen reader reads the question first. */

const button = (text, data) => {
  const made = document.createElement("button");
  made.type = "button";
  made.className = "md-button";
  made.dataset[data] = "";
  made.textContent = text;
  return made;
};

const paragraph = (text, className) => Object.assign(document.createElement("p"), { textContent: text, className });

let panels = 0;

export function openChoice(after, { say, focusAfter }) {
  panels += 1;
  const id = `semh-open-choice-${panels}`;
  const panel = Object.assign(document.createElement("div"), { className: "semh-open-choice", hidden: true });
  panel.dataset.openChoice = "";
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-labelledby", id);
  const undoLine = Object.assign(document.createElement("p"), { className: "semh-open-undo", hidden: true });
  const undoButton = button("Undo opening the file", "openUndo");
  undoLine.append(undoButton);
  after.after(panel, undoLine);

  let undo = null;

  /* The page was changed again: the state Undo would restore is no longer the one before. */
  function forget() {
    undo = null;
    undoLine.hidden = true;
  }

  function close() {
    panel.hidden = true;
    panel.replaceChildren();
  }

  /* Offers Undo for what was just done: `restore()` puts back what was there. */
  function offerUndo(restore, { focus = false } = {}) {
    undo = restore;
    undoLine.hidden = false;
    if (focus) undoButton.focus();
  }

  undoButton.addEventListener("click", () => {
    const restore = undo;
    forget();
    if (!restore) return;
    restore();
    focusAfter.focus();
  });

  /* Asks what to do with a file that differs from the page. `question` is
     {title, summary, choices: [{label, explain, act}]}: each choice's `act()` changes the page
     and returns the function that undoes it. Cancel changes nothing. */
  function ask({ title, summary, choices }) {
    forget();
    const heading = Object.assign(document.createElement("h3"), { id, textContent: title, tabIndex: -1 });
    heading.className = "semh-open-choice__title";
    const list = document.createElement("ul");
    for (const choice of choices) {
      const item = document.createElement("li");
      item.append(Object.assign(document.createElement("strong"), { textContent: `${choice.label}: ` }), choice.explain);
      list.append(item);
    }
    const buttons = document.createElement("p");
    buttons.className = "semh-open-choice__buttons";
    for (const choice of choices) {
      const chosen = button(choice.label, "openChoiceAct");
      chosen.addEventListener("click", () => {
        close();
        const restore = choice.act();
        if (restore) offerUndo(restore, { focus: true });
      });
      buttons.append(chosen, " ");
    }
    const cancel = button("Cancel: leave this page as it is", "openChoiceCancel");
    cancel.addEventListener("click", () => {
      close();
      focusAfter.focus();
      say("The file was not opened. Nothing on this page was changed.");
    });
    buttons.append(cancel);
    panel.replaceChildren(heading, paragraph(summary, "semh-open-choice__summary"), list,
      paragraph("Either way, an Undo button puts back what is on the page now, until you change anything else.", ""),
      buttons);
    panel.hidden = false;
    heading.focus();
    say(`${title} ${summary}`);
  }

  /* Any change on the page but the panel's own buttons ends what Undo can do. */
  const ours = (event) => panel.contains(event.target) || undoLine.contains(event.target);
  document.addEventListener("input", (event) => { if (!ours(event)) forget(); }, true);
  document.addEventListener("click", (event) => {
    const pressed = event.target.closest("button");
    // Saving a copy or printing changes nothing on the page.
    if (pressed && !ours(event) && !pressed.matches("[data-export], [data-print], [data-plan-print]")) forget();
  }, true);

  return { ask, offerUndo, forget, close };
}

/* "1 answer", "3 answers". */
export const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/* "a, b and c". */
export function inWords(parts) {
  const kept = parts.filter(Boolean);
  return kept.length < 2 ? kept.join("") : `${kept.slice(0, -1).join(", ")} and ${kept.at(-1)}`;
}
