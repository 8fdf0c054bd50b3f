"""The message catalog of this extension.

Labels are looked up with :data:`_` at write time, so each build uses its own ``language``.
The catalog is named after the package, never ``sphinx``, so our msgids cannot clash.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

CATALOG = "sphinx_post_series"
LOCALE_DIR = Path(__file__).parent / "locales"

_ = get_translation(CATALOG)
"""Translate a label that ends up in the output documents."""
