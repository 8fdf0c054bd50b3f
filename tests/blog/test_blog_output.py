"""Bylines and post lists as readers see them, in every builder."""

from __future__ import annotations

import json

import pytest
from defusedxml import ElementTree

from series_helpers import copy_root, page


def text_of(tag):
    # Without a separator between tags: "Family Counseling, Couples" stays as readers see it.
    return " ".join(tag.get_text().split())


def byline(soup):
    return soup.find("p", class_="blog-byline")


def entries(container):
    return [
        text_of(item.find("p", class_="blog-post-title"))
        for item in container.select("li.blog-post")
    ]


@pytest.mark.sphinx("html", testroot="blog-basic", srcdir="blog-basic-html", freshenv=True)
def test_html_bylines(app):
    app.build()
    assert app.warning.getvalue() == ""
    first = page(app, "posts/first")
    line = byline(first)
    assert text_of(line) == "July 13, 2022 · Family Counseling · The Test Team · 1 min read"
    # Directly under the title, above the series box.
    assert first.find("h1").find_next_sibling() is line
    assert line.find_next_sibling()["class"][0] == "series-nav"
    time = line.find("time")
    assert (time["datetime"], time.get_text()) == ("2022-07-13", "July 13, 2022")
    assert line.find("a")["href"] == "../category/family-counseling.html"

    second = byline(page(app, "posts/second"))
    assert text_of(second) == (
        "January 5, 2023 · Family Counseling, Couples · Ann Lee and Bo Chen · 1 min read"
        " · Updated February 1, 2023"
    )
    assert [t["datetime"] for t in second.find_all("time")] == ["2023-01-05", "2023-02-01"]
    assert [a["href"] for a in second.find_all("a")] == [
        "../category/family-counseling.html",
        "../category/couples.html",
    ]
    # A page without a date is not a post: no byline.
    assert byline(page(app, "posts/draft-note")) is None
    assert byline(page(app, "index")) is None


@pytest.mark.sphinx("html", testroot="blog-basic", srcdir="blog-basic-lists", freshenv=True)
def test_html_post_lists(app):
    app.build()
    latest = page(app, "index").find("div", class_="blog-post-list")
    assert entries(latest) == ["A standalone post", "Second closeness post"]
    second = latest.select("li.blog-post")[1]
    assert second.find("a")["href"] == "posts/second.html"
    assert text_of(second.find("p", class_="blog-post-meta")) == (
        "January 5, 2023 · Part 2 of 3 in the series Closeness · Family Counseling, Couples"
    )
    assert text_of(second.find("p", class_="blog-summary")) == "What gets in the way."

    archive = page(app, "archive").find("div", class_="blog-post-list")
    years = archive.find_all("h2", class_="blog-year")
    assert [text_of(h) for h in years] == ["2023", "2022"]
    assert entries(years[0].find_next_sibling("ul")) == [
        "A standalone post",
        "Second closeness post",
    ]
    assert entries(years[1].find_next_sibling("ul")) == ["First closeness post"]

    in_series = page(app, "landing").find("div", class_="blog-post-list")
    assert entries(in_series) == ["Second closeness post", "First closeness post"]


@pytest.mark.sphinx("html", testroot="blog-basic", srcdir="blog-basic-categories", freshenv=True)
def test_generated_category_pages(app):
    app.build()
    couples = page(app, "category/couples")
    assert text_of(couples.find("h1")) == "Posts in Couples"
    assert couples.find("title").get_text().startswith("Posts in Couples")
    listed = couples.find("div", class_="blog-post-list")
    assert entries(listed) == ["A standalone post", "Second closeness post"]
    assert listed.find("a")["href"] == "../posts/standalone.html"
    family = page(app, "category/family-counseling")
    assert entries(family.find("div", class_="blog-post-list")) == [
        "Second closeness post",
        "First closeness post",
    ]
    assert sorted(p.name for p in (app.outdir / "category").iterdir()) == [
        "couples.html",
        "family-counseling.html",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="blog-basic",
    srcdir="blog-basic-no-category-pages",
    freshenv=True,
    confoverrides={"blog_category_pages": False, "blog_default_author": "Guest Writer"},
)
def test_without_category_pages_names_are_plain(app):
    app.build()
    line = byline(page(app, "posts/first"))
    assert text_of(line) == "July 13, 2022 · Family Counseling · Guest Writer · 1 min read"
    assert line.find("a") is None
    assert not (app.outdir / "category").exists()


@pytest.mark.sphinx("text", testroot="blog-basic", srcdir="blog-basic-text", freshenv=True)
def test_text_byline_and_list(app):
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / "posts" / "second.txt").read_text(encoding="utf8")
    lines = text.splitlines()
    assert lines[0] == "Second closeness post"
    assert " ".join(" ".join(lines[3:5]).split()) == (
        "January 5, 2023 · Family Counseling, Couples · Ann Lee and Bo Chen · 1 min read"
        " · Updated February 1, 2023"
    )
    index = " ".join((app.outdir / "index.txt").read_text(encoding="utf8").split())
    assert "A standalone post March 10, 2023 · Couples A post on its own." in index


@pytest.mark.sphinx("latex", testroot="blog-basic", srcdir="blog-basic-latex", freshenv=True)
def test_latex_byline(app):
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "blog.tex").read_text(encoding="utf8")
    assert (
        r"July 13, 2022 · \DUrole{blog-categories}{Family Counseling} · "
        r"\DUrole{blog-authors}{The Test Team} · \DUrole{blog-reading-time}{1 min read}"
    ) in tex
    # The archive's years are unnumbered headings.
    assert r"\section*{2023}" in tex


@pytest.mark.sphinx("epub", testroot="blog-basic", srcdir="blog-basic-epub", freshenv=True)
def test_epub_byline_has_time_and_no_category_links(app):
    app.build()
    assert app.warning.getvalue() == ""
    line = byline(page(app, "posts/first", ".xhtml"))
    assert text_of(line) == "July 13, 2022 · Family Counseling · The Test Team · 1 min read"
    assert line.find("time")["datetime"] == "2022-07-13"
    # An EPUB has no category pages, so the name is not a link.
    assert line.find("a") is None


@pytest.mark.sphinx(
    "html",
    testroot="blog-basic",
    srcdir="blog-basic-es",
    freshenv=True,
    confoverrides={"language": "es"},
)
def test_dates_and_names_in_the_site_language(app):
    app.build()
    line = byline(page(app, "posts/second"))
    assert line.find("time").get_text() == "5 de enero de 2023"
    assert line.find("span", class_="blog-authors").get_text() == "Ann Lee y Bo Chen"
    assert text_of(line.find("span", class_="blog-reading-time")) == "1 min de lectura"
    assert (
        text_of(line.find("span", class_="blog-updated")) == "Actualizado el 1 de febrero de 2023"
    )
    meta = page(app, "index").find_all("p", class_="blog-post-meta")[1]
    assert "Parte 2 de 3 de la serie Closeness" in text_of(meta)


@pytest.mark.parametrize(
    ("language", "date", "authors", "tag"),
    [
        # Sphinx spells regional languages with "-" or "_" and scripts as gettext's "@latin";
        # each must reach Babel as that region or script, not fall back to another form.
        ("en-GB", "5 January 2023", "Ann Lee and Bo Chen", "en-GB"),
        ("pt_BR", "5 de janeiro de 2023", "Ann Lee e Bo Chen", "pt-BR"),
        ("sr@latin", "5. januar 2023.", "Ann Lee i Bo Chen", "sr-Latn"),
    ],
)
def test_regional_languages_write_dates_as_the_series_boxes_do(
    make_app, rootdir, tmp_path, language, date, authors, tag
):
    srcdir = copy_root(rootdir, "blog-basic", tmp_path)
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={"language": language})
    app.build()
    line = byline(page(app, "posts/second"))
    assert line.find("time").get_text() == date
    assert line.find("span", class_="blog-authors").get_text() == authors
    # The series extension writes the same date the same way in its list of parts.
    landing = page(app, "landing")
    assert date in text_of(landing.find(class_="series-contents"))
    # Feeds and JSON-LD name the language as BCP 47 does.
    feed = ElementTree.parse(app.outdir / "atom.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == tag
    script = page(app, "posts/second").find("script", type="application/ld+json")
    assert json.loads(script.string)["inLanguage"] == tag


def test_compiled_catalogs_match_their_sources():
    from pathlib import Path

    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    import sphinx_post_series.blog

    locales = Path(sphinx_post_series.blog.__file__).parent / "locales"
    with (locales / "sphinx_post_series_blog.pot").open("rb") as pot_file:
        template = {m.id for m in read_po(pot_file) if m.id}
    for po_path in locales.glob("*/LC_MESSAGES/sphinx_post_series_blog.po"):
        with po_path.open("rb") as po_file, po_path.with_suffix(".mo").open("rb") as mo_file:
            source = {m.id: m.string for m in read_po(po_file) if m.id}
            compiled = {m.id: m.string for m in read_mo(mo_file) if m.id}
        assert source == compiled, po_path
        assert set(source) == template, po_path
        assert all(source.values()), po_path


@pytest.mark.sphinx(
    "html",
    testroot="blog-basic",
    srcdir="blog-basic-alone",
    freshenv=True,
    confoverrides={
        "extensions": ["myst_parser", "sphinx_post_series.blog"],
        # Nothing reads the posts' series keys now; declaring them keeps the build quiet.
        "blog_known_keys": ["series", "series_part"],
    },
)
def test_works_without_the_series_extension(app):
    # The landing page uses the series directive; without the series extension it is unknown.
    (app.srcdir / "landing.md").write_text("# Closeness series\n", encoding="utf8")
    app.build()
    assert app.warning.getvalue() == ""
    latest = page(app, "index").find("div", class_="blog-post-list")
    assert entries(latest) == ["A standalone post", "Second closeness post"]
    assert "series" not in text_of(latest)
    assert byline(page(app, "posts/first")) is not None
