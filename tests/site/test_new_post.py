"""`nox -s new-post` creates the next part with the right front matter and never overwrites."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "scripts" / "new_post.py"


def run(posts: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--posts", str(posts)],
        capture_output=True,
        text=True,
        check=False,
    )


def write_post(posts: Path, name: str, series: str, part: int) -> None:
    posts.mkdir(parents=True, exist_ok=True)
    (posts / name).write_text(
        f"---\nseries: {series}\nseries_part: {part}\n---\n\n# Old\n", encoding="utf-8"
    )


def test_creates_the_next_part_with_front_matter(tmp_path: Path) -> None:
    write_post(tmp_path, "one.md", "Healthy Intimacy", 1)
    result = run(tmp_path, "Sexual Problems and Therapeutic Approaches")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "sexual-problems-and-therapeutic-approaches.md").read_text(encoding="utf-8")
    front_matter = text.split("---\n")[1]
    assert "series: Healthy Intimacy\n" in front_matter
    assert "series_part: 2\n" in front_matter
    assert "date: " in front_matter
    assert "# Sexual Problems and Therapeutic Approaches\n" in text


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    write_post(tmp_path, "one.md", "Healthy Intimacy", 1)
    (tmp_path / "emdr.md").write_text("mine\n", encoding="utf-8")
    result = run(tmp_path, "EMDR")
    assert result.returncode == 1
    assert "not overwriting" in result.stderr
    assert (tmp_path / "emdr.md").read_text(encoding="utf-8") == "mine\n"


def test_asks_which_series_when_there_are_several(tmp_path: Path) -> None:
    write_post(tmp_path, "one.md", "Healthy Intimacy", 1)
    write_post(tmp_path, "two.md", "Another Series", 4)
    assert run(tmp_path, "Next").returncode == 2
    result = run(tmp_path, "Next", "--series", "Another Series")
    assert result.returncode == 0, result.stderr
    assert "series_part: 5\n" in (tmp_path / "next.md").read_text(encoding="utf-8")


def test_title_with_accents_gives_an_ascii_file_name(tmp_path: Path) -> None:
    write_post(tmp_path, "one.md", "Healthy Intimacy", 1)
    assert run(tmp_path, "Día de pareja: ¿qué sigue?").returncode == 0
    assert (tmp_path / "dia-de-pareja-que-sigue.md").exists()
