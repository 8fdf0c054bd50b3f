"""The message catalog of the blog extension.

Labels are looked up with :data:`_` at write time, so each build uses its own ``language``.
The catalog has its own name, never ``sphinx`` or the series extension's, so msgids cannot clash.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

CATALOG = "sphinx_post_series_blog"
LOCALE_DIR = Path(__file__).parent / "locales"

_ = get_translation(CATALOG)
"""Translate a label that ends up in the output documents."""
