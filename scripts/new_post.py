"""Create the next part of a series as a MyST file with its front matter filled in.

Usage: ``nox -s new-post -- "Title" [--series NAME] [--posts DIR]``. The part number is one more
than the highest ``series_part`` among the series' posts; the file is never overwritten.
Standard library only, so it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import unicodedata
from pathlib import Path

DEFAULT_POSTS = Path(__file__).parents[1] / "docs" / "posts"
FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.DOTALL)


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


def render_post(title: str, series: str, part: int, today: datetime.date) -> str:
    """The new post's text: front matter, a title, and a reminder of what to write."""
    return (
        "---\n"
        f"series: {series}\n"
        f"series_part: {part}\n"
        f"date: {today.isoformat()}\n"
        "description: One line that tells readers what this part is about.\n"
        "---\n\n"
        f"# {title}\n\n"
        "Write the post here. Cite with {cite:t}`key` or {cite:p}`key`, and keep the\n"
        "references list below.\n\n"
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
    parser.add_argument("--posts", type=Path, default=DEFAULT_POSTS, help="the posts folder")
    args = parser.parse_args(argv)

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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_post(args.title, series, part, datetime.date.today()), encoding="utf-8")
    print(f"Created {path} as part {part} of {series!r}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
