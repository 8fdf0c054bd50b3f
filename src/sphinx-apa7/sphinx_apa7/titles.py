"""Title case as APA 7 writes it (§6.17), for titles that stand in the author's place in text.

Reference lists keep titles as written in the `.bib` file (sentence case for works, title case
for journals, which only the writer can get right), but a work without an author is cited in
text by its title in title case (§8.14): "*Understanding Sleep*" for "Understanding sleep".
"""

from __future__ import annotations

import re

#: Words of three letters or fewer that stay lower case inside a title: articles, short
#: conjunctions and short prepositions (APA 7 §6.17). Longer words are always capitalized.
MINOR_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "as",
        "but",
        "for",
        "if",
        "nor",
        "or",
        "so",
        "yet",
        "at",
        "by",
        "in",
        "of",
        "off",
        "on",
        "per",
        "to",
        "up",
        "via",
    }
)

_WORD = re.compile(r"[^\s]+")
# After these a new part of the title starts, and its first word is capitalized.
_PART_BREAK = re.compile(r"[:.?!\u2014]$")


def _capitalize_part(part: str) -> str:
    """`part` with its first letter up, unless capitals inside it say it is a name ("McKnight")."""
    if part[1:] != part[1:].lower():
        return part  # "McKnight", "DNA", "iPhone": written so on purpose
    return part[:1].upper() + part[1:]


def title_case(title: str) -> str:
    """`title` in APA title case (§6.17).

    Every word of four letters or more and every word that starts the title or one of its
    parts (after a colon) is capitalized, both halves of a hyphenated word too ("Self-Report");
    short articles, conjunctions and prepositions stay lower case; capitals already written
    inside a word (names, acronyms) are kept.
    """
    result = []
    starts_part = True
    for word in _WORD.findall(title):
        letters = word.strip("\"'()[]\u201c\u201d\u2018\u2019").lower()
        if starts_part or letters not in MINOR_WORDS:
            word = "-".join(_capitalize_part(part) for part in word.split("-"))
        result.append(word)
        starts_part = bool(_PART_BREAK.search(word))
    return " ".join(result)
