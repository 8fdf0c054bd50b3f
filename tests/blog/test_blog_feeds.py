"""Atom feeds, read back with feedparser: ids, dates, links, order, and the head links."""

from __future__ import annotations

import time

import feedparser
import pytest

from series_helpers import page

BASE = "https://blog.example.org/en/latest/"


def parsed(app, path):
    feed = feedparser.parse((app.outdir / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def day(struct):
    return time.strftime("%Y-%m-%d", struct)


@pytest.mark.sphinx("html", testroot="blog-basic", srcdir="blog-feeds", freshenv=True)
def test_blog_feed(app):
    app.build()
    assert app.warning.getvalue() == ""
    feed = parsed(app, "atom.xml")
    assert feed.feed.id == BASE + "atom.xml"
    assert feed.feed.title == "Blog test"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": BASE + "atom.xml", "alternate": BASE + "index.html"}
    # The newest change of any post, not the build time: an unchanged blog, an unchanged feed.
    assert day(feed.feed.updated_parsed) == "2023-03-10"

    assert [entry.id for entry in feed.entries] == [
        BASE + "posts/standalone.html",
        BASE + "posts/second.html",
        BASE + "posts/first.html",
    ]
    second = feed.entries[1]
    assert second.title == "Second closeness post"
    assert second.link == BASE + "posts/second.html"
    assert day(second.published_parsed) == "2023-01-05"
    assert day(second.updated_parsed) == "2023-02-01"
    assert [author.name for author in second.authors] == ["Ann Lee", "Bo Chen"]
    assert second.summary == "What gets in the way."
    assert [(tag.term, tag.label) for tag in second.tags] == [
        ("family-counseling", "Family Counseling"),
        ("couples", "Couples"),
    ]
    first = feed.entries[2]
    assert [author.name for author in first.authors] == ["The Test Team"]
    assert day(first.updated_parsed) == day(first.published_parsed) == "2022-07-13"
    # No page that is not a post.
    assert not any("draft-note" in entry.id for entry in feed.entries)


@pytest.mark.sphinx("html", testroot="blog-basic", srcdir="blog-feeds-series", freshenv=True)
def test_series_and_category_feeds(app):
    app.build()
    series = parsed(app, "feeds/series/closeness.xml")
    assert series.feed.title == "Blog test: Closeness"
    assert series.feed.link == BASE + "landing.html"
    assert [e.id for e in series.entries] == [BASE + "posts/second.html", BASE + "posts/first.html"]
    couples = parsed(app, "feeds/category/couples.xml")
    assert couples.feed.link == BASE + "category/couples.html"
    assert [e.id for e in couples.entries] == [
        BASE + "posts/standalone.html",
        BASE + "posts/second.html",
    ]
    assert sorted(p.name for p in (app.outdir / "feeds" / "category").iterdir()) == [
        "couples.xml",
        "family-counseling.xml",
    ]


def alternates(app, docname):
    head = page(app, docname).find("head")
    return {
        link["href"]: link["title"]
        for link in head.find_all("link", rel="alternate", type="application/atom+xml")
    }


@pytest.mark.sphinx("html", testroot="blog-basic", srcdir="blog-feeds-head", freshenv=True)
def test_every_page_links_its_feeds(app):
    app.build()
    blog = {BASE + "atom.xml": "Blog test"}
    series = {BASE + "feeds/series/closeness.xml": "Blog test: Closeness"}
    assert alternates(app, "index") == blog
    assert alternates(app, "posts/draft-note") == blog
    assert alternates(app, "posts/standalone") == blog
    assert alternates(app, "posts/first") == blog | series
    assert alternates(app, "landing") == blog | series
    assert alternates(app, "category/couples") == blog | {
        BASE + "feeds/category/couples.xml": "Blog test: Couples"
    }


@pytest.mark.sphinx(
    "html",
    testroot="blog-basic",
    srcdir="blog-feeds-limit",
    freshenv=True,
    confoverrides={"blog_feed_length": 1, "html_baseurl": "https://example.org/no-slash"},
)
def test_feed_length_and_base_without_slash(app):
    app.build()
    feed = parsed(app, "atom.xml")
    assert [e.id for e in feed.entries] == ["https://example.org/no-slash/posts/standalone.html"]


@pytest.mark.sphinx("dirhtml", testroot="blog-basic", srcdir="blog-feeds-dirhtml", freshenv=True)
def test_dirhtml_feed_links(app):
    app.build()
    feed = parsed(app, "atom.xml")
    assert feed.entries[0].link == BASE + "posts/standalone/"


@pytest.mark.sphinx("epub", testroot="blog-basic", srcdir="blog-feeds-epub", freshenv=True)
def test_no_feed_in_an_epub(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert not (app.outdir / "atom.xml").exists()
    assert "application/atom+xml" not in (app.outdir / "index.xhtml").read_text(encoding="utf8")


def test_feeds_follow_a_new_post(make_app, rootdir, tmp_path):
    from series_helpers import copy_root

    srcdir = copy_root(rootdir, "blog-basic", tmp_path)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    app.cleanup()
    (srcdir / "posts" / "newer.md").write_text(
        "---\ndate: 2024-05-01\ncategory: Couples\n---\n\n# A newer post\n", encoding="utf8"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert parsed(app, "atom.xml").entries[0].id == BASE + "posts/newer.html"
    assert parsed(app, "feeds/category/couples.xml").entries[0].id == BASE + "posts/newer.html"
    assert len(parsed(app, "feeds/series/closeness.xml").entries) == 2
