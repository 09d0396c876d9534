"""The council's training dates as calendar files: the training page offers an .ics file for
each dated session of the profile and one with them all; each is read back with the
`icalendar` package and holds the profile's title, day, place and booking link, and nothing
the profile does not give."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
from icalendar import Calendar

from conftest import ROOT
from generator import council as councils
from generator import ics
from test_councils import Builds

TRAINING = "training/index.html"


@pytest.fixture(scope="module")
def north(tmp_path_factory) -> Path:
    root, _ = Builds(tmp_path_factory)["example-north"]
    return root / "site"


@pytest.fixture(scope="module")
def profile():
    profile, problems = councils.load_profile(ROOT, "example-north")
    assert problems == []
    return profile


def calendar_links(site: Path) -> dict[str, str]:
    """Each link to an .ics file on the training page: its text as read aloud, and the file
    it leads to, relative to the site."""
    page = (site / TRAINING).read_text(encoding="utf-8")
    links = {}
    for href, inner in re.findall(r'<a [^>]*href="([^"]+\.ics)"[^>]*>(.*?)</a>', page):
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", inner)).split())
        links[text] = urljoin(TRAINING, href)
    return links


def read_calendar(path: Path) -> Calendar:
    raw = path.read_bytes()
    # RFC 5545: lines end with CRLF.
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    return Calendar.from_ical(raw)


def test_the_training_page_offers_a_calendar_file_for_each_session_and_one_for_all(north,
                                                                                  profile):
    links = calendar_links(north)
    expected = {f"Add to your calendar: {session.title} (.ics file)": path
                for session, path in ics.session_files(profile)}
    expected["Add both dates to your calendar (.ics file)"] = ics.ALL_DATES
    assert links == expected
    assert len(profile.training_dates) == 2
    for path in links.values():
        assert (north / path).is_file(), path


def test_each_session_file_holds_what_the_profile_gives_and_nothing_more(north, profile):
    for session, path in ics.session_files(profile):
        calendar = read_calendar(north / path)
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"] == ics.PRODUCT
        [event] = calendar.events
        assert str(event["SUMMARY"]) == session.title
        # A day, not a time: the profile gives no time of day.
        assert event.start == session.when and type(event.start) is date
        assert "DTEND" not in event and "DURATION" not in event
        assert event.get("LOCATION") == session.place
        if session.url:
            assert event["URL"] == session.url
            assert session.url in event["DESCRIPTION"]
        else:
            assert "URL" not in event
        assert str(event["DESCRIPTION"]).startswith(f"From {profile.name}.")
        assert str(event["UID"]).endswith("@semh.example.org")


def test_the_file_for_all_sessions_holds_each_sessions_event(north, profile):
    events = read_calendar(north / ics.ALL_DATES).events
    singles = [read_calendar(north / path).events[0]
               for _, path in ics.session_files(profile)]
    assert [str(event["UID"]) for event in events] == [str(event["UID"]) for event in singles]
    assert [event.start for event in events] == [session.when
                                                for session in profile.training_dates]
    # The example's second session is online, with no booking link.
    assert events[1]["LOCATION"] == "Online" and "URL" not in events[1]


def test_a_site_without_training_dates_writes_no_calendar(tmp_path_factory):
    root, _ = Builds(tmp_path_factory)["default"]
    assert not list((root / "site").rglob("*.ics"))
    assert "(.ics file)" not in (root / "site" / TRAINING).read_text(encoding="utf-8")


def test_sessions_with_the_same_day_and_title_get_files_of_their_own(profile):
    session = profile.training_dates[0]
    again = profile.model_copy(update={"training_dates": [session, session],
                                       "site_url": None})
    paths = [path for _, path in ics.session_files(again)]
    assert paths == ["training/2027-02-10-emotion-coaching-for-school-staff.ics",
                     "training/2027-02-10-emotion-coaching-for-school-staff-2.ics"]
    stamp = datetime(2027, 1, 1, tzinfo=timezone.utc)
    written = dict(ics.files(again, stamp))
    uids = [str(Calendar.from_ical(written[path]).events[0]["UID"]) for path in paths]
    # Without site_url, the UIDs name the council under .invalid, a name no host can have.
    assert uids == ["2027-02-10-emotion-coaching-for-school-staff@example-north.invalid",
                    "2027-02-10-emotion-coaching-for-school-staff-2@example-north.invalid"]
    assert "DTSTAMP:20270101T000000Z" in written[ics.ALL_DATES]
