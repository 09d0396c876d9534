"""data/datapackage.json and data/README.txt: the open data described as a Frictionless Data
Package, and its terms of use, matching the files the build actually wrote."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from generator import export
from generator.build import check

JSON_TYPES = {"string": str, "boolean": bool, "array": list, "object": dict, "number": (int, float)}


def package_of(built_site: Path) -> dict:
    return json.loads((built_site / "data/datapackage.json").read_text(encoding="utf-8"))


def has_type(value, kind: str) -> bool:
    if kind == "any" or value is None:
        return True
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, JSON_TYPES[kind]) and not (kind != "boolean" and isinstance(value, bool))


def test_the_package_lists_every_data_file_and_nothing_else(built_site: Path):
    package = package_of(built_site)
    written = {path.name for path in (built_site / "data").iterdir()}
    assert {"datapackage.json", "README.txt", "schema"} <= written
    # The saved files' JSON Schemas describe a format, not data: README.txt names them.
    written.discard("schema")
    assert "audit.schema.json" in (built_site / "data" / "README.txt").read_text("utf-8")
    assert sorted(r["path"] for r in package["resources"]) == sorted(
        written - {"datapackage.json", "README.txt"})
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names))
    assert package["name"] == "semh-strategy-finder" and package["title"]


def test_each_json_file_has_exactly_the_fields_and_types_the_package_says(built_site: Path):
    for resource in package_of(built_site)["resources"]:
        if resource["format"] != "json":
            continue
        assert resource["mediatype"] == "application/json"
        data = json.loads((built_site / "data" / resource["path"]).read_text(encoding="utf-8"))
        records = data if isinstance(data, list) else [data]
        fields = resource["schema"]["fields"]
        assert records, resource["path"]
        for record in records:
            assert list(record) == [field["name"] for field in fields], resource["path"]
            for field in fields:
                assert has_type(record[field["name"]], field["type"]), (resource["path"], field)


def test_the_csv_header_is_the_package_fields(built_site: Path):
    [resource] = [r for r in package_of(built_site)["resources"] if r["format"] == "csv"]
    assert (resource["mediatype"], resource["path"]) == ("text/csv", "strategies.csv")
    text = (built_site / "data/strategies.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [field["name"] for field in resource["schema"]["fields"]]
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)


def test_each_file_names_the_source_documents_it_draws_on(built_site: Path, site):
    by_path = {r["path"]: r for r in package_of(built_site)["resources"]}

    def files(path: str) -> list[str]:
        return [source["file"] for source in by_path[path]["sources"]]

    wiltshire, essex, kent = ("002_4e366928d7b06a22.txt", "001_c8483e522c39e0c8.txt",
                              "000_95c499e47f275a01.txt")
    assert files("strategies.json") == files("strategies.csv") == [wiltshire]
    assert files("audit.json") == [essex]
    assert files("courses.json") == files("pathway.json") == [kent]
    assert files("sources.json") == [document.file for document in site.sources]
    assert files("pages.json") == []
    for resource in by_path.values():
        for source in resource["sources"]:
            assert source["title"].startswith(site.source[source["file"]].council)


def test_the_terms_name_the_site_licence_and_each_councils_terms(built_site: Path, site):
    package = package_of(built_site)
    assert package["licenses"] == [{
        "name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
        "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}]
    # None of the five documents states terms of use for its words.
    assert [s["terms"] for s in package["sources"]] == ["not stated in the source"] * 5
    readme = (built_site / "data/README.txt").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in readme
    assert "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" in readme
    for document in site.sources:
        assert f"({document.file}):\n  not stated in the source\n" in readme
    for resource in package["resources"]:
        assert f"- {resource['path']}: " in readme
    assert "starts with =, +, -, @, a tab or a carriage return gets a leading '" in " ".join(
        readme.split())


def test_terms_a_council_states_and_another_licence_are_carried_through(project: Path):
    sources = project / "content/sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace(
        '  council: "Essex County Council"\n',
        '  council: "Essex County Council"\n  terms: "© Example terms stated in the document"\n'),
        encoding="utf-8")
    terms = project / "content/terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8")
                     .replace("licence: Open Government Licence v3.0",
                              "licence: Creative Commons Attribution 4.0")
                     .replace("licence_id: OGL-UK-3.0", "licence_id: CC-BY-4.0"),
                     encoding="utf-8")
    site, problems = check(project)
    assert problems == []
    written = dict(export.files(site))
    package = json.loads(written["data/datapackage.json"])
    assert [s["terms"] for s in package["sources"]] == [
        "not stated in the source", "© Example terms stated in the document",
        "not stated in the source", "not stated in the source", "not stated in the source"]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "(001_c8483e522c39e0c8.txt):\n  © Example terms stated in the document\n" in (
        written["data/README.txt"])
    assert "published under the Creative Commons Attribution 4.0:" in " ".join(
        written["data/README.txt"].split())
