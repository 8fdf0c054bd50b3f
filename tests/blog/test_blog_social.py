"""What search engines and social sites read: meta tags, OpenGraph, JSON-LD, sitemap, 404."""

from __future__ import annotations

import json

import pytest
from defusedxml import ElementTree

from series_helpers import page

BASE = "https://notes.example.org/en/latest/"
# sphinx-sitemap 2.9 (loaded by the blog-social root, as on the site) still reads env.app,
# which Sphinx 9 deprecates; that is its maintainers' to change, not a failure of ours.
pytestmark = pytest.mark.filterwarnings(
    "ignore:'sphinx.environment.BuildEnvironment.app' is deprecated"
)
DESIRE_DESCRIPTION = "How daily closeness and desire move together."


def json_ld(soup):
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def meta(soup, **attributes):
    return [tag["content"] for tag in soup.head.find_all("meta", attrs=attributes)]


@pytest.mark.sphinx("html", testroot="blog-social", srcdir="blog-social-meta", freshenv=True)
def test_post_head(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = page(app, "posts/desire")
    # One description, the post's own (sphinxext-opengraph does not add its own).
    assert meta(soup, name="description") == [DESIRE_DESCRIPTION]
    assert meta(soup, property="og:description") == [DESIRE_DESCRIPTION]
    assert meta(soup, property="og:type") == ["article"]
    assert meta(soup, property="og:site_name") == ["Closeness Notes"]
    assert meta(soup, property="og:url") == [BASE + "posts/desire.html"]
    assert meta(soup, property="article:published_time") == ["2023-01-05"]
    assert meta(soup, property="article:modified_time") == ["2023-02-01"]
    assert meta(soup, property="article:author") == ["Ann Lee", "Bo Chen"]
    assert meta(soup, property="article:section") == ["Couples"]
    assert meta(soup, property="article:tag") == ["desire"]
    # A page that is not a post stays a website, with no post facts.
    home = page(app, "index")
    assert meta(home, property="og:type") == ["website"]
    assert meta(home, property="article:published_time") == []
    assert home.find("script", type="application/ld+json") is None


@pytest.mark.sphinx("html", testroot="blog-social", srcdir="blog-social-jsonld", freshenv=True)
def test_json_ld_matches_the_post(app):
    app.build()
    posting = json_ld(page(app, "posts/desire"))
    assert posting["@context"] == "https://schema.org"
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == "Desire and Daily Closeness: What Couples Report"
    assert posting["url"] == posting["@id"] == BASE + "posts/desire.html"
    assert (posting["datePublished"], posting["dateModified"]) == ("2023-01-05", "2023-02-01")
    assert posting["description"] == DESIRE_DESCRIPTION
    assert posting["author"] == [
        {"@type": "Person", "name": "Ann Lee"},
        {"@type": "Person", "name": "Bo Chen"},
    ]
    assert posting["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Closeness",
        "url": BASE + "landing.html",
    }
    assert posting["position"] == 2
    # The works the post cites, in the order first cited.
    assert [work["name"] for work in posting["citation"]] == [
        "Exploring the link between daily relationship quality, sexual desire, and sexual "
        "activity in couples",
        "Attachment versus differentiation: The contemporary couple therapy debate",
    ]
    first = posting["citation"][0]
    assert first["@type"] == "ScholarlyArticle"
    assert first["sameAs"] == "https://doi.org/10.1007/s10508-018-1175-x"
    assert first["datePublished"] == "2018"
    assert first["isPartOf"] == {"@type": "Periodical", "name": "Archives of Sexual Behavior"}


@pytest.mark.sphinx("html", testroot="blog-social", srcdir="blog-social-escape", freshenv=True)
def test_json_ld_is_safe_inside_html(app):
    app.build()
    soup = page(app, "posts/closeness")
    posting = json_ld(soup)
    assert (
        posting["description"] == "What closeness between partners is </script> & why it matters."
    )
    # The team that writes by default is an organisation; a post citing nothing has no list.
    assert posting["author"] == [{"@type": "Organization", "name": "The Closeness Notes team"}]
    assert "citation" not in posting
    assert posting["position"] == 1
    assert meta(soup, property="og:description") == [posting["description"]]
    raw = (app.outdir / "posts" / "closeness.html").read_text(encoding="utf8")
    # Only real script elements end with </script>: none inside JSON-LD or an attribute.
    assert raw.count("</script>") == raw.count("<script")


@pytest.mark.sphinx("html", testroot="blog-social", srcdir="blog-social-sitemap", freshenv=True)
def test_sitemap_lists_every_page_with_absolute_urls(app):
    app.build()
    tree = ElementTree.parse(app.outdir / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {loc.text for loc in tree.getroot().findall("s:url/s:loc", namespace)}
    assert {
        BASE + "index.html",
        BASE + "landing.html",
        BASE + "posts/desire.html",
        BASE + "posts/closeness.html",
        BASE + "category/couples.html",
    } <= urls


@pytest.mark.sphinx("html", testroot="blog-social", srcdir="blog-social-404", freshenv=True)
def test_404_links_work_from_any_depth(app):
    app.build()
    soup = page(app, "404")
    links = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    # "#..." and "" (the theme's link to the page itself) work wherever the page is served.
    links += [a["href"] for a in soup.find_all("a", href=True) if a["href"][:1] not in {"#", ""}]
    assert links
    for href in links:
        # Absolute: the same from /en/latest/missing and /en/latest/a/b/c/missing.
        assert href.startswith(("/en/latest/", "https://")), href


@pytest.mark.parametrize("builder", ["latex", "epub", "text", "singlehtml"])
def test_other_builders_build_cleanly(make_app, rootdir, tmp_path, builder):
    from series_helpers import copy_root

    app = make_app(builder, srcdir=copy_root(rootdir, "blog-social", tmp_path), freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
