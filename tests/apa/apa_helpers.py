"""Format entries and citations with the APA 7 styles, without a Sphinx build."""

from __future__ import annotations

from typing import Any

from pybtex.database import parse_string
from pybtex.richtext import Tag
from sphinxcontrib.bibtex.style.referencing import format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from sphinx_apa7.bibliography import APA7Style
from sphinx_apa7.citations import APA7ReferenceStyle


class Formatted:
    """Every entry of a `.bib` text formatted as one reference list, and citations of them."""

    def __init__(self, bib: str) -> None:
        self.entries = parse_string(bib, "bibtex").entries
        self.formatted = list(APA7Style().format_entries(self.entries.values()))
        self.by_key = {entry.key: entry for entry in self.formatted}

    def reference(self, key: str, output: str = "text") -> str:
        """The reference-list entry of `key`, rendered with a pybtex backend."""
        return str(self.by_key[key].text.render_as(output))

    def keys(self) -> list[str]:
        """The keys in reference-list order."""
        return [entry.key for entry in self.formatted]

    def cite(self, role: str, *targets: str | tuple[str, str, str]) -> str:
        """A `{cite:<role>}` of keys, or of (key, pre-note, post-note) targets, as plain text."""
        return str(self.rich_cite(role, *targets))

    def rich_cite(self, role: str, *targets: str | tuple[str, str, str]) -> Any:
        """The same citation as pybtex rich text, with its links and italics."""
        references: list[tuple[Any, Any, SphinxReferenceInfo]] = []
        for target in targets:
            key, pre, post = (target, "", "") if isinstance(target, str) else target
            info = SphinxReferenceInfo(
                builder=None,  # only rendering to docutils needs a builder
                fromdocname="post",
                todocname="post",
                citation_id=f"id-{key}",
                title=None,
                pre_text=pre,
                post_text=post,
            )
            references.append((self.entries[key], self.by_key[key], info))
        return format_references(APA7ReferenceStyle(), role, references)


def parts_of(text: Any, kind: type) -> list[Any]:
    """Every part of rich `text` that is a `kind` (a `Tag`, a reference), outermost first."""
    found = [text] if isinstance(text, kind) else []
    for part in getattr(text, "parts", []):
        found.extend(parts_of(part, kind))
    return found


def italic(text: Any) -> list[str]:
    """The italic stretches of rich `text`."""
    return [str(tag) for tag in parts_of(text, Tag) if tag.name == "em"]


def reference(bib: str, output: str = "text") -> str:
    """The one entry of `bib`, formatted and rendered."""
    formatted = Formatted(bib)
    (key,) = formatted.entries.keys()
    return formatted.reference(key, output)
