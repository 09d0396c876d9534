/* Two or more tabs of one tool, sharing what the tool keeps in this browser (storage.js). */
import { same } from "../json-schema.js";
import { merge } from "../merge.js";

const unusable = (found) => (found.state === "newer" || found.state === "damaged" ? found : null);

/* One tab's work on what a tool keeps, when the tool may be open in other tabs too. The tab
 * remembers what was kept when it last read it (`base`). Saving reads what is kept now and
 * puts onto it only what this tab changed since (merge.js), so a tab never writes over what
 * another saved; when another tab saves, `refresh` gives what this tab should show: that,
 * with this tab's own changes not yet saved on top. Where both changed one thing, merge.js
 * keeps both or this tab's and reports it in `conflicts`, for the page to say.
 *
 * Tabs are separate processes, and localStorage has no read-and-write in one step: two tabs
 * can read the same value and each write what it made from it, the second writing over the
 * first's. So each value names itself (`rev`) and the value it was made from (`after`), and
 * a tab remembers the values it has seen. A value made from one older than this tab's base
 * was made without what this tab kept since; it is merged against the value it was made
 * from, so that what only this tab wrote is kept, and written again.
 *
 * What is kept is never written over while it cannot be used (`problem`: newer or damaged).
 * While what is on the page is kept nowhere, because the browser refused it or because what
 * is kept cannot be used, leaving the page asks first (`atRisk`), until it is kept again or
 * saved as a file. */
export class Shared {
  constructor(store, { blank, kindOf, isEmpty = () => false }) {
    Object.assign(this, { store, blank, kindOf, isEmpty });
    this.seen = new Map(); // rev -> the data of a value this tab has read or written
    const found = store.read();
    this.sync(found);
    this.problem = unusable(found);
    this.refused = false;
    this.risk = false;
    this.ask = (event) => {
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when this is set
    };
  }

  /* Whether leaving the page would lose what is on it. The browser is asked to check only
     while it would: a page with a beforeunload listener is kept out of some browsers' back
     and forward cache. */
  get atRisk() {
    return this.risk;
  }

  set atRisk(risk) {
    if (risk === this.risk) return;
    this.risk = risk;
    if (risk) window.addEventListener("beforeunload", this.ask);
    else window.removeEventListener("beforeunload", this.ask);
  }

  /* What is kept now, as data ("none" and unusable values as the blank one). */
  dataOf(found) {
    return found.state === "ok" ? found.data : this.blank();
  }

  remember(rev, data) {
    if (!rev) return;
    this.seen.set(rev, data);
    if (this.seen.size > 50) this.seen.delete(this.seen.keys().next().value);
  }

  /* This tab now starts from `found`. */
  sync(found) {
    this.base = this.dataOf(found);
    this.baseRev = found.rev || null;
    this.remember(this.baseRev, this.base);
  }

  /* What this tab's changes and `found`'s are merged against: this tab's base, or, when
     `found` was made from another value (one this tab has seen, or nothing kept), that. */
  ancestorOf(found) {
    if (found.state !== "ok" || found.rev === this.baseRev || found.after === this.baseRev) return this.base;
    if (found.after === null) return this.blank();
    return this.seen.has(found.after) ? this.seen.get(found.after) : this.base;
  }

  /* What is kept, as this tab's own copy to change. */
  start() {
    return structuredClone(this.base);
  }

  /* Keeps this tab's `mine`: {state: "saved" | "refused" | "unusable", data, conflicts}, with
     data what the page should show now. */
  save(mine) {
    const now = this.store.read();
    this.problem = unusable(now);
    if (this.problem) {
      this.atRisk = true;
      return { state: "unusable", data: mine, conflicts: [] };
    }
    const theirs = this.dataOf(now);
    this.remember(now.rev, theirs);
    const { value, conflicts } = merge(this.ancestorOf(now), mine, theirs, { kindOf: this.kindOf });
    if (this.isEmpty(value)) {
      if (this.store.clear()) return this.kept({ state: "none" }, value, conflicts);
    } else {
      const rev = this.store.write(value, now.rev || null);
      if (rev) return this.kept({ state: "ok", data: value, rev }, value, conflicts);
    }
    // What is kept is still theirs; this tab's changes stay on the page, to try again.
    this.sync(now);
    this.refused = true;
    this.atRisk = true;
    return { state: "refused", data: structuredClone(value), conflicts };
  }

  kept(found, value, conflicts) {
    this.sync(found);
    this.base = value;
    this.refused = false;
    this.atRisk = false;
    // The page changes its copy in place; what was kept must not change with it.
    return { state: "saved", data: structuredClone(value), conflicts };
  }

  /* After another tab changed what is kept: {state: "merged" | "unusable", data, conflicts,
     unsaved}, unsaved saying that data holds changes of this tab's still to be kept. */
  refresh(mine) {
    const now = this.store.read();
    this.problem = unusable(now);
    if (this.problem) return { state: "unusable", data: mine, conflicts: [], unsaved: true };
    const theirs = this.dataOf(now);
    const { value, conflicts } = merge(this.ancestorOf(now), mine, theirs, { kindOf: this.kindOf });
    this.sync(now);
    return { state: "merged", data: structuredClone(value), conflicts, unsaved: !same(value, theirs) };
  }

  /* The person saved what is on the page as a file: leaving no longer loses it. */
  savedAsFile() {
    this.atRisk = false;
  }

  /* The person chose to let what is kept go: it is removed, and the page starts afresh. */
  startAgain() {
    this.store.clear();
    this.problem = null;
    this.sync({ state: "none" });
  }
}
