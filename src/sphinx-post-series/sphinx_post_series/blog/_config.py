"""Configuration: every ``blog_*`` value declared once, on a typed, frozen dataclass."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx_post_series.blog._warnings import BlogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "blog_"


@dataclass(frozen=True)
class BlogConfig:
    """Typed view of the ``blog_*`` configuration values."""

    default_author: str = field(
        default="",
        metadata={
            # Collected into each post's facts at read time.
            "rebuild": "env",
            "types": frozenset({str}),
            "description": "Author of posts whose front matter names none; empty means "
            "Sphinx's own ``author`` value.",
        },
    )
    words_per_minute: int = field(
        default=200,
        metadata={
            # Changes the byline in every builder, so every builder must rewrite.
            "rebuild": "env",
            "types": frozenset({int}),
            "description": "Reading speed used for the byline's reading time; at least 50.",
        },
    )
    category_pages: bool = field(
        default=True,
        metadata={
            # The byline links to category pages, in every builder that has them.
            "rebuild": "env",
            "types": frozenset({bool}),
            "description": "Generate one page per category (HTML builders) listing its posts.",
        },
    )
    category_dir: str = field(
        default="category",
        metadata={
            "rebuild": "env",
            "types": frozenset({str}),
            "description": "Folder of the generated category pages in the HTML output.",
        },
    )
    feeds: bool = field(
        default=True,
        metadata={
            "rebuild": "html",
            "types": frozenset({bool}),
            "description": "Write Atom feeds (whole blog, each series, each category) and link "
            "them from every page's head; needs ``html_baseurl`` and the feedgen library.",
        },
    )
    feed_length: int = field(
        default=20,
        metadata={
            "rebuild": "html",
            "types": frozenset({int}),
            "description": "Most posts in one feed, newest first; 0 means every post.",
        },
    )
    known_keys: tuple[str, ...] = field(
        default=(),
        metadata={
            "rebuild": "env",
            "types": frozenset({tuple, list}),
            "description": "Front-matter keys of other extensions that posts may use, besides "
            "the blog's, the series extension's and Sphinx's own.",
        },
    )
    cite_this_post: bool = field(
        default=False,
        metadata={
            "rebuild": "env",
            "types": frozenset({bool}),
            "description": "End each post with its own APA 7 reference (needs sphinx-apa7).",
        },
    )


_MIN_WORDS_PER_MINUTE = 50


def add_config_values(app: Sphinx) -> None:
    """Register each field of :class:`BlogConfig` as ``blog_<field>``."""
    for spec in dataclasses.fields(BlogConfig):
        app.add_config_value(
            PREFIX + spec.name,
            spec.default,
            spec.metadata["rebuild"],
            types=spec.metadata["types"],
            description=spec.metadata["description"],
        )


def get_config(config: Config) -> BlogConfig:
    """Return the typed view of *config*."""
    values: dict[str, Any] = {
        spec.name: getattr(config, PREFIX + spec.name) for spec in dataclasses.fields(BlogConfig)
    }
    return BlogConfig(**values)


def default_author(config: Config) -> str:
    """Return the author of posts that name none."""
    return " ".join((config.blog_default_author or config.author or "").split())


def validate_config(app: Sphinx, config: Config) -> None:
    """Reset out-of-range values to their defaults, with a warning (``config-inited``)."""
    speed = config.blog_words_per_minute
    if not isinstance(speed, int) or speed < _MIN_WORDS_PER_MINUTE:
        warn(
            BlogWarning.CONFIG,
            f"blog_words_per_minute must be an integer of at least {_MIN_WORDS_PER_MINUTE}, "
            f"not {speed!r}; using {BlogConfig.words_per_minute}",
        )
        config.blog_words_per_minute = BlogConfig.words_per_minute
    length = config.blog_feed_length
    if not isinstance(length, int) or length < 0:
        warn(
            BlogWarning.CONFIG,
            f"blog_feed_length must be a whole number, not {length!r}; "
            f"using {BlogConfig.feed_length}",
        )
        config.blog_feed_length = BlogConfig.feed_length
    folder = str(config.blog_category_dir).strip("/")
    if not folder or ".." in folder.split("/"):
        warn(
            BlogWarning.CONFIG,
            f"blog_category_dir must name a folder inside the output, not {folder!r}; "
            f"using {BlogConfig.category_dir!r}",
        )
        folder = BlogConfig.category_dir
    config.blog_category_dir = folder
