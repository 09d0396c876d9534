/* How our components start and talk, in one place.
 *
 * A component is an ES module under assets/ that exports `start(element)`. The page marks
 * the element it works on with data-module="<name>" (assets/<name>.js); start.js, which
 * main.html loads on every page, starts each one once. The few that serve the whole page
 * wherever they are (Add to plan buttons, the offline copy, the printed page's header) are
 * started for every page, with the page's <body>.
 *
 * They talk with one kind of event, CHANGED: a component that puts new content on the page,
 * or redraws some, says so from the element it changed. Others that enhance what a page
 * holds (abbreviations, Add to plan buttons, the safeguarding notice beside the finder's
 * results) listen for it on the document or on the part they care about.
 */

export const CHANGED = "semh:changed";

/* Says that `element`'s content was put in or redrawn by the component `by`. */
export function changed(element, by) {
  element.dispatchEvent(new CustomEvent(CHANGED, { bubbles: true, detail: { by } }));
}
