/* What a tool's page says about keeping answers: where they are kept, and why what is kept
   cannot be used. */
import { saveFile } from "../lib/download.js";
import { today } from "../lib/today.js";

/* Asks the browser not to clear this site's storage when space runs low. The answer does not
   change what the tool does; the notice beside it says to save a copy either way. */
export async function askToKeep() {
  if (!navigator.storage || !navigator.storage.persist) return false;
  try {
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}

/* Safari deletes what a site stored after seven days without a visit. */
export function mayForgetAfterAWeek() {
  const agent = navigator.userAgent;
  return /Safari\//.test(agent) && !/Chrome\/|Chromium\/|Edg\//.test(agent);
}

/* Shows the notice that answers stay on this device, with the Safari line where it applies. */
export function showStorageNotice(root) {
  for (const line of root.querySelectorAll("[data-storage-safari]")) {
    line.hidden = !mayForgetAfterAWeek();
  }
}

/* Says on the page (its [data-kept-problem] block) why what this browser keeps for a tool is
   not used, with the damaged value's text to save as a file and a way to start again.
   `what` names what is kept ("support plans"); returns a function that shows the block as
   `shared.problem` now is. */
export function keptProblem(root, shared, { what, file, startedAgain }) {
  const box = root.querySelector("[data-kept-problem]");
  const words = box.querySelector("[data-kept-problem-text]");
  const actions = box.querySelector("[data-kept-problem-actions]");
  let savedText = null; // the damaged text last saved as a file
  box.querySelector("[data-kept-save-raw]").addEventListener("click", () => {
    if (!shared.problem) return;
    saveFile(`${file}-as-kept-${today()}.json`, shared.problem.text);
    savedText = shared.problem.text;
    show();
  });
  box.querySelector("[data-kept-start-again]").addEventListener("click", () => {
    shared.startAgain();
    box.hidden = true;
    startedAgain();
  });
  function show() {
    const problem = shared.problem;
    box.hidden = !problem;
    if (!problem) return;
    actions.hidden = problem.state !== "damaged";
    const saved = problem.state === "damaged" && problem.text === savedText
      ? " They are saved as a file, in the browser’s downloads." : "";
    const [headline, rest] = problem.state === "newer"
      ? [`This browser keeps ${what} saved by a newer version of this site`,
        ` (format ${problem.version}); this page reads format ${shared.store.version} and older. They are left as they are, for the newer site to open. What you type here is not kept in this browser: save a copy to keep it.`]
      : [`The ${what} kept in this browser cannot be read`,
        `, so this page leaves them as they are and does not use them. What is wrong: ${problem.problems.join("; ")}. Save them as a file to keep them, then start again. Until then, what you type here is not kept in this browser: save a copy to keep it.${saved}`];
    words.replaceChildren(Object.assign(document.createElement("strong"), { textContent: headline }), rest);
  }
  return show;
}
