"""Series navigation for Sphinx blogs: "Part N of M", the list of parts and previous/next links."""

from __future__ import annotations

__version__ = "0.1.0"
