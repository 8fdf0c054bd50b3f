"""Read a post's front matter as the source spells it, and check every value the extension uses.

MyST turns YAML front matter into strings before Sphinx stores it (``null`` becomes
``"null"``, a list its JSON, ``017`` the octal 15), so the YAML is read again here, keeping
each value's type, its source text and its line. reStructuredText field lists are already
text; only their lines are looked up. Nothing here needs Sphinx, so the checks are tested on
arbitrary values directly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx_post_series import model
from sphinx_post_series._warnings import SeriesWarning

if TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Set as AbstractSet

# markdown-it's front-matter rule: a first line of three dashes, up to the next such line.
_YAML_BLOCK = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)
_FIELD = re.compile(r"^:(?P<key>[^:\s][^:]*):", re.MULTILINE)

TEXT, NUMBER, DATE, EMPTY, BOOLEAN, LIST, MAPPING, OTHER = (
    "text", "number", "date", "empty value", "true/false value", "list", "mapping", "other value",
)  # fmt: skip
_KIND_OF_TAG = {
    "tag:yaml.org,2002:str": TEXT,
    "tag:yaml.org,2002:int": NUMBER,
    "tag:yaml.org,2002:float": NUMBER,
    "tag:yaml.org,2002:timestamp": DATE,
    "tag:yaml.org,2002:null": EMPTY,
    "tag:yaml.org,2002:bool": BOOLEAN,
}


@dataclass(frozen=True)
class RawValue:
    """One front-matter value: its kind, its text as written (scalars only) and its line."""

    kind: str
    text: str
    line: int


def yaml_front_matter(source: str) -> dict[str, RawValue] | None:
    """Return the top-level values of the YAML front matter opening *source*.

    None when there is no front matter, or it is not a YAML mapping (MyST reports that).
    Scalars keep the text they are written with, so ``017`` stays ``"017"``.
    """
    block = _YAML_BLOCK.match(source)
    if block is None:
        return None
    import yaml  # MyST's dependency; a site without MyST never gets here

    try:
        # The loader MyST reads with (yaml.safe_load); libyaml's CSafeLoader would be faster
        # but rejects the \u escapes of surrogates that MyST accepts.
        root = yaml.compose(block["body"], Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    values: dict[str, RawValue] = {}
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            continue
        line = key_node.start_mark.line + 2  # the block starts on line 2 of the file
        if isinstance(value_node, yaml.ScalarNode):
            kind = _KIND_OF_TAG.get(value_node.tag, OTHER)
            values[key_node.value] = RawValue(kind, value_node.value, line)
        elif isinstance(value_node, yaml.SequenceNode):
            values[key_node.value] = RawValue(LIST, "", line)
        else:
            values[key_node.value] = RawValue(MAPPING, "", line)
    return values


def field_list_front_matter(source: str, metadata: Mapping[str, object]) -> dict[str, RawValue]:
    """Return a reStructuredText document's metadata (already text), with each field's line."""
    lines: dict[str, int] = {}
    for match in _FIELD.finditer(source):
        lines.setdefault(match["key"].strip(), source.count("\n", 0, match.start()) + 1)
    return {key: RawValue(TEXT, str(value), lines.get(key, 1)) for key, value in metadata.items()}


def _transposed(a: str, b: str) -> bool:
    """Whether *b* is *a* with two neighbouring letters swapped."""
    if len(a) != len(b):
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]]


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def likely_series_key(key: str, known: AbstractSet[str] = frozenset()) -> str | None:
    """Return the series key that *key* is probably a misspelling of, or None.

    Only keys very close to one of :data:`model.FRONT_MATTER_KEYS` are suspects: the same
    key in other case or with ``-``/space for ``_``, two swapped letters, or (for the longer
    keys) one or two letters wrong. Keys in *known* never are.
    """
    if key in model.FRONT_MATTER_KEYS or key in known:
        return None
    spelt = key.strip().casefold().replace("-", "_").replace(" ", "_")
    for target in sorted(model.FRONT_MATTER_KEYS):
        if spelt == target or _transposed(spelt, target):
            return target
        allowed = 2 if len(target) >= 10 else 1 if len(target) >= 6 else 0
        if allowed and _edit_distance(spelt, target) <= allowed:
            return target
    return None


def usable_text(key: str, raw: RawValue, docname: str) -> tuple[str | None, model.Issue | None]:
    """Return *raw* as text the builders can write, or None and the problem."""

    def problem(reason: str) -> tuple[None, model.Issue]:
        message = f"{key} {reason}; ignoring it"
        return None, model.Issue(SeriesWarning.INVALID_VALUE, message, docname, raw.line)

    if raw.kind not in {TEXT, NUMBER, DATE}:
        return problem("is empty" if raw.kind == EMPTY else f"must be text, not a {raw.kind}")
    text = raw.text
    if any("\ud800" <= char <= "\udfff" for char in text):
        # JSON tools write an emoji as a pair of \u escapes; YAML keeps both halves.
        try:
            text = text.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            return problem("holds an unpaired surrogate (a broken \\u escape)")
    if any(unicodedata.category(char) == "Cc" and char not in "\t\n\r" for char in text):
        return problem("holds a control character")
    text = text.strip()
    if not text:
        return problem("is empty")
    return text, None


def read_post(
    docname: str,
    front_matter: Mapping[str, RawValue],
    *,
    has_title: bool = True,
    known_keys: AbstractSet[str] = frozenset(),
) -> tuple[model.Post | None, list[model.Issue]]:
    """Turn a document's front matter into a :class:`~model.Post` and the problems found.

    A value that is not usable is reported and treated as absent; the post is None when it
    names no usable series. Every issue is located at the line of its key.
    """
    issues: list[model.Issue] = []
    for key, raw in front_matter.items():
        target = likely_series_key(key, known_keys)
        if target is not None and target not in front_matter:
            message = f"front-matter key {key!r} is not read by the series extension; "
            issues.append(
                model.Issue(
                    SeriesWarning.UNKNOWN_KEY,
                    message + f"did you mean {target!r}?",
                    docname,
                    raw.line,
                )
            )

    def text_of(key: str) -> str | None:
        if key not in front_matter:
            return None
        text, issue = usable_text(key, front_matter[key], docname)
        if issue is not None:
            issues.append(issue)
        return text

    if "series" not in front_matter:
        if "series_part" in front_matter:
            issues.append(
                model.Issue(
                    SeriesWarning.MISSING_SERIES,
                    "series_part is set but series is not; the post is in no series",
                    docname,
                    front_matter["series_part"].line,
                )
            )
        return None, issues
    # NFC, but otherwise as written, so a stray double space is reported as a mismatch.
    name = text_of("series")
    if name is None:
        return None, issues
    name = unicodedata.normalize("NFC", name)
    line = front_matter["series"].line
    part = None
    has_invalid_part = False
    if "series_part" in front_matter:
        raw = front_matter["series_part"]
        try:
            if raw.kind not in {TEXT, NUMBER}:
                raise ValueError(f"series_part must be a whole number, not a {raw.kind}")
            part = model.parse_part(raw.text)
        except ValueError as error:
            issues.append(
                model.Issue(
                    SeriesWarning.INVALID_PART, f"{error}; ordering by date", docname, raw.line
                )
            )
            has_invalid_part = True
    date = None
    if "date" in front_matter:
        raw = front_matter["date"]
        try:
            if raw.kind not in {TEXT, DATE, NUMBER}:
                raise ValueError(f"date must be an ISO date (YYYY-MM-DD), not a {raw.kind}")
            date = model.parse_date(raw.text)
        except ValueError as error:
            issues.append(
                model.Issue(SeriesWarning.INVALID_DATE, f"{error}; ignoring it", docname, raw.line)
            )
    description = model.normalise_name(text_of("description") or "")
    if not has_title:
        issues.append(
            model.Issue(
                SeriesWarning.MISSING_TITLE,
                f"this post of series {model.normalise_name(name)!r} has no title, so it is "
                f"listed as {docname!r}; start it with a heading",
                docname,
                1,
            )
        )
    post = model.Post(
        docname,
        name,
        part,
        date,
        description,
        has_invalid_part,
        line=line,
        is_untitled=not has_title,
    )
    return post, issues
