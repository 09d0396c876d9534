/* How answers kept or saved by an older version of the audit are brought up to this one's
   format (tools/saved-copy.js and storage.js run them). */
export const LABELS = { red: "Red", amber: "Amber", green: "Green" };
export const NOT_RATED = "not-rated";
export const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/* Format 1 had "These are evaluated to demonstrate impact ..." as a statement of its own in
   two sections; in the Essex document it finishes the statement whose examples it follows. */
const FOLDED = [["pupil-voice-and-engagement-5", "pupil-voice-and-engagement-4"],
  ["parent-carers-voice-5", "parent-carers-voice-4"]];
const FOLDED_WORDS = "“These are evaluated to demonstrate impact …”";

/* What was typed for a former statement, kept on the statement it is now part of: its notes
   after that statement's own, and its rating where that statement had none (or, where the
   two differ, said in the evidence). Anything that is not an answer is left for the schema
   check to refuse. */
function fold(into, from) {
  if (!isRecord(from)) return into;
  if (into !== undefined && !isRecord(into)) return into;
  const merged = { rating: null, evidence: "", next_steps: "", ...into };
  const about = (text) => `About ${FOLDED_WORDS}: ${text}`;
  for (const key of ["evidence", "next_steps"]) {
    if (typeof from[key] === "string" && from[key].trim() && typeof merged[key] === "string") {
      merged[key] = [merged[key], about(from[key])].filter(Boolean).join("\n\n");
    }
  }
  if (from.rating != null) {
    if (merged.rating == null) merged.rating = from.rating;
    else if (merged.rating !== from.rating && typeof merged.evidence === "string") {
      const word = Object.hasOwn(LABELS, from.rating) ? LABELS[from.rating] : String(from.rating);
      merged.evidence = [merged.evidence, `${FOLDED_WORDS} was rated ${word} on its own, before it became part of this statement.`].filter(Boolean).join("\n\n");
    }
  }
  return merged;
}

/* migrations[v] turns format v's answers into format v + 1's; raise FORMAT in
   generator/audit_file.py with each. */
export const MIGRATIONS = {
  1: (old) => {
    if (!isRecord(old)) return old;
    const answers = isRecord(old.answers) ? { ...old.answers } : old.answers;
    if (isRecord(answers)) {
      for (const [former, statement] of FOLDED) {
        if (!Object.hasOwn(answers, former)) continue;
        answers[statement] = fold(answers[statement], answers[former]);
        delete answers[former];
      }
    }
    return { ...old, answers, sections: {} };
  },
};
