"""Bad input gives one located, typed, suppressible warning per problem."""

from __future__ import annotations

import re

import pytest

EXPECTED = {
    # Front-matter problems point at the line of their key.
    ("bad-part.md", 3, "invalid_part"),
    ("bad-date.md", 3, "invalid_date"),
    ("dup-b.md", 2, "duplicate_part"),
    ("gap-3.md", 2, "gap"),
    ("case-b.md", 2, "name_mismatch"),
    ("case-c.md", 2, "name_mismatch"),
    ("orphan-part.md", 2, "missing_series"),
    ("mixed-x.md", 2, "ambiguous_order"),
    ("landing.md", 5, "announced_collision"),
    ("landing.md", 6, "invalid_announcement"),
    ("landing2.md", 3, "duplicate_declaration"),
    ("listing.md", 5, "unknown_series"),
}
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: .* \[series\.(?P<subtype>\w+)\]$")


def located_warnings(app):
    found = []
    for line in _COLOUR.sub("", app.warning.getvalue()).splitlines():
        match = _WARNING.match(line)
        assert match, f"unlocated or untyped warning: {line!r}"
        path = match["path"].rpartition("/")[2]
        found.append((path, int(match["line"]), match["subtype"]))
    return found


@pytest.mark.sphinx("html", testroot="series-warnings", srcdir="series-warnings", freshenv=True)
def test_each_problem_warns_once_at_its_location(app):
    app.build()
    found = located_warnings(app)
    assert sorted(found) == sorted(EXPECTED)
    assert "Traceback" not in app.status.getvalue()
    # The build went on and rendered what it could.
    assert (app.outdir / "dup-b.html").is_file()


@pytest.mark.sphinx(
    "html",
    testroot="series-warnings",
    srcdir="series-warnings-suppress-one",
    freshenv=True,
    confoverrides={"suppress_warnings": ["series.gap", "series.invalid_part"]},
)
def test_suppress_one_subtype(app):
    app.build()
    assert sorted(located_warnings(app)) == sorted(
        w for w in EXPECTED if w[2] not in {"gap", "invalid_part"}
    )


@pytest.mark.sphinx(
    "html",
    testroot="series-warnings",
    srcdir="series-warnings-suppress-all",
    freshenv=True,
    confoverrides={"suppress_warnings": ["series"]},
)
def test_suppress_all(app):
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx(
    "html",
    testroot="series-basic",
    srcdir="series-basic-badconfig",
    freshenv=True,
    confoverrides={"series_fold_threshold": 2},
)
def test_bad_config_value_warns(app):
    app.build()
    assert "series_fold_threshold must be an integer of at least 5" in app.warning.getvalue()
    assert "[series.config]" in app.warning.getvalue()
