// `python -m generator.pa11y` runs this: pa11y (the version in package-lock.json) over each
// page, with both of its runners, HTML_CodeSniffer and axe, at WCAG 2 AA, in one Chromium.
// Usage: node generator/pa11y_pages.mjs SITE_URL PAGE_PATH...
// Prints one JSON line per page: {"path", "issues": [{runner, type, code, message, selector}]}.
// The browser is Debian's (PUPPETEER_EXECUTABLE_PATH); nothing is downloaded.
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const [site, ...paths] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH,
  args: JSON.parse(process.env.SEMH_CHROMIUM_ARGS || "[]"),
});
try {
  for (const path of paths) {
    const result = await pa11y(site + path, {
      browser,
      runners: ["htmlcs", "axe"],
      standard: "WCAG2AA",
      // Counted too: each asks a person to check something by eye.
      includeWarnings: true,
      includeNotices: true,
      timeout: 120000,
    });
    const issues = result.issues.map(({ runner, type, code, message, selector }) =>
      ({ runner, type, code, message, selector }));
    console.log(JSON.stringify({ path, issues }));
  }
} finally {
  await browser.close();
}
