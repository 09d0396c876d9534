/* The view in the address: /finder/?q=words&need=ID&age=ID&tier=ID, a key repeated for
 * several values, read into the form and written from it. Back and Forward step through
 * the changes; typing writes one entry for the words, once it pauses. */
import { clip } from "../words.js";
import { GROUPS } from "./rank.js";

// Milliseconds of no typing before the address shows the words: writing it at every letter
// costs a slow laptop more than the search itself.
const ADDRESS_PAUSE = 400;

/* The view an address's query (location.search) asks for, as {q, need, age, tier}. */
export function stateOf(search) {
  const params = new URLSearchParams(search);
  // Only what a search reads: a link with a whole page in it would otherwise be laid out
  // in the box, and written back into the address, at every change.
  const state = { q: clip(params.get("q") || "") };
  for (const group of GROUPS) state[group] = params.getAll(group);
  return state;
}

/* The address of a view: its query, or `path` alone for the empty view. */
export function urlOf(state, path) {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q);
  for (const group of GROUPS) for (const id of state[group]) params.append(group, id);
  const query = params.toString();
  return query ? `?${query}` : path;
}

/* The form of the view (view.js's) and the address, kept in step. */
export function makeAddress({ input, filters }) {
  let timer = 0;
  let later = null; // the address typing has yet to write, if any

  function fromForm() {
    const state = { q: input.value, need: [], age: [], tier: [] };
    for (const group of GROUPS) {
      for (const box of filters.querySelectorAll(`input[name="${group}"]:checked`)) {
        state[group].push(box.value);
      }
    }
    return state;
  }

  function cancel() {
    clearTimeout(timer);
    later = null;
  }

  /* The address catches up with the box now, if typing left it behind. */
  function flush() {
    if (later === null) return;
    const url = later;
    cancel();
    history.replaceState(null, "", url);
  }

  return {
    fromForm,
    fromAddress: () => stateOf(location.search),
    show(state) {
      input.value = state.q;
      for (const group of GROUPS) {
        for (const box of filters.querySelectorAll(`input[name="${group}"]`)) {
          box.checked = state[group].includes(box.value);
        }
      }
    },
    /* The form's view written now, as a new entry or in place of this one. */
    save(push) {
      cancel();
      const url = urlOf(fromForm(), location.pathname);
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    },
    /* The address of what was typed, written once typing pauses. It is worked out now, so
     * a filter ticked before then does not find its way into the entry of the words alone. */
    saveLater() {
      clearTimeout(timer);
      later = urlOf(fromForm(), location.pathname);
      timer = setTimeout(flush, ADDRESS_PAUSE);
    },
    cancel,
    flush,
  };
}
