"""Command line: `python -m generator check` and `python -m generator build`."""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator import council as councils
from generator.build import check, hand_over
from generator.link import Site
from generator.model import CouncilProfile


# The engines a build may run, each as a module of this Python (`python -m mkdocs build`):
# both read the council's config, run the semh plugin and the theme, and take the same
# options. docs/engines.md says what else was tried.
ENGINES = ("mkdocs", "properdocs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator")
    parser.add_argument("command", choices=["check", "build", "config"],
                        help="check: validate the content; build: validate, then build site/; "
                        "config: write the council's MkDocs config only (for `make serve`)")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the project folder (default: the current one)")
    parser.add_argument("--site-dir", type=Path, default=None,
                        help="where build puts the site (default: ROOT/site)")
    parser.add_argument("--council", default=councils.DEFAULT,
                        help="the publishing council: its profile is councils/COUNCIL.yaml "
                        f"(default: {councils.DEFAULT})")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", metavar="ENGINE",
                        help="what turns the docs folder into the site: mkdocs (MkDocs 1.6, "
                        "the default) or properdocs (its maintained fork, which reads the "
                        "same mkdocs.yml; docs/engines.md)")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    if args.command == "config":
        # Only the profile: `mkdocs serve` then shows any content problem in the browser.
        profile, problems = councils.load_profile(root, args.council)
        if problems:
            return _report(problems)
        write_config(root, profile)
        return 0

    site, problems = check(root, args.council)
    if problems:
        return _report(problems)
    if args.command == "check":
        print(f"Content is valid: {len(site.needs)} needs, {len(site.strategies)} strategies, "
              f"{len(site.levels)} levels, {len(site.outcome)} outcomes, "
              f"{len(site.related_to_criterion)} audit criteria, "
              f"{len(site.courses)} courses, {len(site.glossary)} glossary terms. "
              f"Council profile: {site.council.id} ({site.council.name}).")
        return 0
    return build(root, (args.site_dir or root / "site").resolve(), site, args.engine)


def _report(problems) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} in the content; "
          "nothing was built", file=sys.stderr)
    return 1


def write_config(root: Path, profile: CouncilProfile) -> Path:
    """The council's config, which inherits mkdocs.yml; builds and `make serve` read it."""
    config = root / "build" / f"mkdocs.{profile.id}.yml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(councils.mkdocs_config(profile, semh_options(root)), encoding="utf-8")
    return config


def semh_options(root: Path) -> dict:
    """The semh plugin's options in the project's mkdocs.yml, such as finder_split_above_kb."""
    from mkdocs.utils.yaml import yaml_load

    with open(root / "mkdocs.yml", "rb") as file:
        plugins = yaml_load(file).get("plugins") or []
    for plugin in plugins:
        if isinstance(plugin, dict) and "semh" in plugin:
            return {key: value for key, value in (plugin["semh"] or {}).items()
                    if key not in ("root", "council")}
    return {}


def build(root: Path, site_dir: Path, site: Site, engine: str = "mkdocs") -> int:
    """Build into a fresh folder, then swap it in: a failed or killed build leaves site/ as
    it was. One build at a time: a second one waits for the first to finish."""
    work = root / "build"
    (work / "docs").mkdir(parents=True, exist_ok=True)
    with open(work / "build.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another build of this project is running; waiting for it to finish.",
                  file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        # The lock is ours, so anything left here is from a killed build; one killed
        # between the two renames of the swap left the last good site in site.old.
        for stale in work.glob("site.new*"):
            shutil.rmtree(stale, ignore_errors=True)
        old = site_dir.with_name(site_dir.name + ".old")
        if old.exists() and not site_dir.exists():
            old.rename(site_dir)
        checked = work / "checked-site.pickle"
        try:
            return _build_locked(root, site_dir, write_config(root, site.council),
                                 Path(tempfile.mkdtemp(prefix="site.new-", dir=work)),
                                 hand_over(site, checked), engine)
        finally:
            checked.unlink(missing_ok=True)


def _build_locked(root: Path, site_dir: Path, config: Path, staging: Path,
                  handed_over: dict[str, str], engine: str) -> int:
    result = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict",
         "--config-file", str(config), "--site-dir", str(staging)],
        cwd=root,
        # Material's end-of-life notice is for us, not for every build log.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **handed_over},
    )
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"The build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
        return result.returncode
    staging.chmod(0o755)  # mkdtemp makes it private; the site is for everyone
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built {site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
