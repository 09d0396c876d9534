/* The offline copy, from the page's side: asks for it, says when it is there, and offers a
 * newer version when one is ready (the worker is sw.js, at the site's root).
 *
 * A first visit downloads only the page. The copy is asked for once the page has loaded
 * and then rested for a while, and never where the browser asks to save data or the
 * connection is a very slow one: the download is the whole site (generator/offline.py
 * says how big), which a reader who looks up one page and leaves should not pay for.
 *
 * A reader who has the copy sees the pages of the version saved, and the page says so:
 * "Content last reviewed" is on every page; the line under it says the page is the saved
 * copy, and when the site has changed, a notice at the foot of the window says a newer
 * version is ready, with a button to load it.
 */

const ROOT = new URL("../", import.meta.url);
const WORKER = new URL("sw.js", ROOT);
// After the page has loaded, this long with nothing asked of it before the copy is fetched.
const REST_MS = 5000;

const container = navigator.serviceWorker;
// The page was served by a saved copy: any later change of worker is a newer version.
const fromCopy = Boolean(container && container.controller);
let asked = false;

function wantsLightLoad() {
  const connection = navigator.connection;
  return Boolean(connection && (connection.saveData || /2g/.test(connection.effectiveType || "")));
}

// A live region, put on the page empty so that the words put in later are read out. It ends
// the page's article and stays in sight at the bottom of the window while the reader is
// anywhere above its place (semh.css), as a newer version is often ready mid-page.
let notice = null;
function noticeArea() {
  if (!notice) {
    notice = document.createElement("div");
    notice.className = "semh-offline-notice";
    notice.setAttribute("role", "status");
    notice.dataset.offlineNotice = "";
    (document.querySelector("article.md-content__inner") || document.body).append(notice);
  }
  return notice;
}

function offerNewerVersion(registration) {
  const area = noticeArea();
  if (area.querySelector("button")) return;
  const text = document.createElement("p");
  text.textContent = "A newer version of this site is ready. This page is from the copy "
    + "saved on this device.";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = "Load the newer version";
  button.addEventListener("click", () => {
    asked = true;
    button.disabled = true;
    const waiting = registration && registration.waiting;
    // Another tab may have loaded it already: then this page only needs reloading.
    if (waiting) waiting.postMessage("load-newer-version");
    else location.reload();
  });
  text.append(" ", button);
  area.replaceChildren(text);
  area.dataset.offlineNotice = "newer-version";
}

// Under "Content last reviewed", which every page ends with.
let status = null;
function showSaved() {
  if (!status) {
    status = document.createElement("p");
    status.className = "semh-offline-status";
    status.dataset.offlineStatus = "";
    const reviewed = document.querySelector(".semh-reviewed");
    if (reviewed) reviewed.after(status);
    else (document.querySelector("article.md-content__inner") || document.body).append(status);
  }
  const words = navigator.onLine
    ? "This site is saved on this device, to read without a connection. "
    : "You are offline: this page is the copy saved on this device. ";
  const more = document.createElement("a");
  more.href = new URL("about/#using-the-site-offline", ROOT).href;
  more.textContent = "What is saved, and how to remove it";
  status.replaceChildren(words, more);
  status.dataset.offlineStatus = navigator.onLine ? "saved" : "offline";
}

function watch(registration) {
  const offerWhenInstalled = (worker) => {
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && container.controller) offerNewerVersion(registration);
    });
  };
  if (registration.waiting && container.controller) offerNewerVersion(registration);
  if (registration.installing) offerWhenInstalled(registration.installing);
  registration.addEventListener("updatefound", () => offerWhenInstalled(registration.installing));
}

/* Started for every page by start.js. */
export function start() {
  if (!container) return;
  container.addEventListener("controllerchange", () => {
    if (asked) location.reload();
    // Another tab loaded a newer version: this page is of the older one.
    else if (fromCopy) container.getRegistration(ROOT.href).then(offerNewerVersion);
    else showSaved();
  });
  addEventListener("online", () => status && showSaved());
  addEventListener("offline", () => status && showSaved());
  if (fromCopy) {
    noticeArea();
    showSaved();
  }
  container.getRegistration(ROOT.href).then((registration) => {
    if (registration && registration.active) {
      watch(registration);
      // Asks the host whether sw.js has changed; only the changed files are fetched.
      if (!wantsLightLoad()) registration.update().catch(() => {});
      return;
    }
    afterRest(() => {
      if (wantsLightLoad()) return;
      container.register(WORKER.href, {scope: ROOT.href}).then((registered) => {
        // A browser that refuses service workers may answer with nothing.
        if (registered) watch(registered);
      }).catch(() => {});
    });
  });
}

function afterRest(then) {
  const rest = () => setTimeout(() => {
    if ("requestIdleCallback" in window) requestIdleCallback(then, {timeout: REST_MS});
    else then();
  }, REST_MS);
  if (document.readyState === "complete") rest();
  else addEventListener("load", rest, {once: true});
}

