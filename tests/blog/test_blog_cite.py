""" "Cite this post": the post's APA 7 reference, from sphinx-apa7's own style."""

from __future__ import annotations

import pytest

from series_helpers import page
from sphinx_post_series.blog._citation import sentence_case

BASE = "https://notes.example.org/en/latest/"
# sphinx-sitemap 2.9 (loaded by the blog-social root, as on the site) still reads env.app,
# which Sphinx 9 deprecates; that is its maintainers' to change, not a failure of ours.
pytestmark = pytest.mark.filterwarnings(
    "ignore:'sphinx.environment.BuildEnvironment.app' is deprecated"
)


def flat(tag):
    return " ".join(tag.get_text().split())


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Healthy Intimacy", "Healthy intimacy"),
        (
            "Desire and Daily Closeness: What Couples Report",
            "Desire and daily closeness: What couples report",
        ),
        ("EMDR Within a Systems Approach", "EMDR within a systems approach"),
        ("Reading McCarthy Today", "Reading McCarthy today"),
        ("“Why Now?” Asked Partners", "“Why now?” Asked partners"),
    ],
)
def test_sentence_case(title, expected):
    assert sentence_case(title) == expected


@pytest.mark.sphinx("html", testroot="blog-social", srcdir="blog-cite-html", freshenv=True)
def test_html_reference(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = page(app, "posts/desire")
    block = soup.find("div", class_="blog-cite")
    assert flat(block.find(class_="blog-cite-title")) == "Cite this post"
    reference = block.find("p", class_="blog-cite-reference")
    assert flat(reference) == (
        "Lee, A., & Chen, B. (2023, January 5). Desire and daily closeness: What couples report."
        f" Closeness Notes. {BASE}posts/desire.html"
    )
    assert flat(reference.find("em")) == "Desire and daily closeness: What couples report"
    assert reference.find("a")["href"] == BASE + "posts/desire.html"
    # After the post's references, before the series navigation that ends the page.
    assert block.find_previous("div", class_="citation") is not None
    assert "series-nav" in block.find_next_sibling()["class"]
    team = page(app, "posts/closeness").find("p", class_="blog-cite-reference")
    assert flat(team).startswith("The Closeness Notes team. (2022, July 13). Closeness between")


@pytest.mark.sphinx("latex", testroot="blog-social", srcdir="blog-cite-latex", freshenv=True)
def test_latex_reference_cites_the_web_address(app):
    app.build()
    tex = (app.outdir / "social.tex").read_text(encoding="utf8")
    assert "Cite this post" in tex
    assert r"\sphinxurl{" + BASE + "posts/desire.html}" in tex
    assert r"Lee, A., \& Chen, B. (2023, January 5). \sphinxstyleemphasis{Desire and daily" in tex


@pytest.mark.sphinx(
    "text",
    testroot="blog-social",
    srcdir="blog-cite-no-base",
    freshenv=True,
    confoverrides={"html_baseurl": ""},
)
def test_without_a_base_url_the_reference_has_no_address(app):
    app.build()
    text = " ".join((app.outdir / "posts" / "desire.txt").read_text(encoding="utf8").split())
    assert (
        "Lee, A., & Chen, B. (2023, January 5). *Desire and daily closeness: What couples report*."
        " Closeness Notes. Parts of the series" in text
    )


@pytest.mark.sphinx(
    "html",
    testroot="blog-social",
    srcdir="blog-cite-off",
    freshenv=True,
    confoverrides={"blog_cite_this_post": False},
)
def test_off_by_default_setting(app):
    app.build()
    assert page(app, "posts/desire").find("div", class_="blog-cite") is None
