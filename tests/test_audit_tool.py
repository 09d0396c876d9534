"""The self-audit at /audit/ used in Chromium as a person would: rate, type, reload, come
back in a new browser, save a copy and open it again, refuse a wrong file, compare with last
time, clear, print, and all of it with the keyboard; nothing leaves the browser."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from playwright.sync_api import expect

from conftest import ROOT
from test_accessibility import AXE, PALETTES, axe_violations

FIXTURES = ROOT / "tests" / "fixtures" / "audit"
# The controls are shown and every section is on the page.
READY = "[data-audit-tool][data-audit-shown] [data-audit-controls]:not([hidden])"
STATUS = "[data-audit-status]"


def criterion(id_: str) -> str:
    return f'[data-audit-criterion="{id_}"]'


def rate(page, id_: str, rating: str) -> None:
    page.check(f'{criterion(id_)} input[type=radio][value="{rating}"]')


def write(page, id_: str, name: str, text: str) -> None:
    page.fill(f'{criterion(id_)} textarea[name="{name}"]', text)


def answers_on_page(page) -> dict:
    """What the form shows: every criterion with a rating or text, as a person reads it."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("[data-audit-criterion]")]
      .map((el) => [el.dataset.auditCriterion, {
        rating: el.querySelector("input[type=radio]:checked").value,
        evidence: el.querySelector("textarea[name=evidence]").value,
        next_steps: el.querySelector("textarea[name='next-steps']").value,
      }])
      .filter(([, a]) => a.rating !== "not-rated" || a.evidence || a.next_steps))""")


def kept(page) -> dict | None:
    return page.evaluate("JSON.parse(localStorage.getItem('semh:audit'))")


def wait_until_kept(page, text: str) -> None:
    page.wait_for_function("text => (localStorage.getItem('semh:audit') || '').includes(text)", arg=text)


ANSWERS = {
    "leadership-and-management-1": {"rating": "red", "evidence": "No SEMH lead yet.",
                                    "next_steps": "Name a lead by half term."},
    "leadership-and-management-2": {"rating": "amber", "evidence": "", "next_steps": ""},
    "leadership-and-management-3": {"rating": "green", "evidence": "Wellbeing survey in May.",
                                    "next_steps": ""},
    "send-5": {"rating": "not-rated", "evidence": "",
               "next_steps": "=Ask the EP which assessment to use"},
}


def fill_in(page, answers: dict = ANSWERS) -> None:
    for id_, answer in answers.items():
        rate(page, id_, answer["rating"])
        for name, key in (("evidence", "evidence"), ("next-steps", "next_steps")):
            if answer[key]:
                write(page, id_, name, answer[key])
    wait_until_kept(page, "Ask the EP")


@pytest.fixture
def context(browser):
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def foreign(context, site_url):
    """Every request a page of this context makes to another origin."""
    own = urlsplit(site_url).netloc
    found: list[str] = []
    context.on("request", lambda request: found.append(request.url)
               if urlsplit(request.url).scheme in ("http", "https", "ws", "wss")
               and urlsplit(request.url).netloc != own else None)
    return found


@pytest.fixture
def audit(context, site_url, foreign):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "audit/")
    page.wait_for_selector(READY)
    yield page
    assert errors == []
    assert foreign == [], foreign


def download(page, selector: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(selector)
    item = info.value
    return item.suggested_filename, Path(item.path()).read_text(encoding="utf-8")


def open_file(page, selector: str, name: str, text: str) -> None:
    """Opens a file as a person would, and waits for the page to say what it made of it:
    the file is read in the background, so its answers arrive after the choice."""
    page.eval_on_selector(STATUS, "status => { status.textContent = ''; }")
    page.set_input_files(selector, files=[{"name": name, "mimeType": "application/json",
                                           "buffer": text.encode("utf-8")}])
    page.wait_for_function("selector => document.querySelector(selector).textContent.trim()",
                           arg=STATUS)


def test_answers_are_kept_as_typed_through_a_reload_and_a_new_browser(audit, browser, site_url):
    fill_in(audit)
    assert answers_on_page(audit) == ANSWERS
    assert set(kept(audit)["data"]["answers"]) == set(ANSWERS)

    audit.reload()
    audit.wait_for_selector(READY)
    assert answers_on_page(audit) == ANSWERS

    # The browser closed and opened again: a new context with the same stored data.
    state = audit.context.storage_state()
    again = browser.new_context(storage_state=state)
    try:
        page = again.new_page()
        page.goto(site_url + "audit/")
        page.wait_for_selector(READY)
        assert answers_on_page(page) == ANSWERS
    finally:
        again.close()


def test_the_summary_counts_each_section_and_says_when_it_is_complete(audit):
    row = audit.locator('[data-audit-summary-section="leadership-and-management"]')
    assert row.inner_text().startswith(
        "1. Leadership & Management: 0 Red, 0 Amber, 0 Green, 3 not rated")
    rate(audit, "leadership-and-management-1", "red")
    rate(audit, "leadership-and-management-2", "amber")
    assert "1 Red, 1 Amber, 0 Green, 1 not rated" in row.inner_text()
    assert "complete" not in row.inner_text()
    rate(audit, "leadership-and-management-3", "green")
    assert row.inner_text().strip() == (
        "1. Leadership & Management: 1 Red, 1 Amber, 1 Green, 0 not rated (complete)")
    widths = row.locator("rect").evaluate_all("rects => rects.map(r => Math.round(r.getAttribute('width')))")
    assert widths == [33, 33, 33, 0]
    send = audit.locator('[data-audit-summary-section="send"]').inner_text()
    assert "0 Red, 0 Amber, 0 Green, 12 not rated" in send


def test_related_links_show_under_a_red_or_amber_rating_only(audit):
    related = audit.locator(f'{criterion("leadership-and-management-1")} [data-audit-related]')
    assert not related.is_visible()
    rate(audit, "leadership-and-management-1", "amber")
    assert related.is_visible()
    assert "Strategy: Use trauma-informed practice" in related.inner_text()
    rate(audit, "leadership-and-management-1", "green")
    assert not related.is_visible()
    rate(audit, "leadership-and-management-1", "red")
    assert related.is_visible()


def test_a_saved_copy_matches_the_schema_and_opens_again_after_clearing(audit, built_site, site):
    fill_in(audit)
    name, text = download(audit, '[data-export="json"]')
    assert name.startswith("semh-self-audit-") and name.endswith(".json")
    saved = json.loads(text)
    schema = json.loads((built_site / "data" / "schema" / "audit.schema.json").read_text())
    jsonschema.validate(saved, schema)
    ids = [c.id for s in site.audit.sections for c in s.criteria]
    assert list(saved["answers"]) == ids
    assert saved["kind"] == "semh-audit" and saved["version"] == 1
    assert saved["audit"] == json.loads((built_site / "data" / "audit.json").read_text())["id"]
    assert saved["answers"]["leadership-and-management-1"] == ANSWERS["leadership-and-management-1"]
    assert saved["answers"]["send-5"]["rating"] is None

    name, text = download(audit, '[data-export="csv"]')
    assert name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Section", "Number", "Criterion", "RAG", "Comments/Evidence", "Next Steps"]
    assert len(rows) == 1 + len(ids)
    assert rows[1][:2] == ["Leadership & Management", "1.1"]
    assert rows[1][2].startswith("Senior Leadership teams should demonstrate")
    assert rows[1][3:] == ["Red", "No SEMH lead yet.", "Name a lead by half term."]
    send5 = next(row for row in rows if row[1] == "6.5")
    # A spreadsheet must show this as text, not run it as a formula.
    assert send5[3:] == ["Not rated", "", "'=Ask the EP which assessment to use"]
    with_examples = next(row for row in rows if row[1] == "2.3")
    assert with_examples[2].endswith("Examples: Safeguarding; Equalities; Recruitment; "
                                     "In school transitions; Behaviour (and relationships); "
                                     "Midyear school transfer; School transfer; Lunchtime; "
                                     "Staff wellbeing; Curriculum; Staff deployment; "
                                     "Parents & carers; SEND")

    audit.click("[data-audit-clear]")
    audit.click("[data-audit-confirm-no]")
    assert answers_on_page(audit) == ANSWERS
    audit.click("[data-audit-clear]")
    assert audit.locator("[data-audit-confirm-yes]").is_visible()
    audit.click("[data-audit-confirm-yes]")
    assert answers_on_page(audit) == {}
    assert kept(audit) is None
    assert audit.inner_text(STATUS) == "All answers were cleared from this page and this browser."
    assert "0 Red, 0 Amber, 0 Green, 3 not rated" in audit.inner_text(
        '[data-audit-summary-section="leadership-and-management"]')

    open_file(audit, "input[type=file][data-import]", "last-term.json", text_of(saved))
    assert answers_on_page(audit) == ANSWERS
    assert audit.inner_text(STATUS).startswith("Opened last-term.json, saved on ")
    audit.reload()
    audit.wait_for_selector(READY)
    assert answers_on_page(audit) == ANSWERS


def text_of(data: dict) -> str:
    return json.dumps(data)


def saved_copy(answers: dict, **changes) -> str:
    return json.dumps({"kind": "semh-audit", "version": 1, "audit": "essex-semh-best-practice",
                       "date": "2026-03-01", "answers": answers, **changes})


BAD_FILES = {
    "not JSON": ("notes.json", "Rating: amber, mostly",
                 "notes.json is not a copy saved by this site: it is not a JSON file."),
    "another tool": ("plan.json", saved_copy({}, kind="semh-plan"),
                     "plan.json was saved by another tool (semh-plan), not this one."),
    "a newer format": ("future.json", saved_copy({}, version=99),
                       "future.json cannot be opened: it was saved by a newer version of this "
                       "site (format 99); this site reads format 1 and older."),
    "an unknown criterion": ("old.json", saved_copy({"send-99": {"rating": "red"},
                                                     "send-1": {"rating": "green"}}),
                             "old.json has answers for criteria this audit does not have: send-99."),
    "another audit": ("other.json", saved_copy({}, audit="kent-audit"),
                      "other.json is a copy of another audit (kent-audit), not this one."),
    "a rating it does not use": ("odd.json", saved_copy({"send-1": {"rating": "purple"}}),
                                 'odd.json rates 6.1 "purple"; a rating is red, amber, green or none.'),
}


@pytest.mark.parametrize("name, text, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_wrong_file_is_refused_with_a_message_and_changes_nothing(audit, name, text, message):
    fill_in(audit)
    before = kept(audit)
    open_file(audit, "input[type=file][data-import]", name, text)
    expect_status(audit, f"{message} Nothing on this page was changed.")
    assert answers_on_page(audit) == ANSWERS
    assert kept(audit) == before
    # Nor is a wrong file taken as last time's answers.
    open_file(audit, "input[type=file][data-compare]", name, text)
    expect_status(audit, f"{message} Nothing on this page was changed.")
    assert audit.locator("[data-audit-earlier]:visible").count() == 0


def expect_status(page, text: str) -> None:
    page.wait_for_function("([sel, text]) => document.querySelector(sel).textContent === text",
                           arg=[STATUS, text])
    assert page.get_attribute(STATUS, "role") == "status"


def test_a_hand_made_format_1_file_opens(audit):
    open_file(audit, "input[type=file][data-import]", "saved-format-1.json",
              (FIXTURES / "saved-format-1.json").read_text(encoding="utf-8"))
    expect_status(audit, "Opened saved-format-1.json, saved on 2026-09-14: 2 of 59 statements rated.")
    assert answers_on_page(audit) == {
        "leadership-and-management-1": {
            "rating": "amber",
            "evidence": "SEMH is in the school improvement plan; two staff have had TPP training.",
            "next_steps": "Book TPP training for the rest of the senior team."},
        "send-10": {"rating": "green", "evidence": "", "next_steps": ""},
        "parent-carers-voice-4": {"rating": "not-rated",
                                  "evidence": "Coffee mornings started in the spring term.",
                                  "next_steps": ""},
    }


def test_older_stored_answers_and_saved_copies_are_brought_up_to_date(audit, site_url):
    """The migration path every tool shares: data kept or saved in format 1 is read by a
    format 2 tool through its migration, and a format it has no migration for is refused."""
    result = audit.evaluate("""async (url) => {
      const storage = await import(url);
      const migrations = {1: (data) => ({...data, answers: Object.fromEntries(
        Object.entries(data.answers).map(([id, a]) => [id, {...a, rating: a.rating.toUpperCase()}]))})};
      localStorage.setItem("semh:test-tool", JSON.stringify({version: 1, data: {answers: {a: {rating: "red"}}}}));
      const kept = storage.openStore({tool: "test-tool", version: 2, migrations}).load();
      const noWay = storage.openStore({tool: "test-tool", version: 2}).load();
      localStorage.removeItem("semh:test-tool");
      const file = new File([JSON.stringify({kind: "t", version: 1, answers: {b: {rating: "amber"}}})], "old.json");
      const opened = await storage.openSavedCopy(file, {kind: "t", version: 2, migrations});
      let refused = null;
      try { await storage.openSavedCopy(file, {kind: "t", version: 2}); }
      catch (problem) { refused = problem.message; }
      return {kept, noWay, opened, refused};
    }""", site_url + "assets/storage.js")
    assert result == {
        "kept": {"answers": {"a": {"rating": "RED"}}},
        "noWay": None,
        "opened": {"answers": {"b": {"rating": "AMBER"}}},
        "refused": "old.json cannot be opened: format 1 can no longer be read.",
    }


def test_an_earlier_copy_shows_last_times_rating_beside_this_one(audit):
    fill_in(audit)
    earlier = saved_copy({"leadership-and-management-1": {"rating": "amber"},
                          "leadership-and-management-2": {"rating": "amber"}})
    open_file(audit, "input[type=file][data-compare]", "spring.json", earlier)
    expect_status(audit, "Showing the ratings of spring.json (saved on 2026-03-01) beside each statement.")
    first = audit.locator(criterion("leadership-and-management-1"))
    assert first.locator("input:checked").evaluate("input => input.labels[0].textContent.trim()") == "Red"
    assert first.locator("[data-audit-earlier]").inner_text() == "Last time (saved on 2026-03-01): Amber"
    assert audit.inner_text(f'{criterion("send-1")} [data-audit-earlier]') == \
        "Last time (saved on 2026-03-01): not rated"
    # Comparing changes none of this time's answers.
    assert answers_on_page(audit) == ANSWERS


def pdf_text(page) -> str:
    from pypdf import PdfReader

    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_printed_the_form_has_every_answer_and_no_navigation(audit):
    fill_in(audit)
    text = pdf_text(audit)
    for answer in ANSWERS.values():
        for key in ("evidence", "next_steps"):
            if answer[key]:
                assert answer[key] in text
    assert "Rating: Red" in text and "Rating: Amber" in text and "Rating: Green" in text
    assert "Save a copy" not in text and "Clear all answers" not in text
    assert "Skip to content" not in text
    # The menu's entries, which sit only in the navigation.
    assert "Getting specialist help" not in text and "Accessibility statement" not in text


def test_printed_without_answers_the_form_has_empty_boxes_to_fill_in(audit):
    text = pdf_text(audit)
    assert text.count("Comments/Evidence for") == 59
    assert text.count("Next Steps for") == 59
    assert text.count("Red Amber Green Not rated") == 59
    boxes = audit.locator('[data-audit-print="evidence"]')
    assert boxes.count() == 59
    assert boxes.first.bounding_box()["height"] > 40


def test_without_javascript_the_page_is_the_whole_form(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "audit/")
        assert page.locator("[data-audit-criterion]").count() == 59
        assert page.locator("[data-audit-criterion] textarea:visible").count() == 2 * 59
        assert page.locator("[data-audit-related]:visible").count() > 0
        assert page.locator("[data-audit-controls]").is_hidden()
        assert "print this page and fill it in by hand" in page.inner_text("[data-audit-tool]")
    finally:
        context.close()


@pytest.mark.parametrize("target", ["policies-and-practice-4", "send", "send-5"])
def test_a_link_to_a_statement_or_section_opens_the_page_at_it(context, site_url, target):
    # Need pages link to the statements that speak to them.
    page = context.new_page()
    page.goto(f"{site_url}audit/#{target}")
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
    page.wait_for_selector(READY)
    # The sections before it were put in first, so none pushed it out of view.
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
    # The statements put in first are kept like the others.
    rate(page, "send-5", "amber")
    wait_until_kept(page, "send-5")


def test_the_summary_takes_you_to_each_section(audit):
    links = audit.locator(".semh-audit-summary a")
    assert links.count() == 9
    for link in links.all():
        link.click()
        expect(audit.locator(link.get_attribute("href"))).to_be_in_viewport()


def test_if_its_script_cannot_load_the_page_is_still_the_whole_form(context, site_url):
    page = context.new_page()
    page.route("**/assets/audit.js", lambda route: route.abort())
    page.goto(site_url + "audit/")
    expect(page.locator("[data-audit-criterion] textarea:visible")).to_have_count(2 * 59)
    assert "print this page and fill it in by hand" in page.inner_text("[data-audit-tool]")


def test_the_audit_works_with_the_keyboard_alone(audit):
    audit.focus("#leadership-and-management a.headerlink")
    for _ in range(20):
        audit.keyboard.press("Tab")
        if audit.evaluate("document.activeElement.type === 'radio'"):
            break
    focused = audit.evaluate("[document.activeElement.name, document.activeElement.value]")
    assert focused == ["rating-leadership-and-management-1", "not-rated"]
    audit.keyboard.press("ArrowUp")
    audit.keyboard.press("ArrowUp")
    audit.keyboard.press("Tab")
    audit.keyboard.type("Typed with the keyboard")
    audit.keyboard.press("Tab")
    audit.keyboard.type("Next step typed too")
    wait_until_kept(audit, "Next step typed too")
    assert answers_on_page(audit) == {"leadership-and-management-1": {
        "rating": "amber", "evidence": "Typed with the keyboard",
        "next_steps": "Next step typed too"}}
    # Clearing, confirmed from the keyboard.
    audit.focus("[data-audit-clear]")
    audit.keyboard.press("Enter")
    assert audit.evaluate("document.activeElement.hasAttribute('data-audit-confirm-no')")
    audit.keyboard.press("Shift+Tab")
    audit.keyboard.press("Enter")
    assert answers_on_page(audit) == {}
    assert audit.evaluate("document.activeElement.hasAttribute('data-audit-clear')")


@pytest.mark.parametrize("palette", list(PALETTES))
def test_axe_finds_no_violation_with_answers_filled_in(browser, site_url, palette):
    context = browser.new_context(color_scheme=palette)
    context.add_init_script(path=str(AXE))
    try:
        page = context.new_page()
        page.goto(site_url + "audit/")
        page.wait_for_selector(READY)
        fill_in(page)
        open_file(page, "input[type=file][data-compare]", "spring.json",
                  saved_copy({"leadership-and-management-1": {"rating": "green"}}))
        page.click("[data-audit-clear]")
        page.wait_for_selector("[data-audit-earlier]:visible")
        assert page.get_attribute("body", "data-md-color-scheme") == PALETTES[palette]
        assert axe_violations(page) == []
    finally:
        context.close()


def test_the_audit_keeps_only_its_own_key_in_the_browser(audit):
    fill_in(audit)
    keys = audit.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
    assert [key for key in keys if not key.endswith("__palette")] == ["semh:audit"]
    assert audit.context.cookies() == []


SAFARI = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.5 Safari/605.1.15")


@pytest.mark.parametrize("agent, warned", [(None, False), (SAFARI, True)], ids=["chromium", "safari"])
def test_the_notice_says_where_answers_are_kept_and_the_browser_is_asked_to_keep_them(
        browser, site_url, agent, warned):
    context = browser.new_context(**({"user_agent": agent} if agent else {}))
    # Count the requests for lasting storage; the answer does not matter here.
    context.add_init_script("""navigator.storage.persist = () => {
      window.__persistAsked = (window.__persistAsked || 0) + 1; return Promise.resolve(true); };""")
    try:
        page = context.new_page()
        page.goto(site_url + "audit/")
        page.wait_for_selector(READY)
        notice = page.inner_text("[data-audit-controls]")
        assert ("Your answers are kept only in this browser on this device; save a copy to keep "
                "them safe.") in notice
        safari = page.locator("[data-storage-safari]")
        assert safari.is_visible() == warned
        if warned:
            assert "Safari deletes what a website has kept after seven days" in safari.inner_text()
        assert page.evaluate("window.__persistAsked || 0") == 0
        rate(page, "send-1", "green")
        wait_until_kept(page, "green")
        rate(page, "send-2", "red")
        assert page.evaluate("window.__persistAsked") == 1
    finally:
        context.close()
