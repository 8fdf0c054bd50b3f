from __future__ import annotations

import datetime as dt

import pytest

from sphinx_post_series import model
from sphinx_post_series._warnings import SeriesWarning
from sphinx_post_series.model import Announcement, Declaration, Part, Post

TITLES = {"a": "A", "b": "B", "c": "C", "d": "D"}


def build(posts, declarations=()):
    return model.build_series(posts, declarations, TITLES)


def subtypes(issues):
    return [issue.subtype for issue in issues]


@pytest.mark.parametrize(("value", "expected"), [("1", 1), (" 12 ", 12)])
def test_parse_part_accepts_positive_integers(value, expected):
    assert model.parse_part(value) == expected


@pytest.mark.parametrize(
    "value",
    ["0", "-1", "two", "1.5", "", "²", "\N{ARABIC-INDIC DIGIT ONE}", "10000", "1" + "0" * 30],
)
def test_parse_part_rejects_others(value):
    with pytest.raises(ValueError, match="whole number from 1 to 9999"):
        model.parse_part(value)


def test_parse_date():
    assert model.parse_date("2022-07-13") == dt.date(2022, 7, 13)
    with pytest.raises(ValueError, match="ISO date"):
        model.parse_date("13/07/2022")


@pytest.mark.parametrize("value", ["20220713", "2022-W28-3", "2022-07-13T10:00", "2022-7-13"])
def test_parse_date_takes_only_the_documented_form(value):
    with pytest.raises(ValueError, match=r"YYYY-MM-DD"):
        model.parse_date(value)


def test_part_numbers_are_decimal_up_to_the_limit():
    assert model.parse_part("017") == 17
    assert model.parse_part(str(model.MAX_PART)) == model.MAX_PART
    assert model.parse_announcement(f"{model.MAX_PART}. Last") == (model.MAX_PART, "Last")
    with pytest.raises(ValueError, match="N from 1 to 9999"):
        model.parse_announcement(f"{model.MAX_PART + 1}. Too far")


def test_series_key_ignores_unicode_normalisation():
    assert model.series_key("Cafe\u0301") == model.series_key("Caf\u00e9")
    assert model.normalise_name("Cafe\u0301") == "Caf\u00e9"
    series, issues = build([Post("a", "Cafe\u0301", part=1), Post("b", "Caf\u00e9", part=2)])
    assert list(series) == [model.series_key("Café")]
    assert issues == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [("2. Sexual Problems", (2, "Sexual Problems")), ("10) Ten  ", (10, "Ten"))],
)
def test_parse_announcement(line, expected):
    assert model.parse_announcement(line) == expected


@pytest.mark.parametrize("line", ["Sexual Problems", "2.Missing space", "0. Zero", "- 2. x"])
def test_parse_announcement_rejects(line):
    with pytest.raises(ValueError, match=r"N\. Working title"):
        model.parse_announcement(line)


def test_series_key_ignores_case_and_spacing():
    assert model.series_key(" Healthy   intimacy") == model.series_key("Healthy Intimacy")


def test_order_by_explicit_part():
    series, issues = build([Post("b", "S", part=1), Post("a", "S", part=2)])
    assert series["s"].members == ("b", "a")
    assert issues == []


def test_order_by_date_then_docname():
    posts = [
        Post("a", "S"),
        Post("b", "S", date=dt.date(2022, 2, 1)),
        Post("c", "S", date=dt.date(2022, 1, 1)),
        Post("d", "S"),
    ]
    series, issues = build(posts)
    assert series["s"].members == ("c", "b", "a", "d")
    assert [p.number for p in series["s"].parts] == [1, 2, 3, 4]
    assert issues == []


def test_announced_part_steps_aside_for_a_post():
    declaration = Declaration(
        "landing", "S", 3, "About S", (Announcement(2, "Two", 5), Announcement(3, "Three", 6))
    )
    series, issues = build([Post("a", "S", part=1), Post("b", "S", part=2)], [declaration])
    parts = series["s"].parts
    assert [(p.number, p.docname, p.title) for p in parts] == [
        (1, "a", "A"),
        (2, "b", "B"),
        (3, None, "Three"),
    ]
    assert parts[2].is_announced
    assert series["s"].total == 3
    assert series["s"].landing == "landing"
    assert series["s"].neighbours("b") == (parts[0], parts[2])
    assert issues == []


def test_unnumbered_posts_fill_free_numbers():
    declaration = Declaration("landing", "S", 1, announcements=(Announcement(2, "Two", 3),))
    series, issues = build([Post("a", "S")], [declaration])
    assert [(p.number, p.docname) for p in series["s"].parts] == [(1, "a"), (2, None)]
    assert issues == []


def test_duplicate_part_reported_once_and_kept():
    series, issues = build([Post("a", "S", part=1), Post("b", "S", part=1)])
    assert subtypes(issues) == [SeriesWarning.DUPLICATE_PART]
    assert (issues[0].docname, issues[0].line) == ("b", 1)
    assert series["s"].members == ("a", "b")


def test_gap_reported_at_the_part_after_it():
    _series, issues = build([Post("a", "S", part=1), Post("c", "S", part=3)])
    assert subtypes(issues) == [SeriesWarning.GAP]
    assert issues[0].docname == "c"
    assert "no part 2" in issues[0].message


def test_gap_before_announced_part_is_located_at_the_announcement():
    declaration = Declaration("landing", "S", 1, announcements=(Announcement(3, "Three", 7),))
    _series, issues = build([Post("a", "S", part=1)], [declaration])
    assert [(i.subtype, i.docname, i.line) for i in issues] == [(SeriesWarning.GAP, "landing", 7)]


def test_name_mismatch():
    series, issues = build([Post("a", "Healthy Intimacy"), Post("b", "Healthy  intimacy")])
    assert series[model.series_key("Healthy Intimacy")].name == "Healthy Intimacy"
    assert series[model.series_key("Healthy Intimacy")].members == ("a", "b")
    assert [(i.subtype, i.docname) for i in issues] == [(SeriesWarning.NAME_MISMATCH, "b")]


def test_declaration_name_is_canonical():
    series, issues = build(
        [Post("a", "healthy intimacy")], [Declaration("l", "Healthy Intimacy", 1)]
    )
    assert series[model.series_key("Healthy Intimacy")].name == "Healthy Intimacy"
    assert subtypes(issues) == [SeriesWarning.NAME_MISMATCH]


def test_announced_collision_only_between_announcements():
    declaration = Declaration(
        "l", "S", 1, announcements=(Announcement(2, "Two", 3), Announcement(2, "Deux", 4))
    )
    series, issues = build([Post("a", "S", part=1)], [declaration])
    assert [(i.subtype, i.line) for i in issues] == [(SeriesWarning.ANNOUNCED_COLLISION, 4)]
    assert series["s"].parts[1].title == "Two"


def test_ambiguous_order_once_per_series():
    posts = [Post("a", "S", part=1), Post("b", "S"), Post("c", "S")]
    series, issues = build(posts)
    assert [(i.subtype, i.docname) for i in issues] == [(SeriesWarning.AMBIGUOUS_ORDER, "b")]
    assert series["s"].members == ("a", "b", "c")


def test_invalid_part_is_not_ambiguous_again():
    _series, issues = build([Post("a", "S", part=1), Post("b", "S", has_invalid_part=True)])
    assert issues == []


def test_duplicate_declaration():
    declarations = [Declaration("l1", "S", 2), Declaration("l2", "S", 4)]
    series, issues = build([], declarations)
    assert series["s"].landing == "l1"
    assert [(i.subtype, i.docname, i.line) for i in issues] == [
        (SeriesWarning.DUPLICATE_DECLARATION, "l2", 4)
    ]


def _parts(count):
    return [Part(n, f"p{n}", f"P{n}") for n in range(1, count + 1)]


def test_fold_short_series_is_whole():
    parts = _parts(7)
    assert model.fold(parts, 3) == [model.Segment(tuple(parts))]


def test_fold_long_series_keeps_edges_and_window():
    parts = _parts(12)
    segments = model.fold(parts, 6)  # part 7
    shown = [[p.number for p in s.parts] for s in segments]
    assert shown == [[1, 2], [3, 4, 5], [6, 7, 8], [9, 10], [11, 12]]
    assert [s.is_folded for s in segments] == [False, True, False, True, False]


def test_fold_never_hides_a_single_part():
    segments = model.fold(_parts(8), 3)  # part 4: hides 6 only -> shown
    assert all(not s.is_folded for s in segments)


def test_fold_at_the_start():
    segments = model.fold(_parts(10), 0)
    assert [[p.number for p in s.parts] for s in segments if s.is_folded] == [[3, 4, 5, 6, 7, 8]]


def test_consecutive_runs():
    parts = [Part(1, "a", "A"), Part(2, "b", "B"), Part(4, "d", "D")]
    assert model.consecutive_runs(parts) == [tuple(parts[:2]), (parts[2],)]


def test_names_differing_only_in_spacing_are_one_series():
    series, issues = build([Post("a", "Healthy Intimacy"), Post("b", "HealthyIntimacy")])
    assert series[model.series_key("Healthy Intimacy")].members == ("a", "b")
    assert [(i.subtype, i.docname) for i in issues] == [(SeriesWarning.NAME_MISMATCH, "b")]
