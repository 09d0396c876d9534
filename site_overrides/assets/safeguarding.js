/* The finder's safeguarding notice: shown above the results while the query holds a word or
   phrase from content/safeguarding.yaml, hidden again when it no longer does. It only shows
   or hides the notice; the results are finder.js's and stay as they are. */
(() => {
  const notice = document.querySelector('[data-finder-notice="safeguarding"]');
  const input = document.getElementById("semh-finder-q");
  const results = document.querySelector("[data-finder-results]");
  if (!notice || !input || !results) return;

  /* Whole words, whatever the case, accents and punctuation: "Self-harm!" is "self harm". */
  const words = (text) => text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/).filter(Boolean).join(" ");
  const phrases = JSON.parse(notice.dataset.finderPhrases).map((phrase) => ` ${words(phrase)} `);

  const update = () => {
    const query = ` ${words(input.value)} `;
    notice.hidden = !phrases.some((phrase) => query.includes(phrase));
  };
  input.addEventListener("input", update);
  /* finder.js also fills the box from a shared link and on Back and Forward; it redraws the
     results each time. */
  new MutationObserver(update).observe(results, { childList: true });
  update();
})();
