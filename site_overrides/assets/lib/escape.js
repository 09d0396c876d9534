/* Text made safe to write into HTML: as an element's text, or as an attribute's value in
 * double or single quotes. Anything not a string is written as String() gives it. */
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
