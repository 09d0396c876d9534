/* The printed page says where it came from and when: the address the reader has open (with
   its finder query, wherever the site is hosted) and today's date. Filled in at once and again
   just before printing, as a page may stay open for days. Without JavaScript the printout
   shows the page's address as built (its path when site_url is not set) and the day the site
   was built. */
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

function fill() {
  for (const element of document.querySelectorAll("[data-print-url]")) {
    element.textContent = location.href;
  }
  // As toLocaleDateString("en-GB") writes it, without the ten milliseconds or more its
  // first call spends loading locale data while every page is still being parsed.
  const now = new Date();
  const today = `${now.getDate()} ${MONTHS[now.getMonth()]} ${now.getFullYear()}`;
  for (const element of document.querySelectorAll("[data-print-date]")) {
    element.textContent = `Printed on ${today}`;
  }
}

/* A folded section cannot be unfolded on paper: print it open, and fold it again after. */
function unfold() {
  for (const details of document.querySelectorAll("details:not([open])")) {
    details.open = true;
    details.dataset.printOpened = "";
  }
}

function refold() {
  for (const details of document.querySelectorAll("details[data-print-opened]")) {
    details.open = false;
    delete details.dataset.printOpened;
  }
}

/* Started for every page by start.js. */
export function start() {
  fill();
  window.addEventListener("beforeprint", () => {
    fill();
    unfold();
  });
  window.addEventListener("afterprint", refold);
}
