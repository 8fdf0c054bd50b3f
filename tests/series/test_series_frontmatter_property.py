"""Property: whatever YAML a writer puts in the front matter, the reader gives usable values or
a located, typed problem, and never raises."""

from __future__ import annotations

import datetime as dt
import unicodedata

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_post_series import model
from sphinx_post_series._frontmatter import likely_series_key, read_post, yaml_front_matter
from sphinx_post_series._warnings import SeriesWarning

# Any code point, lone surrogates included: YAML writes them as \u escapes, as JSON tools do.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True),
    st.dates(),
    any_text,
    st.sampled_from(["017", "1", " 3 ", "", "2022-07-13", "20220713", "2022-W28-3"]),
    st.sampled_from(["\N{ARABIC-INDIC DIGIT THREE}", "\N{FULLWIDTH DIGIT TWO}"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=6,
)
keys = st.one_of(
    st.sampled_from(sorted(model.FRONT_MATTER_KEYS)),
    st.sampled_from(["seires", "series-part", "Series", "desciption", "category", "tags", "myst"]),
    any_text,
)
names = st.one_of(values, st.text(min_size=1, max_size=12), st.sampled_from(["Café", "Cafe\u0301"]))
series_keys = st.fixed_dictionaries(
    {},
    optional={
        "series": names,
        "series_part": st.one_of(values, st.integers(0, model.MAX_PART + 1)),
        "date": values,
        "description": values,
    },
)
front_matters = st.builds(
    lambda ours, others: {**others, **ours}, series_keys, st.dictionaries(keys, values, max_size=3)
)


def source_of(front_matter: dict[object, object]) -> str:
    return "---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + "---\n\n# Title\n"


def is_writable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text)


@settings(max_examples=300, deadline=None)
@given(front_matter=front_matters)
def test_reader_accepts_any_yaml(front_matter):
    source = source_of(front_matter)
    raw = yaml_front_matter(source)
    assert raw is not None
    post, issues = read_post("doc", raw)
    last_line = source.count("\n")
    for issue in issues:
        assert isinstance(issue.subtype, SeriesWarning)
        assert issue.docname == "doc"
        assert 1 <= issue.line <= last_line
    if post is None:
        series = front_matter.get("series")
        usable = isinstance(series, str) and series.strip() and is_writable(series)
        assert not usable or "series" not in raw
        return
    assert post.name
    assert is_writable(post.name)
    assert post.name == unicodedata.normalize("NFC", post.name)
    assert is_writable(post.description)
    assert post.part is None or 1 <= post.part <= model.MAX_PART
    assert post.date is None or isinstance(post.date, dt.date)
    part = front_matter.get("series_part")
    if type(part) is int and 1 <= part <= model.MAX_PART:
        assert post.part == part
    elif "series_part" in front_matter:
        assert post.part is None or str(part).strip().lstrip("0") == str(post.part)
    date = front_matter.get("date")
    if isinstance(date, dt.date):
        assert post.date == date
    if post.part is None and "series_part" in front_matter:
        assert SeriesWarning.INVALID_PART in {issue.subtype for issue in issues}


@given(key=any_text)
def test_only_keys_close_to_the_series_keys_are_suspects(key):
    target = likely_series_key(key)
    if target is not None:
        spelt = key.casefold().replace("-", "_").replace(" ", "_").strip()
        assert abs(len(spelt) - len(target)) <= 2


def test_other_extensions_keys_are_never_suspects():
    blog = ["updated", "category", "tags", "author", "myst", "html_meta", "orphan", "title"]
    assert [likely_series_key(key) for key in blog] == [None] * len(blog)
    assert likely_series_key("seriess", frozenset({"seriess"})) is None
    assert likely_series_key("seriess") == "series"
