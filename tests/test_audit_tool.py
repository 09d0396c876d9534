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
    """What the form shows: every criterion, and section as a whole ("section:<id>"), with a
    rating or text, as a person reads it."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("[data-audit-criterion], [data-audit-whole]")]
      .map((el) => [el.dataset.auditCriterion || `section:${el.dataset.auditWhole}`, {
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


# Each section's boxes for the section as a whole, as the Essex document has them.
SECTION_ANSWER = {"rating": "green", "evidence": "One Plans for every child on SEN support.",
                  "next_steps": ""}
# 57 statements and 9 sections as a whole, each with a rating and two boxes.
BOXES = 57 + 9


def whole(id_: str) -> str:
    return f'[data-audit-whole="{id_}"]'


def fill_in(page, answers: dict = ANSWERS) -> None:
    for id_, answer in answers.items():
        rate(page, id_, answer["rating"])
        for name, key in (("evidence", "evidence"), ("next-steps", "next_steps")):
            if answer[key]:
                write(page, id_, name, answer[key])
    wait_until_kept(page, "Ask the EP")


def fill_in_a_section(page) -> None:
    page.check(f'{whole("send")} input[type=radio][value="green"]')
    page.fill(f'{whole("send")} textarea[name="evidence"]', SECTION_ANSWER["evidence"])
    wait_until_kept(page, SECTION_ANSWER["evidence"])


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
        "1. Leadership & Management: 1 Red, 1 Amber, 1 Green, 0 not rated (complete); "
        "as a whole: not rated")
    widths = row.locator("rect").evaluate_all("rects => rects.map(r => Math.round(r.getAttribute('width')))")
    assert widths == [33, 33, 33, 0]
    send = audit.locator('[data-audit-summary-section="send"]').inner_text()
    assert "0 Red, 0 Amber, 0 Green, 12 not rated" in send
    # The section as a whole, as the Essex document rates it, counts apart from its statements.
    audit.check('[data-audit-whole="leadership-and-management"] input[value="amber"]')
    assert row.inner_text().strip().endswith("(complete); as a whole: Amber")
    assert "1 Red, 1 Amber, 1 Green, 0 not rated" in row.inner_text()


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


ALL_ANSWERS = {**ANSWERS, "section:send": SECTION_ANSWER}


def test_a_saved_copy_matches_the_schema_and_opens_again_after_clearing(audit, built_site, site):
    fill_in(audit)
    fill_in_a_section(audit)
    name, text = download(audit, '[data-export="json"]')
    assert name.startswith("semh-self-audit-") and name.endswith(".json")
    saved = json.loads(text)
    schema = json.loads((built_site / "data" / "schema" / "audit.schema.json").read_text())
    jsonschema.validate(saved, schema)
    ids = [c.id for s in site.audit.sections for c in s.criteria]
    assert list(saved["answers"]) == ids
    assert list(saved["sections"]) == [s.id for s in site.audit.sections]
    assert saved["sections"]["send"] == SECTION_ANSWER
    assert saved["kind"] == "semh-audit" and saved["version"] == 2
    assert saved["audit"] == json.loads((built_site / "data" / "audit.json").read_text())["id"]
    assert saved["answers"]["leadership-and-management-1"] == ANSWERS["leadership-and-management-1"]
    assert saved["answers"]["send-5"]["rating"] is None

    name, text = download(audit, '[data-export="csv"]')
    assert name.endswith(".csv")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Section", "Number", "Criterion", "RAG", "Comments/Evidence", "Next Steps"]
    assert len(rows) == 1 + len(ids) + len(site.audit.sections)
    assert rows[1][:2] == ["Leadership & Management", "1.1"]
    # Each section's statements, then the section as a whole.
    assert rows[4] == ["Leadership & Management", "1", "The section as a whole", "Not rated", "", ""]
    assert next(row for row in rows if row[:3] == ["SEND", "6", "The section as a whole"])[3:] == [
        "Green", "One Plans for every child on SEN support.", ""]
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
    # The sentence after the examples is part of the statement it follows.
    evaluated = next(row for row in rows if row[1] == "5.4")
    assert evaluated[2].startswith("EWMH initiatives/role are encouraged to empower pupils")
    assert evaluated[2].endswith("Certificates and awards for achievements These are evaluated to "
                                 "demonstrate impact; that it has helped CYP gain an insight into "
                                 "SEMH needs/development, supporting them to increase compassion "
                                 "and kindness towards themselves and others, giving them a sense "
                                 "of hope and belonging.")
    assert not any(row[2].startswith("These are evaluated") for row in rows)

    audit.click("[data-audit-clear]")
    audit.click("[data-audit-confirm-no]")
    assert answers_on_page(audit) == ALL_ANSWERS
    audit.click("[data-audit-clear]")
    assert audit.locator("[data-audit-confirm-yes]").is_visible()
    audit.click("[data-audit-confirm-yes]")
    assert answers_on_page(audit) == {}
    assert kept(audit) is None
    assert audit.inner_text(STATUS) == "All answers were cleared from this page and this browser."
    assert "0 Red, 0 Amber, 0 Green, 3 not rated" in audit.inner_text(
        '[data-audit-summary-section="leadership-and-management"]')

    open_file(audit, "input[type=file][data-import]", "last-term.json", text_of(saved))
    assert answers_on_page(audit) == ALL_ANSWERS
    assert audit.inner_text(STATUS).startswith("Opened last-term.json, saved on ")
    audit.reload()
    audit.wait_for_selector(READY)
    assert answers_on_page(audit) == ALL_ANSWERS


def text_of(data: dict) -> str:
    return json.dumps(data)


def saved_copy(answers: dict, sections: dict | None = None, **changes) -> str:
    return json.dumps({"kind": "semh-audit", "version": 2, "audit": "essex-semh-best-practice",
                       "date": "2026-03-01", "answers": answers, "sections": sections or {},
                       **changes})


BAD_FILES = {
    "not JSON": ("notes.json", "Rating: amber, mostly",
                 "notes.json is not a copy saved by this site: it is not a JSON file."),
    "another tool": ("plan.json", saved_copy({}, kind="semh-plan"),
                     "plan.json was saved by another tool (semh-plan), not this one."),
    "a newer format": ("future.json", saved_copy({}, version=99),
                       "future.json cannot be opened: it was saved by a newer version of this "
                       "site (format 99); this site reads format 2 and older."),
    "an unknown criterion": ("old.json", saved_copy({"send-99": {"rating": "red"},
                                                     "send-1": {"rating": "green"}}),
                             "old.json has answers for criteria this audit does not have: send-99."),
    "another audit": ("other.json", saved_copy({}, audit="kent-audit"),
                      "other.json is a copy of another audit (kent-audit), not this one."),
    "a rating it does not use": ("odd.json", saved_copy({"send-1": {"rating": "purple"}}),
                                 'odd.json rates 6.1 "purple"; a rating is red, amber, green or none.'),
    "a prototype's name as a rating": (
        "proto.json", saved_copy({}, {"send": {"rating": "toString"}}),
        'proto.json rates section 6 as a whole "toString"; a rating is red, amber, green or none.'),
    "a prototype's name as a criterion": (
        "proto.json", saved_copy({"constructor": {"rating": "red"}}),
        "proto.json has answers for criteria this audit does not have: constructor."),
    "notes that are not text": (
        "notes.json", saved_copy({"send-1": {"evidence": ["a", "b"]}}),
        "notes.json cannot be opened: answers › send-1 › evidence should be text, not a list."),
    "no sections": ("old.json", saved_copy({}).replace(', "sections": {}', ""),
                    "old.json cannot be opened: it should have the field “sections”, which is "
                    "missing."),
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
    expect_status(audit, "Opened saved-format-1.json, saved on 2026-09-14: 2 of 57 statements "
                         "rated, and 0 of 9 sections as a whole.")
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
    result = audit.evaluate("""async (root) => {
      const storage = await import(root + "storage.js");
      const copies = await import(root + "tools/saved-copy.js");
      const migrations = {1: (data) => ({...data, answers: Object.fromEntries(
        Object.entries(data.answers).map(([id, a]) => [id, {...a, rating: a.rating.toUpperCase()}]))})};
      localStorage.setItem("semh:test-tool", JSON.stringify({version: 1, data: {answers: {a: {rating: "red"}}}}));
      const kept = storage.openStore({tool: "test-tool", version: 2, migrations}).read();
      const noWay = storage.openStore({tool: "test-tool", version: 2}).read();
      localStorage.removeItem("semh:test-tool");
      const file = new File([JSON.stringify({kind: "t", version: 1, answers: {b: {rating: "amber"}}})], "old.json");
      const opened = await copies.openSavedCopy(file, {kind: "t", version: 2, migrations});
      let refused = null;
      try { await copies.openSavedCopy(file, {kind: "t", version: 2}); }
      catch (problem) { refused = problem.message; }
      return {kept, noWay, opened, refused};
    }""", site_url + "assets/")
    assert result == {
        "kept": {"state": "ok", "data": {"answers": {"a": {"rating": "RED"}}}, "rev": None,
                 "after": None},
        "noWay": {"state": "damaged", "problems": ["format 1 can no longer be read"],
                  "text": '{"version":1,"data":{"answers":{"a":{"rating":"red"}}}}'},
        "opened": {"answers": {"b": {"rating": "AMBER"}}},
        "refused": "old.json cannot be opened: format 1 can no longer be read.",
    }


EVALUATED = "“These are evaluated to demonstrate impact …”"
# What a format-1 copy typed for the two former statements, on the statements they are now
# part of (tests/fixtures/audit/saved-format-1-evaluated.json).
FOLDED = {
    "pupil-voice-and-engagement-4": {
        "rating": "green",
        "evidence": f"Peer mentors in every year group.\n\nAbout {EVALUATED}: Pupil survey after "
                    f"each scheme.\n\n{EVALUATED} was rated Amber on its own, before it became "
                    "part of this statement.",
        "next_steps": f"About {EVALUATED}: Share the survey results with governors."},
    "parent-carers-voice-4": {
        "rating": "red", "evidence": "",
        "next_steps": f"About {EVALUATED}: Ask parents what the coffee mornings changed."},
}


def test_a_format_1_copy_that_rated_the_evaluated_sentences_opens_with_all_it_held(audit):
    """Format 1 made "These are evaluated to demonstrate impact ..." a statement of its own;
    what a school typed for it goes to the statement whose examples it follows."""
    open_file(audit, "input[type=file][data-import]", "spring.json",
              (FIXTURES / "saved-format-1-evaluated.json").read_text(encoding="utf-8"))
    expect_status(audit, "Opened spring.json, saved on 2026-03-20: 2 of 57 statements rated, "
                         "and 0 of 9 sections as a whole.")
    assert answers_on_page(audit) == FOLDED
    assert kept(audit)["version"] == 2


def test_format_1_answers_kept_by_the_older_site_open_with_all_they_held(audit):
    old = json.loads((FIXTURES / "saved-format-1-evaluated.json").read_text(encoding="utf-8"))
    audit.evaluate("answers => localStorage.setItem('semh:audit', JSON.stringify({version: 1, "
                   "data: {audit: 'essex-semh-best-practice', answers}}))", old["answers"])
    audit.reload()
    audit.wait_for_selector(READY)
    assert answers_on_page(audit) == FOLDED
    # Kept as they were until something changes, then in the new format.
    assert kept(audit)["version"] == 1
    rate(audit, "send-1", "green")
    wait_until_kept(audit, "send-1")
    assert kept(audit)["version"] == 2
    assert kept(audit)["data"]["answers"]["parent-carers-voice-4"] == FOLDED["parent-carers-voice-4"]


def test_two_tabs_of_the_audit_keep_what_each_typed(context, site_url):
    """Two tabs of one browser share what is kept: neither writes over the other's answers,
    each shows the other's, and words typed in the same box in both are kept both."""
    context.clock.install()
    one, two = context.new_page(), context.new_page()
    for page in (one, two):
        page.goto(site_url + "audit/")
        page.wait_for_selector(READY)
    # Time stands still: nothing typed below is kept until both tabs have typed.
    context.clock.pause_at(one.evaluate("Date.now()") + 1000)
    write(one, "send-3", "evidence", "Typed in one")
    write(two, "send-3", "evidence", "Typed in two")
    rate(one, "send-1", "red")
    write(one, "send-1", "next-steps", "One's next step")
    rate(two, "send-2", "green")
    two.check(f'{whole("send")} input[value="amber"]')
    write(two, "send-2", "evidence", "Two's evidence")
    # Time goes on: each tab keeps what it typed, and brings in what the other kept.
    context.clock.resume()
    one.wait_for_function("() => [\"Two's evidence\", \"One's next step\", 'Typed in one', 'Typed in two']"
                          ".every(words => (localStorage.getItem('semh:audit') || '').includes(words))")
    data = kept(one)["data"]
    assert data["answers"]["send-1"] == {"rating": "red", "evidence": "", "next_steps": "One's next step"}
    assert data["answers"]["send-2"] == {"rating": "green", "evidence": "Two's evidence", "next_steps": ""}
    assert data["sections"]["send"]["rating"] == "amber"
    both = data["answers"]["send-3"]["evidence"]
    assert sorted(both.split("\n")) == ["Typed in one", "Typed in two"]
    for page in (one, two):
        expect(page.locator(f'{criterion("send-3")} textarea[name="evidence"]')).to_have_value(both)
        expect(page.locator(f'{criterion("send-1")} input[value="red"]')).to_be_checked()
        expect(page.locator(f'{criterion("send-2")} textarea[name="evidence"]')).to_have_value("Two's evidence")
        expect(page.locator(f'{whole("send")} input[value="amber"]')).to_be_checked()


def test_a_tab_that_writes_over_answers_it_never_saw_loses_none_of_them(context, site_url):
    """Tabs are separate processes: one can read what is kept, and write what it made from it
    after another tab has written. The values say what they were made from, so the answers
    the late writer never saw are brought back and kept again."""
    one, two = context.new_page(), context.new_page()
    one.goto(site_url + "audit/")
    one.wait_for_selector(READY)
    two.goto(site_url)
    rate(one, "send-1", "red")
    wait_until_kept(one, "send-1")
    first = kept(one)
    rate(one, "send-2", "green")
    wait_until_kept(one, "send-2")
    # Another tab, which read the first value, writes over the second without it.
    late = {"version": 2, "rev": "late", "after": first["rev"], "data": {
        **first["data"], "answers": {**first["data"]["answers"],
                                     "send-3": {"rating": "amber", "evidence": "", "next_steps": ""}}}}
    two.evaluate("value => localStorage.setItem('semh:audit', JSON.stringify(value))", late)
    one.wait_for_function("() => { const kept = JSON.parse(localStorage.getItem('semh:audit'));"
                          " return kept.rev !== 'late' && kept.data.answers['send-2']; }")
    assert {id: a["rating"] for id, a in kept(one)["data"]["answers"].items()} == {
        "send-1": "red", "send-2": "green", "send-3": "amber"}
    expect(one.locator(f'{criterion("send-2")} input[value="green"]')).to_be_checked()
    expect(one.locator(f'{criterion("send-3")} input[value="amber"]')).to_be_checked()


# An answer a damaged store holds, and what the page says of it.
DAMAGED = {
    "not JSON": ("{'version': 2", "it is not JSON"),
    "a prototype's name as a rating": (
        json.dumps({"version": 2, "data": {"audit": "essex-semh-best-practice", "sections": {},
                                           "answers": {"send-1": {"rating": "constructor"}}}}),
        "answers › send-1 › rating is “constructor”; it should be “red”, “amber”, “green” or "
        "empty (null)"),
    "a prototype's name as a statement": (
        json.dumps({"version": 2, "data": {"audit": "essex-semh-best-practice", "sections": {},
                                           "answers": {"toString": {"rating": "red"}}}}),
        "answers has a field named “toString”, which this site does not know"),
}


@pytest.mark.parametrize("name", list(DAMAGED))
def test_damaged_answers_in_the_browser_are_kept_as_they_are_and_can_be_saved(audit, name):
    text, problem = DAMAGED[name]
    audit.evaluate("text => localStorage.setItem('semh:audit', text)", text)
    audit.reload()
    audit.wait_for_selector(READY)
    notice = audit.locator("[data-kept-problem]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("The self-audit answers kept in this browser cannot be read")
    expect(notice).to_contain_text(problem)
    # The page works, and what is kept is left as it is.
    rate(audit, "send-4", "amber")
    write(audit, "send-4", "evidence", "Typed anyway")
    audit.locator(f'{criterion("send-4")} textarea[name="evidence"]').blur()
    assert audit.evaluate("localStorage.getItem('semh:audit')") == text
    expect(audit.locator('[data-audit-summary-section="send"]')).to_contain_text("1 Amber")
    # Saved as a file exactly as it was kept, then gone on starting again.
    with audit.expect_download() as info:
        audit.click("[data-kept-save-raw]")
    assert info.value.suggested_filename.startswith("semh-self-audit-as-kept-")
    assert Path(info.value.path()).read_text(encoding="utf-8") == text
    audit.click("[data-kept-start-again]")
    expect(notice).to_be_hidden()
    assert kept(audit)["data"]["answers"] == {"send-4": {"rating": "amber", "evidence": "Typed anyway",
                                                         "next_steps": ""}}


def test_answers_kept_by_a_newer_site_are_left_alone_and_the_page_says_why(audit):
    newer = json.dumps({"version": 3, "data": {"audit": "essex-semh-best-practice", "ratings": []}})
    audit.evaluate("text => localStorage.setItem('semh:audit', text)", newer)
    audit.reload()
    audit.wait_for_selector(READY)
    notice = audit.locator("[data-kept-problem]")
    expect(notice).to_contain_text("saved by a newer version of this site (format 3); this page "
                                   "reads format 2 and older. They are left as they are")
    expect(notice.locator("[data-kept-start-again]")).to_be_hidden()
    rate(audit, "send-1", "red")
    write(audit, "send-1", "evidence", "Typed here")
    audit.locator(f'{criterion("send-1")} textarea[name="evidence"]').blur()
    audit.wait_for_timeout(600)
    assert audit.evaluate("localStorage.getItem('semh:audit')") == newer
    # Leaving would lose what was typed: the browser asks first.
    asked = []
    audit.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    audit.evaluate("location.reload()")
    audit.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert answers_on_page(audit)["send-1"]["evidence"] == "Typed here"


# localStorage as a browser with little room left has it: anything over 2,000 characters is
# refused, as Chromium refuses what is over its quota.
QUOTA = """(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(value).length > 2000) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return setItem.call(this, key, value);
  };
})();"""


def test_an_import_the_browser_will_not_keep_is_reported_and_stays_on_the_page(browser, site_url):
    context = browser.new_context()
    context.add_init_script(QUOTA)
    try:
        page = context.new_page()
        page.goto(site_url + "audit/")
        page.wait_for_selector(READY)
        rate(page, "send-1", "green")
        wait_until_kept(page, "send-1")
        before = kept(page)
        long = {f"send-{n}": {"rating": "amber", "evidence": "x" * 300, "next_steps": ""}
                for n in range(2, 12)}
        open_file(page, "input[type=file][data-import]", "big.json", saved_copy(long))
        # The page's rating of 6.1 is not in the file: it asks first.
        page.get_by_role("button", name="Replace this page’s answers").click()
        status = page.inner_text(STATUS)
        assert status.startswith("Opened big.json, saved on 2026-03-01: 10 of 57 statements rated")
        assert "But this browser would not keep them: its storage is full or turned off. They " \
               "stay on this page: save a copy to keep them before you leave or reload it." in status
        assert kept(page) == before
        assert answers_on_page(page)["send-2"]["evidence"] == "x" * 300
        # Reloading asks first; saved as a file, it no longer needs to.
        asked = []
        page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
        page.evaluate("location.reload()")
        page.wait_for_timeout(500)
        assert asked == ["beforeunload"]
        assert answers_on_page(page)["send-2"]["evidence"] == "x" * 300
        with page.expect_download():
            page.click('[data-export="json"]')
        page.reload()
        page.wait_for_selector(READY)
        assert kept(page) == before
    finally:
        context.close()


# A copy that differs from ANSWERS on the page: 1.1 rated and written differently (both have
# it), 2.1 that only the file has; 1.2, 1.3 and 6.5 only the page has.
DIFFERENT = {
    "leadership-and-management-1": {"rating": "green", "evidence": "Lead named in June.",
                                    "next_steps": ""},
    "policies-and-practice-1": {"rating": "amber", "evidence": "", "next_steps": ""},
}
QUESTION = ("Open spring.json? It differs from this page in 5 answers: 1 that only the file has, "
            "3 that only this page has and 1 that both have, with different ratings or notes.")


def open_differing_copy(page) -> None:
    open_file(page, "input[type=file][data-import]", "spring.json", saved_copy(DIFFERENT))
    expect_status(page, QUESTION)
    panel = page.locator("[data-open-choice]")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", name="Open spring.json?")).to_be_focused()
    assert page.locator("[data-open-choice]").get_attribute("role") == "group"
    # Nothing changes until the person chooses.
    assert answers_on_page(page) == ANSWERS


def test_opening_a_copy_that_differs_says_how_and_asks_before_changing_anything(audit):
    fill_in(audit)
    before = kept(audit)
    open_differing_copy(audit)
    text = audit.inner_text("[data-open-choice]")
    assert "every answer becomes the file’s: 5 answers on this page change" in text
    assert "the answers carry no dates, so this page cannot tell which of two is newer. It keeps " \
           "every answer this page has and takes the file’s only where this page has none " \
           "(1 answer)." in text
    audit.get_by_role("button", name="Cancel: leave this page as it is").click()
    expect_status(audit, "The file was not opened. Nothing on this page was changed.")
    expect(audit.locator("[data-open-choice]")).to_be_hidden()
    expect(audit.locator("input[data-import]")).to_be_focused()
    assert answers_on_page(audit) == ANSWERS and kept(audit)["data"] == before["data"]


def test_replace_and_keep_each_do_what_they_say_and_undo_puts_back_the_page(audit):
    fill_in(audit)
    before = kept(audit)
    undo = audit.get_by_role("button", name="Undo opening the file")
    # Keep: the page's answers stay; the file's fill only what the page had not answered.
    open_differing_copy(audit)
    audit.get_by_role("button", name="Keep this page’s answers").click()
    expect(undo).to_be_focused()
    assert answers_on_page(audit) == {**ANSWERS,
                                      "policies-and-practice-1": DIFFERENT["policies-and-practice-1"]}
    assert "This page kept its own answers and took 1 answer from the file." in audit.inner_text(STATUS)
    undo.click()
    expect_status(audit, "Undone: the answers are as they were before the file was opened.")
    assert answers_on_page(audit) == ANSWERS and kept(audit)["data"] == before["data"]
    expect(undo).to_be_hidden()
    # Replace: every answer becomes the file's, those only the page had cleared.
    open_differing_copy(audit)
    audit.get_by_role("button", name="Replace this page’s answers").click()
    assert answers_on_page(audit) == DIFFERENT
    wait_until_kept(audit, "Lead named in June.")
    undo.click()
    assert answers_on_page(audit) == ANSWERS
    wait_until_kept(audit, "Ask the EP")
    # Undo lasts until the next change on the page.
    open_differing_copy(audit)
    audit.get_by_role("button", name="Replace this page’s answers").click()
    expect(undo).to_be_visible()
    rate(audit, "send-1", "green")
    expect(undo).to_be_hidden()


FIVE_RATED = {
    "leadership-and-management-1": ("red", "No SEMH lead yet.", "Name a lead by half term."),
    "staff-wellbeing-and-development-2": ("amber", "Calm corners in two classrooms.", "One in every room."),
    "send-3": ("green", "Plans reviewed each term.", ""),
    "pupil-voice-and-engagement-4": ("amber", "School council meets monthly.", "Minutes online."),
    "parent-carers-voice-2": ("red", "", "Start a parents' coffee morning."),
}


def print_with(page, button: str) -> tuple[int, str]:
    """What the button prints, as a PDF on A4: its number of pages and its text. The browser's
    print dialog is left out; the page is printed as it is when the dialog would open."""
    page.evaluate("window.print = () => {}")
    page.get_by_role("button", name=button).click()
    from pypdf import PdfReader

    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    page.emulate_media(media="screen")
    return len(reader.pages), " ".join(" ".join((p.extract_text() or "").split())
                                       for p in reader.pages)


def test_printing_my_answers_with_five_rated_is_five_pages_at_most(audit):
    known = set(audit.eval_on_selector_all("[data-audit-criterion]",
                                           "els => els.map((el) => el.dataset.auditCriterion)"))
    assert set(FIVE_RATED) <= known
    for id_, (rating, evidence, next_steps) in FIVE_RATED.items():
        rate(audit, id_, rating)
        if evidence:
            write(audit, id_, "evidence", evidence)
        if next_steps:
            write(audit, id_, "next-steps", next_steps)
    wait_until_kept(audit, "coffee morning")
    pages, text = print_with(audit, "Print my answers")
    assert pages <= 5, pages
    assert "Summary" in text and "1 Red, 0 Amber, 0 Green, 2 not rated" in text
    for rating, evidence, next_steps in FIVE_RATED.values():
        assert f"Rating: {rating.title()}" in text
        assert evidence in text and next_steps in text
    # Only the rated statements: not the others, nor the boxes to fill in.
    assert text.count("Rating: ") == 5
    assert "Comments/Evidence for" not in text
    unrated = " ".join(audit.inner_text(f'{criterion("send-1")} > p').split()[1:8])
    assert unrated not in text
    audit.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert audit.evaluate("document.documentElement.className").find("semh-print-answers") < 0

    pages, text = print_with(audit, "Print a blank form")
    assert text.count("Comments/Evidence for") == BOXES
    assert text.count("Red Amber Green Not rated") == BOXES
    for _rating, evidence, next_steps in FIVE_RATED.values():
        assert (evidence or "x" * 9) not in text and (next_steps or "x" * 9) not in text
    assert "Rating: " not in text
    audit.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # After printing, the answers are on the page as before.
    assert audit.inner_text(f'{criterion("send-3")} [data-audit-print="evidence"]') == \
        "Plans reviewed each term."


def test_an_earlier_copy_shows_last_times_rating_beside_this_one(audit):
    fill_in(audit)
    earlier = saved_copy({"leadership-and-management-1": {"rating": "amber"},
                          "leadership-and-management-2": {"rating": "amber"}})
    open_file(audit, "input[type=file][data-compare]", "spring.json", earlier)
    expect_status(audit, "Showing the ratings of spring.json (saved on 2026-03-01) beside each "
                         "statement and section.")
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
    fill_in_a_section(audit)
    text = pdf_text(audit)
    assert "Section 6 as a whole" in text and SECTION_ANSWER["evidence"] in text
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
    assert text.count("Comments/Evidence for") == BOXES
    assert text.count("Next Steps for") == BOXES
    assert text.count("Red Amber Green Not rated") == BOXES
    assert text.count("as a whole") >= 9
    boxes = audit.locator('[data-audit-print="evidence"]')
    assert boxes.count() == BOXES
    assert boxes.first.bounding_box()["height"] > 40


def test_without_javascript_the_page_is_the_whole_form(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "audit/")
        # The page's title and description are its head's, not text on the page.
        expect(page.locator("h1")).to_contain_text("Essex SEMH best-practice self-audit")
        assert "description:" not in page.inner_text("article")
        assert page.title().startswith("Essex SEMH best-practice self-audit")
        assert page.locator("[data-audit-criterion]").count() == 57
        assert page.locator("[data-audit-whole]").count() == 9
        assert page.locator("[data-audit-part] textarea:visible").count() == 2 * BOXES
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
    assert links.count() == 2 * 9  # each section, and its boxes for the section as a whole
    for link in links.all():
        link.click()
        expect(audit.locator(link.get_attribute("href"))).to_be_in_viewport()


# audit.js itself, or start.js, which starts every component of the page.
@pytest.mark.parametrize("script", ["audit.js", "start.js"])
def test_if_its_script_cannot_load_the_page_is_still_the_whole_form(context, site_url, script):
    page = context.new_page()
    page.route(f"**/assets/{script}", lambda route: route.abort())
    page.goto(site_url + "audit/")
    expect(page.locator("[data-audit-part] textarea:visible")).to_have_count(2 * BOXES)
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
        open_differing_copy(page)  # the question about a file that differs showing too
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
