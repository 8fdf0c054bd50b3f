"""The blog model on plain data: parsing front matter, ordering, filtering, grouping."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_post_series.blog import model


def post(docname, date, **facts):
    return model.BlogPost(docname, dt.date.fromisoformat(date), **facts)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Family Counseling", ("Family Counseling",)),
        ("  Family   Counseling ", ("Family Counseling",)),
        ('["Family Counseling", "Couples"]', ("Family Counseling", "Couples")),
        # docutils' smart quotes reach `author:` lists before extensions do.
        ("[\u201cAnn Lee\u201d, \u201cBo Chen\u201d]", ("Ann Lee", "Bo Chen")),
        ('["Couples", "Couples"]', ("Couples",)),
        ("[]", ()),
    ],
)
def test_parse_names(value, expected):
    assert model.parse_names(value, "category") == expected


@pytest.mark.parametrize("value", ['{"name": "x"}', '["a", ""]', "[1, 2]", "", "[not json]"])
def test_parse_names_rejects(value):
    with pytest.raises(ValueError, match="category must be a name or a list of names"):
        model.parse_names(value, "category")


def test_parse_date():
    assert model.parse_date(" 2022-07-13 ") == dt.date(2022, 7, 13)
    with pytest.raises(ValueError, match="updated must be an ISO date"):
        model.parse_date("July 13", "updated")
    # Forms Python's fromisoformat accepts but the series extension does not.
    for other_form in ("20220713", "2022-W28-3", "2022-07-13T10:00"):
        with pytest.raises(ValueError, match="date must be an ISO date"):
            model.parse_date(other_form)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Family Counseling", "family-counseling"),
        ("family  counseling", "family-counseling"),
        ("Terapia de pareja: ¿qué es?", "terapia-de-pareja-que-es"),
        ("Émotions", "emotions"),
        ("!!!", "untitled"),
    ],
)
def test_slugify(name, slug):
    assert model.slugify(name) == slug


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (200, 1), (201, 2), (1700, 9)])
def test_reading_minutes(words, minutes):
    assert model.reading_minutes(words, 200) == minutes


POSTS = [
    post("b", "2023-01-05", categories=("Couples",), tags=("attachment",)),
    post("a", "2023-01-05", categories=("Family Counseling",)),
    post("c", "2021-12-31", categories=("family counseling", "Couples"), tags=("Attachment",)),
    post("d", "2024-02-29"),
]
SERIES = {"a": model.SeriesPosition("Closeness", "closeness", 1, 2)}


def names(posts):
    return [p.docname for p in posts]


def test_newest_first_with_ties_by_docname():
    assert names(model.newest_first(POSTS)) == ["d", "a", "b", "c"]


@pytest.mark.parametrize(
    ("post_filter", "expected"),
    [
        (model.PostFilter(), ["d", "a", "b", "c"]),
        (model.PostFilter(limit=2), ["d", "a"]),
        (model.PostFilter(category="Family  counseling"), ["a", "c"]),
        (model.PostFilter(tag="attachment"), ["b", "c"]),
        (model.PostFilter(series="closeness"), ["a"]),
        (model.PostFilter(category="Couples", tag="attachment", limit=1), ["b"]),
        (model.PostFilter(category="Nothing"), []),
    ],
)
def test_select_posts(post_filter, expected):
    assert names(model.select_posts(POSTS, post_filter, SERIES)) == expected


def test_by_year_keeps_order():
    groups = model.by_year(model.newest_first(POSTS))
    assert [(year, names(group)) for year, group in groups] == [
        (2024, ["d"]),
        (2023, ["a", "b"]),
        (2021, ["c"]),
    ]


def test_categories_take_the_first_spelling_by_docname():
    assert model.categories(POSTS) == {
        "couples": "Couples",
        "family-counseling": "Family Counseling",
    }


def test_last_changed():
    assert post("x", "2022-01-01").last_changed == dt.date(2022, 1, 1)
    assert post("x", "2022-01-01", updated=dt.date(2022, 3, 1)).last_changed == dt.date(2022, 3, 1)
