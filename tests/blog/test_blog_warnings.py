"""Bad front matter and options give one located, typed, suppressible warning per problem."""

from __future__ import annotations

import re

import pytest

from series_helpers import page

_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_LOCATED = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: .* \[blog\.(?P<subtype>\w+)\]$")
# Each warning is located at the line of its key (line 1 is the front matter's "---").
EXPECTED = {
    ("bad-date.md", 2, "invalid_date"),
    ("bad-updated.md", 3, "invalid_date"),
    ("early-update.md", 3, "updated_before_date"),
    ("bad-category.md", 3, "invalid_category"),
    ("bad-category.md", 4, "invalid_tags"),
    ("not-a-post.md", 2, "not_a_post"),
    ("index.md", 3, "invalid_option"),
    ("typo.md", 3, "unknown_key"),
}
NO_BASEURL = (
    "WARNING: html_baseurl is not set, so no Atom feed is written (feeds need absolute "
    "links); set html_baseurl to the site's public address, or blog_feeds = False "
    "[blog.no_baseurl]"
)


def warning_lines(app):
    return _COLOUR.sub("", app.warning.getvalue()).splitlines()


@pytest.mark.sphinx("html", testroot="blog-warnings", srcdir="blog-warnings", freshenv=True)
def test_each_problem_warns_once_at_its_location(app):
    app.build()
    lines = warning_lines(app)
    assert lines.count(NO_BASEURL) == 1
    found = []
    for line in lines:
        if line == NO_BASEURL:
            continue
        match = _LOCATED.match(line)
        assert match, f"unlocated or untyped warning: {line!r}"
        found.append((match["path"].rpartition("/")[2], int(match["line"]), match["subtype"]))
    assert sorted(found) == sorted(EXPECTED)
    # No feed with relative links: no feed at all, and no feed links in the head.
    assert not (app.outdir / "atom.xml").exists()
    assert not (app.outdir / "feeds").exists()
    assert "application/atom+xml" not in (app.outdir / "index.html").read_text(encoding="utf8")


@pytest.mark.sphinx(
    "html", testroot="blog-warnings", srcdir="blog-warnings-fallbacks", freshenv=True
)
def test_bad_values_fall_back_without_dropping_the_post(app):
    app.build()
    html = (app.outdir / "bad-updated.html").read_text(encoding="utf8")
    assert '<time datetime="2022-07-13">' in html
    assert "blog-updated" not in html
    # A category that is not a name is left out; the post is still a post.
    assert "blog-byline" in (app.outdir / "bad-category.html").read_text(encoding="utf8")
    assert "blog-byline" not in (app.outdir / "bad-date.html").read_text(encoding="utf8")
    # `:limit: three` lists every post.
    index = (app.outdir / "index.html").read_text(encoding="utf8")
    assert index.count('class="blog-post"') == 4


@pytest.mark.sphinx(
    "html",
    testroot="blog-warnings",
    srcdir="blog-warnings-suppressed",
    freshenv=True,
    confoverrides={"suppress_warnings": ["blog.invalid_date", "blog.no_baseurl"]},
)
def test_suppressed_by_type(app):
    app.build()
    text = app.warning.getvalue()
    assert "blog.invalid_date" not in text
    assert "blog.no_baseurl" not in text
    assert "blog.invalid_category" in text


@pytest.mark.sphinx(
    "html",
    testroot="blog-warnings",
    srcdir="blog-warnings-known-keys",
    freshenv=True,
    confoverrides={"blog_known_keys": ["catgory"]},
)
def test_keys_of_other_extensions_can_be_declared(app):
    app.build()
    assert "blog.unknown_key" not in app.warning.getvalue()


@pytest.mark.sphinx(
    "html",
    testroot="blog-warnings",
    srcdir="blog-warnings-config",
    freshenv=True,
    confoverrides={"blog_words_per_minute": 3, "blog_feed_length": -1, "blog_feeds": False},
)
def test_config_out_of_range(app):
    lines = [line for line in warning_lines(app) if "[blog.config]" in line]
    assert lines == [
        "WARNING: blog_words_per_minute must be an integer of at least 50, not 3; using 200 "
        "[blog.config]",
        "WARNING: blog_feed_length must be a whole number, not -1; using 20 [blog.config]",
    ]
    app.build()
    # blog_feeds = False: no feed is wanted, so no base-URL warning either.
    assert "blog.no_baseurl" not in app.warning.getvalue()


@pytest.mark.sphinx(
    "html",
    testroot="blog-warnings",
    srcdir="blog-warnings-series",
    freshenv=True,
    confoverrides={"extensions": ["myst_parser", "sphinx_post_series", "sphinx_post_series.blog"]},
)
def test_bad_date_of_a_series_post_warns_once(app):
    (app.srcdir / "bad-date.md").write_text(
        "---\nseries: S\ndate: 13 July 2022\n---\n\n# Bad date\n", encoding="utf8"
    )
    app.build()
    lines = [line for line in warning_lines(app) if "bad-date.md" in line]
    assert len(lines) == 1
    assert lines[0].endswith("[series.invalid_date]")


@pytest.mark.parametrize("written", ["20220713", "2022-W28-3"])
@pytest.mark.parametrize("has_series", [False, True])
def test_a_date_is_a_date_to_both_extensions_or_to_neither(
    make_app, rootdir, tmp_path, written, has_series
):
    # Python reads "20220713" and "2022-W28-3" as ISO dates; the series extension does not,
    # and a page must not be a dated post to one extension and undated to the other.
    from series_helpers import copy_root

    srcdir = copy_root(rootdir, "blog-warnings", tmp_path)
    series = "series: S\n" if has_series else ""
    (srcdir / "bad-date.md").write_text(
        f"---\n{series}date: {written}\n---\n\n# Bad date\n", encoding="utf8"
    )
    extensions = ["myst_parser", "sphinx_post_series", "sphinx_post_series.blog"]
    overrides = {"extensions": extensions} if has_series else {}
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    app.build()
    lines = [line for line in warning_lines(app) if "bad-date.md" in line]
    subtype = "series.invalid_date" if has_series else "blog.invalid_date"
    assert len(lines) == 1
    assert lines[0].endswith(f"[{subtype}]")
    assert "blog-byline" not in (app.outdir / "bad-date.html").read_text(encoding="utf8")


@pytest.mark.parametrize(
    ("syntax", "source", "expected"),
    [
        # YAML's empty and true/false values are no names, though MyST hands them over as
        # the text "null" and "True".
        (
            ".md",
            "---\ndate: 2022-07-13\ncategory:\nauthor: true\ntags: [a]\n---\n\n# Post\n",
            {(3, "invalid_category"), (4, "invalid_author")},
        ),
        # reStructuredText fields are text: "null" is a name there, as written.
        (
            ".rst",
            ":date: 2022-07-13\n:category: null\n:catgory: x\n\nPost\n====\n",
            {(3, "unknown_key")},
        ),
    ],
)
def test_front_matter_is_read_with_its_kinds_and_lines(
    make_app, rootdir, tmp_path, syntax, source, expected
):
    from series_helpers import copy_root

    srcdir = copy_root(rootdir, "blog-warnings", tmp_path)
    (srcdir / f"kinds{syntax}").write_text(source, encoding="utf8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    found = set()
    for line in warning_lines(app):
        match = _LOCATED.match(line)
        if match and match["path"].rpartition("/")[2] == f"kinds{syntax}":
            found.add((int(match["line"]), match["subtype"]))
    assert found == expected
    # The post stays a post, by the default author, without the values that are no names.
    byline = page(app, "kinds").find("p", class_="blog-byline")
    categories = byline.find("span", class_="blog-categories")
    assert byline.find("span", class_="blog-authors").get_text() == "Test"
    if syntax == ".md":
        assert categories is None
    else:
        assert categories.get_text() == "null"


@pytest.mark.parametrize("has_series", [False, True])
def test_a_description_that_is_no_text_is_reported_once_and_left_out(
    make_app, rootdir, tmp_path, has_series
):
    from series_helpers import copy_root

    srcdir = copy_root(rootdir, "blog-warnings", tmp_path)
    series = "series: S\n" if has_series else ""
    (srcdir / "nothing.md").write_text(
        f"---\ndate: 2022-07-13\n{series}description: null\n---\n\n# Nothing to say\n",
        encoding="utf8",
    )
    extensions = ["myst_parser", "sphinx_post_series", "sphinx_post_series.blog"]
    overrides = {"extensions": extensions} if has_series else {}
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    app.build()
    found = [
        (int(match["line"]), line.rpartition("[")[2].rstrip("]"))
        for line in warning_lines(app)
        if "nothing.md" in line and (match := re.match(r"^\S+?:(?P<line>\d+): ", line))
    ]
    line = 4 if has_series else 3
    assert found == [(line, "series.invalid_value" if has_series else "blog.invalid_description")]
    # MyST hands the value over as the text "null"; no reader sees it.
    entry = page(app, "index").find("a", href="nothing.html").find_parent("li")
    assert entry.find("p", class_="blog-summary") is None
    assert "null" not in (app.outdir / "nothing.html").read_text(encoding="utf8")
