"""Person names as APA 7 writes them, and the plain-text keys used to sort and group works.

Names are taken as written in the `.bib` file (Unicode passes through unchanged); only given
names are shortened to initials, and pybtex keeps hyphens there ("Jean-Luc" gives "J.-L.").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pybtex.richtext import Text

if TYPE_CHECKING:
    from collections.abc import Sequence

# pybtex ships no type information; these aliases only document what a value is.
Person = Any
RichText = Any

#: APA 7 §9.8: up to 20 authors are all listed; from 21 on, the first 19, an ellipsis, the last.
MAX_LISTED_AUTHORS = 20
AUTHORS_BEFORE_ELLIPSIS = 19
#: Distinct name parts and titles kept decoded; far more than a large site's `.bib` holds.
_DECODED_CACHE_SIZE = 1 << 16


# pybtex decodes LaTeX again on every access to a name (`Person.rich_last_names` and the
# others call `Text.from_latex` each time), and a work's names are read for every list and
# citation it appears in. The plain-text forms below are what sorting, grouping and in-text
# citations need; each distinct string is decoded once. Plain strings are kept, never the
# `Text` objects themselves, so no caller can change what another gets.
@lru_cache(maxsize=_DECODED_CACHE_SIZE)
def plain_text(latex: str) -> str:
    """`latex` decoded to plain text, braces removed: "{D}ía{z}" gives "Díaz"."""
    return str(Text.from_latex(latex))


@lru_cache(maxsize=_DECODED_CACHE_SIZE)
def _initial(latex: str) -> str:
    return str(Text.from_latex(latex).abbreviate())


def initials(person: Person) -> RichText:
    """Given and middle names as initials separated by spaces: "J.-L.", "A. B."."""
    given = [*person.rich_first_names, *person.rich_middle_names]
    return Text(" ").join([name.abbreviate() for name in given])


def surname(person: Person) -> RichText:
    """Surname with its particles and no lineage: "van Dijk", "Díaz"."""
    return Text(" ").join([*person.rich_prelast_names, *person.rich_last_names])


def surname_text(person: Person) -> str:
    """`surname` as plain text, decoded once per distinct name."""
    return " ".join(plain_text(name) for name in (*person.prelast_names, *person.last_names))


def initials_text(person: Person) -> str:
    """`initials` as plain text, decoded once per distinct name."""
    return " ".join(_initial(name) for name in (*person.first_names, *person.middle_names))


def surname_first(person: Person) -> RichText:
    """Reference-list form "Surname, I. I., Jr." (APA 7 §9.8)."""
    parts = [surname(person), initials(person), Text(" ").join(person.rich_lineage_names)]
    return Text(", ").join([part for part in parts if part])


def initials_first(person: Person) -> RichText:
    """Editor form inside a chapter reference: "J. Carlson" (APA 7 §9.50)."""
    return Text(" ").join([part for part in (initials(person), surname(person)) if part])


def reference_list_names(names: Sequence[RichText]) -> RichText:
    """Join formatted names the way an APA reference list does.

    One name stands alone; two or more are separated by commas with "&" before the last
    (APA keeps the comma even for two: "Dewitte, M., & Mayer, A."); from 21 names on, the
    first 19 are followed by an ellipsis and the last name, without "&".
    """
    if len(names) <= 1:
        return Text(*names)
    if len(names) > MAX_LISTED_AUTHORS:
        return Text(Text(", ").join(list(names[:AUTHORS_BEFORE_ELLIPSIS])), ", . . . ", names[-1])
    return Text(Text(", ").join(list(names[:-1])), ", & ", names[-1])


def editor_names(names: Sequence[RichText]) -> RichText:
    """Join initials-first editor names: "J. Carlson & L. Sperry", "A. A, B. B, & C. C"."""
    if len(names) <= 2:
        return Text(" & ").join(list(names))
    return Text(Text(", ").join(list(names[:-1])), ", & ", names[-1])


def sort_text(text: str) -> str:
    """Case- and accent-blind form of `text`, so "Díaz" files next to "Diaz" (APA 7 §9.44)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def person_sort_key(person: Person) -> tuple[str, str]:
    """Surname first, then initials: how APA orders authors letter by letter."""
    return (sort_text(surname_text(person)), sort_text(initials_text(person)))


def persons_sort_key(persons: Sequence[Person]) -> tuple[tuple[str, str], ...]:
    """Sort key of a whole author list: first author, then second author, and so on."""
    return tuple(person_sort_key(person) for person in persons)


def in_text_names(
    persons: Sequence[Person],
    *,
    and_word: str,
    shown: int | None = None,
    first_initials: bool = False,
) -> str:
    """Author part of an in-text citation as plain text (APA 7 §8.17, §8.18, §8.20).

    One or two authors are both named; from three on, the first `shown` (one unless a
    rival work needs more, §8.18) and "et al.", with a comma before it after two or more
    names ("Kim, Lee, et al."). `first_initials` puts the first author's initials before
    the surname ("A. Taylor"), for first authors who share a surname with another (§8.20).
    """
    names = [surname_text(person) for person in persons]
    if first_initials and names and (first := initials_text(persons[0])):
        names[0] = f"{first} {names[0]}"
    if shown is None:
        shown = 1 if len(names) >= 3 else len(names)
    if len(names) >= 3 and shown < len(names):
        if shown == 1:
            return f"{names[0]} et al."
        return ", ".join(names[:shown]) + ", et al."
    if len(names) <= 2:
        return f" {and_word} ".join(names)
    return ", ".join(names[:-1]) + f", {and_word} " + names[-1]
