"""The web app manifest of each council's build, made from its profile: its name, short
name, colours and logo as icons, read by Chromium's own manifest parser with no error, and
installable (Chromium lists nothing that stops it)."""

from __future__ import annotations

import json
import re
import tempfile

import pytest

from conftest import CHROMIUM, ROOT
from generator import council as councils
from generator import localsite, webapp
from test_councils import COUNCILS, Builds


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory)


@pytest.mark.parametrize("council", COUNCILS)
def test_each_councils_manifest_names_it_in_its_colours_with_its_logo(builds, council):
    profile, problems = councils.load_profile(ROOT, council)
    assert problems == []
    site = builds[council][0] / "site"
    manifest = json.loads((site / webapp.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == profile.name
    assert manifest["short_name"] == profile.short_name
    assert manifest["theme_color"] == profile.colours.light.primary
    assert manifest["start_url"] == manifest["scope"] == "./"
    logo = (ROOT / profile.logo).read_text(encoding="utf-8")
    drawing = re.search(r"<svg\b[^>]*>(.*)</svg>", logo, re.S).group(1)
    assert [icon["purpose"] for icon in manifest["icons"]] == ["any", "maskable"]
    for icon in manifest["icons"]:
        svg = (site / icon["src"]).read_text(encoding="utf-8")
        # The logo, on the header's colour, as the site's header shows it.
        assert f'fill="{profile.colours.light.primary}"' in svg
        assert drawing in svg
    # Every page names it.
    for page in ("index.html", "needs/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<link rel="manifest" href="(\.\./)?manifest\.webmanifest">', html)


@pytest.mark.parametrize("council", COUNCILS)
def test_chromium_reads_each_manifest_without_error_and_could_install_the_site(
        browser, builds, council):
    profile, _ = councils.load_profile(ROOT, council)
    site = builds[council][0] / "site"
    # A browser profile on disk: Chromium installs nothing from a private window.
    with localsite.serve(site) as url, tempfile.TemporaryDirectory() as user_data:
        context = browser.browser_type.launch_persistent_context(
            user_data, executable_path=CHROMIUM, args=localsite.CHROMIUM_ARGS,
            service_workers="block")
        page = context.new_page()
        page.goto(url)
        session = context.new_cdp_session(page)
        read = session.send("Page.getAppManifest")
        installable = session.send("Page.getInstallabilityErrors")
        context.close()
    assert read["url"] == url + webapp.MANIFEST
    assert read["errors"] == []
    parsed = read["manifest"]
    assert parsed["name"] == profile.name
    assert parsed["startUrl"] == parsed["scope"] == url
    assert [icon["url"] for icon in parsed["icons"]] == [url + webapp.ICON,
                                                        url + webapp.MASKABLE_ICON]
    red, green, blue = (int(profile.colours.light.primary[i:i + 2], 16) for i in (1, 3, 5))
    assert parsed["themeColor"] == f"rgba({red},{green},{blue},1)"
    assert installable["installabilityErrors"] == []


def test_a_logo_with_a_size_and_no_viewbox_is_scaled_into_the_icon(builds):
    profile, _ = councils.load_profile(ROOT, "example-north")
    logo = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="48px" height="24"><rect width="48" height="24"/></svg>\n'
    icon = webapp.icon_svg(logo, profile, webapp.ICON)
    assert ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24" x="64" y="64" '
            'width="384" height="384" color="#ffffff"><rect width="48" height="24"/></svg></svg>'
            ) in icon
    assert "<?xml" not in icon
