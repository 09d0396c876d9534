/*
 * The offline copy: a service worker that keeps the site's pages, the finder's data and the
 * tools' scripts on the device, so that they open without a connection.
 *
 * The build (generator/offline.py) writes the version of the content into VERSION and lists
 * every file of the copy with its revision in offline.json. Everything is served from one
 * complete copy of one version: a page and the data it fetches are always of the same
 * build. A newer version is saved beside the old one while the reader reads; it waits until
 * the reader asks for it (the page offers it: assets/offline.js), or until every tab of the
 * site is closed.
 *
 * Only GET requests to the site's own scope are answered; anything else, and every request
 * to another origin, goes to the network as if there were no worker. Nothing from another
 * origin is ever kept.
 *
 * It runs as a classic script, not a module: module service workers are not yet in every
 * browser a council's readers use.
 */
"use strict";

/* Written by the build; "none" while `mkdocs serve` runs, when this worker removes itself. */
const VERSION = "none";

const SCOPE = self.registration.scope;
// Cache names are shared by every site of an origin: each names its scope, so a council
// under one sub-path never touches the copy of another.
const PREFIX = `semh-offline ${SCOPE} `;
const CACHE = PREFIX + VERSION;
// Kept beside each saved file, so an update copies an unchanged file instead of fetching it.
const REVISION = "x-semh-revision";
// Requests at a time while saving: enough to finish soon, few enough to leave the
// connection to the page the reader is on.
const PARALLEL = 4;
// How the response's body was sent says nothing about the saved copy, which is decoded.
const NOT_KEPT = ["content-encoding", "content-length", "transfer-encoding"];

self.addEventListener("install", (event) => {
  if (VERSION === "none") {
    self.skipWaiting();
    return;
  }
  event.waitUntil(saveCopy());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    if (VERSION === "none") {
      await caches.delete(CACHE);
      await self.registration.unregister();
      return;
    }
    // A first copy serves the page that asked for it at once, for what it fetches later.
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "load-newer-version") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  if (VERSION === "none" || event.request.method !== "GET") return;
  const path = copyPath(event.request);
  if (path === null) return;
  event.respondWith(fromCopy(event.request, path));
});

/* The file of the copy a request asks for, as offline.json names it, or null when the
   request is not the copy's business. A page's address may carry a query (the finder's
   words) and names its folder; any other file is asked for by its exact address. */
function copyPath(request) {
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return null;
  let path = url.pathname.slice(new URL(SCOPE).pathname.length);
  if (request.mode === "navigate") return path.replace(/(^|\/)index\.html$/, "$1");
  return url.search ? null : path;
}

async function fromCopy(request, path) {
  const saved = await (await caches.open(CACHE)).match(new URL(path, SCOPE).href);
  return saved || fetch(request);
}

async function saveCopy() {
  const answer = await fetch(new URL("offline.json", SCOPE).href, {cache: "no-cache"});
  if (!answer.ok) throw new Error(`offline.json: ${answer.status}`);
  const listed = await answer.json();
  // A host part-way through uploading a new build: try again at the next visit.
  if (listed.version !== VERSION) throw new Error("offline.json is from another build");
  const cache = await caches.open(CACHE);
  const older = [];
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) older.push(await caches.open(name));
  }
  const waiting = Object.entries(listed.files);
  const saveNext = async () => {
    while (waiting.length) {
      const [path, revision] = waiting.shift();
      await saveFile(cache, older, new URL(path, SCOPE).href, revision);
    }
  };
  await Promise.all(Array.from({length: PARALLEL}, saveNext));
}

async function saveFile(cache, older, address, revision) {
  // Saved already by an earlier attempt that stopped part-way.
  const saved = await cache.match(address);
  if (saved && saved.headers.get(REVISION) === revision) return;
  for (const copy of older) {
    const kept = await copy.match(address);
    if (kept && kept.headers.get(REVISION) === revision) {
      await cache.put(address, kept);
      return;
    }
  }
  // no-cache: the browser's cache may hold an older file of the same name, and may confirm
  // it with the server without fetching it again.
  const response = await fetch(address, {cache: "no-cache", credentials: "same-origin"});
  if (!response.ok || new URL(response.url).origin !== self.location.origin) {
    throw new Error(`${address}: ${response.status}`);
  }
  // The host's headers stay with the file: a page served from the copy keeps its
  // Content-Security-Policy and the rest.
  const headers = new Headers(response.headers);
  for (const name of NOT_KEPT) headers.delete(name);
  headers.set(REVISION, revision);
  await cache.put(address, new Response(await response.blob(), {status: 200, headers}));
}
