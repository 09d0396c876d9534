/* The printed page says where it came from and when: the address the reader has open (with
   its finder query, wherever the site is hosted) and today's date. Filled in at once and again
   just before printing, as a page may stay open for days. Without JavaScript the printout
   shows the page's path and the day the site was built. */
(function () {
  "use strict";

  function fill() {
    document.querySelectorAll("[data-print-url]").forEach(function (element) {
      element.textContent = location.href;
    });
    var today = new Date().toLocaleDateString("en-GB",
      { day: "numeric", month: "long", year: "numeric" });
    document.querySelectorAll("[data-print-date]").forEach(function (element) {
      element.textContent = "Printed on " + today;
    });
  }

  fill();
  window.addEventListener("beforeprint", fill);
})();
