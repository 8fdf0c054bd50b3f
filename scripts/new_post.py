"""Create the next part of a series as a MyST file with its front matter filled in.

Usage: ``nox -s new-post -- "Title" [--series NAME] [--category NAME] [--posts DIR]
[--landing-pages DIR]``. The part number is one more than the highest ``series_part`` among the
series' posts; the file is never overwritten. The post is added to the toctree of its series'
landing page, which is where the navigation and the book find it. The new file builds with
warnings as errors as it is: its placeholders are plain sentences that say what to write.
Standard library only, so it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
import unicodedata
from pathlib import Path

DEFAULT_POSTS = Path(__file__).parents[1] / "docs" / "posts"
FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.DOTALL)
#: A landing page declares its series with a ```{series} Name``` (or :::{series}) directive.
SERIES_DIRECTIVE = re.compile(r"^(?:`{3,}|:{3,})\{series\}[ \t]+(?P<name>.+?)[ \t]*$", re.MULTILINE)
#: A toctree directive, up to its closing fence.
TOCTREE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{toctree\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
#: The category of a series' first post, when no earlier part has one to copy.
DEFAULT_CATEGORY = "Family Counseling"


def slugify(title: str) -> str:
    """A file name for `title`: ASCII, lower case, words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def read_front_matter(path: Path) -> dict[str, str]:
    """The flat `key: value` lines of a post's front matter (enough for series keys)."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        return {}
    fields = {}
    for line in match["body"].splitlines():
        key, sep, value = line.partition(":")
        if sep and not line.startswith((" ", "\t", "#")):
            fields[key.strip()] = value.strip().strip("\"'")
    return fields


def series_parts(posts: Path) -> dict[str, list[int]]:
    """Each series named in `posts`, with the explicit part numbers its posts claim."""
    found: dict[str, list[int]] = {}
    for path in sorted(posts.glob("*.md")):
        fields = read_front_matter(path)
        if "series" not in fields:
            continue
        parts = found.setdefault(fields["series"], [])
        if fields.get("series_part", "").isdigit():
            parts.append(int(fields["series_part"]))
    return found


def same_name(first: str, second: str) -> bool:
    """True when two series names or titles differ only in case and spacing."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def latest_category(posts: Path, series: str) -> str | None:
    """The `category` of the series' highest-numbered part that has one."""
    numbered = []
    for path in posts.glob("*.md"):
        fields = read_front_matter(path)
        if same_name(fields.get("series", ""), series) and fields.get("category"):
            part = fields.get("series_part", "")
            numbered.append((int(part) if part.isdigit() else 0, fields["category"]))
    return max(numbered)[1] if numbered else None


def find_landing_page(landing_pages: Path, series: str) -> Path | None:
    """The page in `landing_pages` whose `{series}` directive declares `series`."""
    for path in sorted(landing_pages.glob("*.md")):
        for match in SERIES_DIRECTIVE.finditer(path.read_text(encoding="utf-8")):
            if same_name(match["name"], series):
                return path
    return None


def toctree_entry(title: str, series: str, part: int, post: Path, landing: Path) -> str:
    """The landing page's toctree line for `post`.

    A post titled like its series would sit in the navigation under an entry of the same
    name, so that entry says which part it is.
    """
    target = Path(os.path.relpath(post.with_suffix(""), landing.parent)).as_posix()
    if same_name(title, series):
        return f"Part {part}: {title} <{target}>"
    return target


def add_to_toctree(text: str, entry: str) -> str:
    """`text` with `entry` last in its last toctree, or in a new hidden toctree at its end."""
    blocks = list(TOCTREE.finditer(text))
    if not blocks:
        return text.rstrip("\n") + f"\n\n```{{toctree}}\n:hidden:\n\n{entry}\n```\n"
    body = blocks[-1]
    insert_at = body.end("body")
    before = text[:insert_at]
    if not before.endswith("\n"):
        before += "\n"
    return before + entry + "\n" + text[insert_at:]


def render_post(title: str, series: str, part: int, category: str, today: datetime.date) -> str:
    """The new post's text: front matter, a title, and what to write in each place.

    Every placeholder is a plain sentence, so the file builds with warnings as errors before
    the writer has changed anything; the writers' guide lists what to replace.
    """
    return (
        "---\n"
        f"series: {series}\n"
        f"series_part: {part}\n"
        f"date: {today.isoformat()}\n"
        "description: Replace this line with one sentence that tells readers what this part is"
        " about.\n"
        f"category: {category}\n"
        "---\n\n"
        f"# {title}\n\n"
        "Replace this paragraph with the post. To cite a work, add it to docs/references.bib if\n"
        "it is not there yet, then use its key in a citation as the writers' guide shows.\n\n"
        "## A note for readers\n\n"
        "Replace this paragraph with the note for readers that the writers' guide describes.\n\n"
        "## References\n\n"
        "```{bibliography}\n"
        ":filter: docname in docnames\n"
        "```\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Create the post; return a process exit status (non-zero when nothing was written)."""
    parser = argparse.ArgumentParser(prog="nox -s new-post --", description=__doc__)
    parser.add_argument("title", help="the post's title, in quotes")
    parser.add_argument("--series", help="the series to add to (needed when there are several)")
    parser.add_argument("--category", help="the post's category (default: the last part's)")
    parser.add_argument("--posts", type=Path, default=DEFAULT_POSTS, help="the posts folder")
    parser.add_argument(
        "--landing-pages",
        type=Path,
        help="the folder of the series' landing pages (default: series/ beside the posts folder)",
    )
    args = parser.parse_args(argv)
    landing_pages = args.landing_pages or args.posts.parent / "series"

    known = series_parts(args.posts)
    series = args.series
    if series is None:
        if len(known) != 1:
            parser.error(f"say which series with --series (found: {', '.join(known) or 'none'})")
        series = next(iter(known))
    part = max(known.get(series, []), default=0) + 1

    path = args.posts / f"{slugify(args.title)}.md"
    if path.exists():
        print(f"{path} already exists; not overwriting it.", file=sys.stderr)
        return 1
    category = args.category or latest_category(args.posts, series) or DEFAULT_CATEGORY
    landing = find_landing_page(landing_pages, series)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render_post(args.title, series, part, category, datetime.date.today())
    path.write_text(text, encoding="utf-8")
    print(f"Created {path} as part {part} of {series!r}.")
    if landing is None:
        print(
            f"No landing page in {landing_pages} declares the series {series!r}: add the post"
            " to a toctree yourself, or Sphinx will say it is in none.",
            file=sys.stderr,
        )
        return 0
    entry = toctree_entry(args.title, series, part, path, landing)
    landing.write_text(add_to_toctree(landing.read_text(encoding="utf-8"), entry), "utf-8")
    print(f"Added it to the contents of {landing}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
