"""The MkDocs plugin: regenerate the docs folder from YAML before every build, and write
the security headers for what was built after it.

It uses only MkDocs' public plugin events (on_config, on_pre_build, on_post_build,
on_serve), which ProperDocs keeps, so moving engine stays a configuration change.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator import council as councils
from generator import headers
from generator.build import generate
from generator.load import LAYOUT
from generator.problems import ContentError
from generator.render import TEMPLATES


class SemhConfig(Config):
    root = config_options.Type(str, default=".")
    """The project folder holding content/ and strategies/, relative to mkdocs.yml."""
    council = config_options.Type(str, default=councils.DEFAULT)
    """The publishing council: the profile councils/<council>.yaml."""


class SemhPlugin(BasePlugin[SemhConfig]):
    def on_config(self, config):
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        profile, problems = councils.load_profile(self.root, self.config.council)
        if problems:
            raise PluginError(str(ContentError(problems)))
        # The theme's partials (footer, report link) read the council from extra.
        config.extra["council"] = councils.theme_extra(profile)
        return config

    def on_pre_build(self, config):
        try:
            generate(self.root, Path(config.docs_dir), self.config.council)
        except ContentError as error:
            # A BuildError is reported by MkDocs as its message alone, with no traceback.
            raise PluginError(str(error)) from None

    def on_post_build(self, config):
        headers.write(Path(config.site_dir))

    def on_serve(self, server, config, builder):
        folders = {pattern.split("/")[0] for pattern, _, _ in LAYOUT}
        for folder in sorted(folders | {councils.FOLDER}):
            server.watch(str(self.root / folder))
        server.watch(str(TEMPLATES))
        return server
