/* The display fields of the strategies a support plan holds: title, the council's words,
 * where they are from and their page. generator/plan.py writes them in PIECE_COUNT pieces
 * under plan/strategies/, each strategy in the piece its id hashes to, so a plan fetches
 * the few pieces that hold its strategies and never the whole site's.
 */

const PIECE_COUNT = 256;
// The site's root is the folder above this module's (assets/).
const FOLDER = new URL("../plan/strategies/", import.meta.url);

const fetched = new Map(); // piece number -> promise of its strategies by id

/* The last byte of the 32-bit FNV-1a hash of the id's UTF-8 bytes, as piece_of() in
   generator/plan.py. */
export function pieceOf(id) {
  let number = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(id)) {
    number = Math.imul(number ^ byte, 0x01000193) >>> 0;
  }
  return number % PIECE_COUNT;
}

function piece(number) {
  if (!fetched.has(number)) {
    const url = new URL(`${number.toString(16).padStart(2, "0")}.json`, FOLDER);
    fetched.set(number, fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
      return response.json();
    }).catch((error) => {
      fetched.delete(number); // asked for again next time
      throw error;
    }));
  }
  return fetched.get(number);
}

/* The strategies of these ids that the site has, by id; an id the site no longer has is
   left out. Rejects when a piece cannot be fetched. */
export async function strategiesFor(ids) {
  const wanted = [...new Set(ids.filter((id) => typeof id === "string"))];
  const numbers = [...new Set(wanted.map(pieceOf))];
  const found = new Map();
  const byNumber = new Map(await Promise.all(
    numbers.map(async (number) => [number, await piece(number)])));
  for (const id of wanted) {
    const strategies = byNumber.get(pieceOf(id));
    if (Object.hasOwn(strategies, id)) found.set(id, strategies[id]);
  }
  return found;
}
