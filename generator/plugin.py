"""The MkDocs plugin: regenerate the docs folder from YAML before every build; after it, minify
our own stylesheets, list the offline copy and write the security headers for what was
built.

It uses only MkDocs' public plugin events (on_startup, on_config, on_pre_build,
on_page_content, on_post_build, on_serve) and its config (the theme's custom_dir), which
ProperDocs keeps, so moving engine stays a configuration change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from generator import council as councils
from generator import headers, minify, offline, shards
from generator.build import generate
from generator.load import LAYOUT
from generator.pages import abbreviations, trim_nav
from generator.problems import ContentError
from generator.render import TEMPLATES, render
from generator.sanitise import aligned_by_class, clean
from generator.write import write_tree


class SemhConfig(Config):
    root = config_options.Type(str, default=".")
    """The project folder holding content/ and strategies/, relative to mkdocs.yml."""
    council = config_options.Type(str, default=councils.DEFAULT)
    """The publishing council: the profile councils/<council>.yaml."""
    finder_split_above_kb = config_options.Type((int, float), default=shards.SPLIT_ABOVE_KB)
    """Above this gzipped size, in KB, the finder's data is sent in pieces (generator/shards.py
    says why the default is what it is)."""
    offline_budget_kb = config_options.Type((int, float), default=offline.BUDGET_KB)
    """The most the offline copy may download, gzipped, in KB (generator/offline.py)."""


class SemhPlugin(BasePlugin[SemhConfig]):
    serving = False

    def on_startup(self, command, dirty):
        # Defining on_startup also keeps this plugin, and so `serving`, across serve's rebuilds.
        self.serving = command == "serve"

    def on_config(self, config):
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        profile, problems = councils.load_profile(self.root, self.config.council)
        if problems:
            raise PluginError(str(ContentError(problems)))
        # The theme's partials (footer, report link) read the council from extra.
        config.extra["council"] = councils.theme_extra(profile)
        # The theme prints the site's name unescaped in most places; the profile's name is
        # whatever a council typed, so it goes in as text that escapes itself.
        config.site_name = councils.HtmlText(profile.name)
        return config

    def on_pre_build(self, config):
        try:
            site = generate(self.root, Path(config.docs_dir), self.config.council,
                            self.config.finder_split_above_kb)
        except ContentError as error:
            if not self.serving:
                # A BuildError is reported by MkDocs as its message alone, with no traceback.
                raise PluginError(str(error)) from None
            self._show_problems(config, error)
            return
        # mkdocs.yml names the abbr extension; the glossary it explains comes from content/.
        config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(site)
        # mkdocs.yml's nav lists every page; a council that shows only some documents has
        # no pages for the others, so its menu leaves them out.
        docs = Path(config.docs_dir)
        built = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
        if config.nav:
            config.nav = trim_nav(config.nav, built)

    def _show_problems(self, config, error: ContentError) -> None:
        """While serving, a failed build would hold every request open (the browser spins),
        so the build goes on with the problems as the only content: on the home page and on
        every page the author may have open, so each reloads to them. The terminal shows them
        too (printed, as a log warning would stop the strict build)."""
        print(f"{error}; shown in the browser until fixed", file=sys.stderr)
        docs = Path(config.docs_dir)
        text = render("problems.md.j2", "index.md", problems=error.problems)
        paths = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
        write_tree(docs, [(path, text) for path in sorted(paths | {"index.md"})])
        config.nav = [{"Problems in the content": "index.md"}]

    def on_page_content(self, html, page, config, files):
        html = aligned_by_class(html)
        if page.meta.get("markdown_body"):
            return clean(html)
        return html

    # After the search plugin's, so that its index, which the header search reads, is in
    # the offline copy.
    @event_priority(-50)
    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        # While serving, they stay as written, to be read in the browser's own tools.
        if not self.serving and config.theme.custom_dir:
            minify.stylesheets(Path(config.theme.custom_dir) / "assets", site_dir / "assets")
        # While serving, pages change at every save: sw.js stays the worker that removes
        # itself, so no copy is kept of a site being written.
        if not self.serving:
            offline.write(site_dir, self.config.offline_budget_kb)
        own_templates = [TEMPLATES, *([Path(config.theme.custom_dir)]
                                      if config.theme.custom_dir else [])]
        try:
            headers.write(site_dir, own_templates)
        except headers.UnknownScript as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server, config, builder):
        folders = {pattern.split("/")[0] for pattern, _, _ in LAYOUT}
        for folder in sorted(folders | {councils.FOLDER}):
            server.watch(str(self.root / folder))
        server.watch(str(TEMPLATES))
        return server
