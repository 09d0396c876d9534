/* What the finder's Node tests share: the real content's finder data, built by the
 * project's Python (tests/finder_fixture.py), and the finder's own modules set up on it as
 * the page sets them up. Not a test file itself.
 *
 * Building the data reads and checks all the content, which takes seconds; what it printed
 * is kept in build/node-tests/ under a hash of everything it reads, so a run after a change
 * to the content or the generator builds it again, and any other run reads the copy. */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { nameOptions, prepare } from "../../site_overrides/assets/finder/data.js";
import { makePieces } from "../../site_overrides/assets/finder/pieces.js";
import { makeSearch } from "../../site_overrides/assets/finder/rank.js";
import { ROOT, fromPython, lunrFrom } from "./support.js";

// What tests/finder_fixture.py reads, directly or through the generator.
const INPUTS = ["content", "strategies", "councils", "generator", "tests/seeds", "mkdocs.yml",
                "pyproject.toml", "tests/finder_fixture.py", "tests/finder_queries.yaml"];
const KEPT = join(ROOT, "build", "node-tests");

function hashOf(paths) {
  const hash = createHash("sha256");
  const add = (path) => {
    const full = join(ROOT, path);
    let entries = null;
    try {
      entries = readdirSync(full, { withFileTypes: true });
    } catch (error) {
      if (error.code !== "ENOTDIR") throw error;
    }
    if (entries === null) {
      hash.update(`${path}\0`).update(readFileSync(full)).update("\0");
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name !== "__pycache__") add(join(path, entry.name));
    }
  };
  paths.forEach(add);
  return hash.digest("hex").slice(0, 16);
}

let fixture = null;

/* What tests/finder_fixture.py prints, parsed. */
export function finderFixture() {
  if (fixture) return fixture;
  const name = `finder-${hashOf(INPUTS)}.json`;
  const kept = join(KEPT, name);
  let text;
  try {
    text = readFileSync(kept, "utf-8");
  } catch {
    text = fromPython("import runpy, sys; sys.argv = ['tests/finder_fixture.py']; "
                      + "runpy.run_path('tests/finder_fixture.py', run_name='__main__')");
    mkdirSync(KEPT, { recursive: true });
    // Copies of earlier content go; another test file may be writing this one meanwhile.
    for (const old of readdirSync(KEPT)) {
      if (old.startsWith("finder-") && !old.startsWith(name)) {
        rmSync(join(KEPT, old), { force: true });
      }
    }
    // Written whole, then named: test files running side by side never read half of it.
    const writing = `${kept}.${process.pid}`;
    writeFileSync(writing, text);
    renameSync(writing, kept);
  }
  fixture = JSON.parse(text);
  return fixture;
}

let lunr = null;

/* lunr.js as the site sends it. */
export function siteLunr() {
  lunr ||= lunrFrom(finderFixture().lunr);
  return lunr;
}

/* The finder's data and searches on the real content, as the page makes them: from one
 * file, or with `inPieces` from the pieces of a large site, each piece read when the
 * finder asks for it (its names are pushed to `loaded`). */
export async function makeFinder({ inPieces = false } = {}) {
  const { oneFile, inPieces: pieces, labels } = finderFixture();
  const files = inPieces ? pieces : oneFile;
  // Each finder its own copy: nothing one test does reaches another's.
  const raw = structuredClone(files["finder-data.json"]);
  const loaded = [];
  const load = async (name) => {
    loaded.push(name);
    const piece = files[`${raw.pieces.folder}/${name}.json`];
    if (!piece) throw new Error(`no piece ${name}`);
    return structuredClone(piece);
  };
  const data = await prepare(siteLunr(), raw, {
    piecesOf: (_, terms, strategies) => makePieces(siteLunr(), raw, terms, strategies, load),
  });
  nameOptions(data, (group, id) => labels[group][id]);
  return { data, search: makeSearch(siteLunr(), data), loaded };
}

/* The results for `text` and the filters `selection`, as the page's own search gives them
 * (window.semhFinder.search): in pieces, the pieces the words and every result need are
 * read first. */
export const ranked = ({ search }, text, selection = {}) => search.ranked(text, selection);
