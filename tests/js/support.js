/* What the Node tests share: lunr.js as the site serves it, and the project's own Python,
 * which reads the content, so that these tests run on a clean clone once `make test` has
 * set up .venv/. Not a test file itself. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/* The project's Python: the one running the tests when they are started from pytest. */
function python() {
  if (process.env.SEMH_PYTHON) return process.env.SEMH_PYTHON;
  const venv = new URL("../../.venv/bin/python", import.meta.url);
  return existsSync(venv) ? fileURLToPath(venv) : "python3";
}

/* What a line of Python prints, run from the project's root. */
export function fromPython(code) {
  try {
    return execFileSync(python(), ["-c", code], { cwd: ROOT, encoding: "utf-8",
                                                 maxBuffer: 64 * 1024 * 1024,
                                                 stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    // What Python said, without Node's copy of it twice over.
    throw new Error(`${python()} could not read the content:\n${error.stderr}`);
  }
}

/* lunr.js from its source, run as the page runs it (as a script: its own code picks
 * CommonJS here). */
export function lunrFrom(source) {
  const module = { exports: {} };
  new Function("module", "exports", source)(module, module.exports);
  return module.exports;
}

let lunr = null;

/* lunr.js, the file generator/index.py writes next to the finder. */
export function loadLunr() {
  lunr ||= lunrFrom(fromPython("import sys; from generator.index import lunr_js; "
                               + "sys.stdout.write(lunr_js())"));
  return lunr;
}

let cases = null;

/* The safeguarding list, its examples with their lines, and the labelled searches
 * (tests/safeguarding_cases.py). */
export function safeguardingCases() {
  cases ||= JSON.parse(fromPython("import runpy, sys; sys.argv = ['tests/safeguarding_cases.py']; "
                                  + "runpy.run_path('tests/safeguarding_cases.py', run_name='__main__')"));
  return cases;
}
