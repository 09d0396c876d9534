"""The whole pipeline, one way: load -> validate -> choose what the council shows -> link ->
pages and open data -> docs folder."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from generator import council as councils
from generator import choose, export, ics, modules, plan, published, shards, webapp
from generator.link import Site, link
from generator.load import load
from generator.model import SourceDocument
from generator.pages import pages
from generator.problems import ContentError, Problem
from generator.validate import validate
from generator.write import write_tree


def check(root: Path, council: str = councils.DEFAULT) -> tuple[Site | None, list[Problem]]:
    """Validate everything under `root` and the council's profile; the Site only when there
    is no problem at all."""
    loaded = load(root)
    if not loaded.complete:
        # Without a folder's records, every reference to them would look wrong.
        return None, sorted(loaded.problems)
    valid, problems = validate(loaded.records)
    # The profile's sources: are checked against the content only when the content is sound.
    profile, profile_problems = councils.load_profile(root, council,
                                                      None if problems else valid)
    problems = sorted(loaded.problems + problems + profile_problems
                      + published.problems(root))
    if problems:
        return None, problems
    documents = [item.record for item in valid if isinstance(item.record, SourceDocument)]
    site = link(choose.show(valid, choose.shown_files(profile, documents)))
    site.council = profile
    site.documents_held = len(documents)
    return site, []


# `python -m generator build` checks the content before it starts MkDocs, and leaves the
# checked Site here for the plugin, which would otherwise read and validate it all again.
CHECKED_SITE = "SEMH_CHECKED_SITE"


def hand_over(site: Site, path: Path) -> dict[str, str]:
    """Keep the checked Site in `path` for the build about to start; the environment
    variables that tell the plugin where it is."""
    path.write_bytes(pickle.dumps(site, pickle.HIGHEST_PROTOCOL))
    return {CHECKED_SITE: str(path)}


def _handed_over() -> Site | None:
    """The Site checked by the command that started this build, if it left one."""
    path = Path(os.environ.get(CHECKED_SITE) or "")
    return pickle.loads(path.read_bytes()) if path.name and path.is_file() else None


def generate(root: Path, docs_dir: Path, council: str = councils.DEFAULT,
             split_above_kb: float = shards.SPLIT_ABOVE_KB) -> Site:
    """Write every page and open data file into `docs_dir`; raise ContentError on problems.
    The Site is returned for what the engine needs from it (the abbreviations). The finder's
    data is split in pieces when one file would be over `split_above_kb` gzipped."""
    site = _handed_over()
    if site is None or site.council.id != council:
        site, problems = check(root, council)
        if site is None:
            raise ContentError(problems)
    branding = [(councils.PALETTE, councils.palette_css(site.council)),
                (councils.LOGO, councils.logo_svg(root, site.council)),
                *webapp.files(root, site.council)]
    # The council's training dates are shown on the training page, so their calendar files
    # come with it.
    calendars = ics.files(site.council) if site.training else ()
    write_tree(docs_dir, [*pages(site, root / modules.ASSETS), *export.files(site), *shards.files(site, split_above_kb),
                          *plan.files(site), *branding, *calendars])
    return site
