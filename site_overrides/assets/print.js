/* The printed page says where it came from and when: the address the reader has open (with
   its finder query, wherever the site is hosted) and today's date. Filled in at once and again
   just before printing, as a page may stay open for days. Without JavaScript the printout
   shows the page's address as built (its path when site_url is not set) and the day the site
   was built. */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function fill() {
    document.querySelectorAll("[data-print-url]").forEach(function (element) {
      element.textContent = location.href;
    });
    // As toLocaleDateString("en-GB") writes it, without the ten milliseconds or more its
    // first call spends loading locale data while every page is still being parsed.
    var now = new Date();
    var today = now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
    document.querySelectorAll("[data-print-date]").forEach(function (element) {
      element.textContent = "Printed on " + today;
    });
  }

  /* A folded section cannot be unfolded on paper: print it open, and fold it again after. */
  function unfold() {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      details.setAttribute("data-print-opened", "");
    });
  }

  function refold() {
    document.querySelectorAll("details[data-print-opened]").forEach(function (details) {
      details.open = false;
      details.removeAttribute("data-print-opened");
    });
  }

  fill();
  window.addEventListener("beforeprint", function () { fill(); unfold(); });
  window.addEventListener("afterprint", refold);
})();
