"""The council's training dates (`training_dates:` in its profile) as iCalendar files (RFC
5545, written with the `icalendar` package): one for each session and one with them all, so
a reader can put a session in their own calendar.

Only what the profile gives goes in: the title, the day, the place and the booking link
where it gives them. It gives no time of day, so each session is a whole-day event, and no
time is made up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urlsplit

from icalendar import Calendar, Event
from mkdocs.utils import get_build_datetime

from generator import model

FOLDER = "training"
ALL_DATES = f"{FOLDER}/training-dates.ics"
PRODUCT = "-//SEMH strategy finder//Training dates//EN"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or "session"


def session_files(profile: model.CouncilProfile) -> list[tuple[model.TrainingDate, str]]:
    """Each dated session with the path of its own file: the day and the title, so the
    name says what it holds; a second session of the same day and title gets a number."""
    named: list[tuple[model.TrainingDate, str]] = []
    taken: set[str] = set()
    for session in profile.training_dates:
        stem = f"{FOLDER}/{session.when.isoformat()}-{_slug(session.title)}"
        path, number = f"{stem}.ics", 1
        while path in taken:
            number += 1
            path = f"{stem}-{number}.ics"
        taken.add(path)
        named.append((session, path))
    return named


def _uid_domain(profile: model.CouncilProfile) -> str:
    """The right-hand side of each event's UID: the site's own host, so that importing a
    file again updates the event instead of adding it twice."""
    host = urlsplit(profile.site_url).hostname if profile.site_url else None
    return host or f"{profile.id}.invalid"


def _event(profile: model.CouncilProfile, session: model.TrainingDate, path: str,
           stamp: datetime) -> Event:
    stem = path.rsplit("/", 1)[-1].removesuffix(".ics")
    details = [f"From {profile.name}."]
    if session.url:
        details.append(f"Details and booking: {session.url}")
    return Event.new(
        uid=f"{stem}@{_uid_domain(profile)}",
        summary=session.title,
        start=session.when,  # a DATE: a whole-day event (RFC 5545 3.6.1)
        location=session.place,
        url=session.url,
        # Many calendars show no URL property, so the link is in the description too.
        description=" ".join(details),
        stamp=stamp,
    )


def _calendar(name: str, uid: str, events: list[Event]) -> str:
    calendar = Calendar.new(name=name, prodid=PRODUCT, uid=uid)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def files(profile: model.CouncilProfile, stamp: datetime | None = None
          ) -> Iterator[tuple[str, str]]:
    """(path, text) of each session's file and of the file with every session; nothing
    when the profile has no dates. `stamp` is DTSTAMP, when the files were made: the
    build's time (which SOURCE_DATE_EPOCH sets, as it sets the pages' build date)."""
    sessions = session_files(profile)
    if not sessions:
        return
    stamp = stamp or get_build_datetime()
    domain = _uid_domain(profile)
    events = []
    for session, path in sessions:
        event = _event(profile, session, path, stamp)
        events.append(event)
        yield path, _calendar(f"{session.title} ({profile.short_name})",
                              f"{event['UID']}-calendar", [event])
    yield ALL_DATES, _calendar(f"Training dates: {profile.short_name}",
                               f"training-dates@{domain}", events)
