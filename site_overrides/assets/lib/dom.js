/* The first element matching a selector, and every one as an array, in `root` or the page. */
export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
