/* Starts the components of this page (see lib/components.js): each element marked
 * data-module="<name>" is handed to start() of assets/<name>.js, and the site-wide ones are
 * started with <body>. A component's module is fetched only on a page that has it.
 *
 * If a component cannot load, its element gets data-module-failed and what the page keeps
 * for that case (<noscript data-module-fallback="<name>">: the self-audit's blank form) is
 * put on the page, so the page reads and prints as it does without JavaScript. main.html
 * does the same for every component when this file itself cannot load. */
const SITE_WIDE = ["plan-button", "offline", "print"];
// A module's name is a file of ours in assets/, never a path or an address.
const NAME = /^[a-z][a-z-]*$/;

const base = new URL("./", import.meta.url);

function fallBack(name, element) {
  element.dataset.moduleFailed = "";
  for (const kept of document.querySelectorAll(`noscript[data-module-fallback="${name}"]`)) {
    kept.outerHTML = kept.textContent;
  }
}

async function startOne(name, element) {
  if (!NAME.test(name)) throw new Error(`start.js: no component called "${name}"`);
  const component = await import(new URL(`${name}.js`, base).href);
  await component.start(element);
}

function startAll() {
  for (const name of SITE_WIDE) {
    startOne(name, document.body).catch((problem) => console.error(problem));
  }
  for (const element of document.querySelectorAll("[data-module]")) {
    const name = element.dataset.module;
    startOne(name, element).catch((problem) => {
      console.error(problem);
      if (NAME.test(name)) fallBack(name, element);
    });
  }
}

startAll();
