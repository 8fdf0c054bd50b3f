"""Located warnings for broken `.bib` files, instead of a traceback.

sphinxcontrib-bibtex lets a pybtex syntax error escape as an exception, which stops the build
with a traceback and no line number. Before it reads the files, this handler checks whether
its reading would stop so. If not, it does nothing: sphinxcontrib-bibtex reads the files itself,
with its own messages and warnings (a repeated entry is its `bibtex.bibfile_data_error`, with
the file). If it would, the files are read here, with pybtex's errors captured: each syntax
error becomes one warning at `references.bib:<line>`, the entries that parse are kept, and
sphinxcontrib-bibtex then finds its cache up to date and does not read them again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pybtex.errors
from pybtex.database import BibliographyDataError
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime, is_bibdata_outdated

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
bibtex_logger = logging.getLogger("sphinxcontrib.bibtex.bibfile")

WARNING_TYPE = "apa7"


def _location(error: Any) -> str | None:
    """Location "path:line" of a pybtex error, or the path alone when it has no line."""
    filename = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if filename and line:
        return f"{filename}:{line}"
    return str(filename) if filename else None


def _stops_sphinxcontrib_bibtex(bibfiles: list[Path], encoding: str) -> bool:
    """Whether sphinxcontrib-bibtex's own reading of `bibfiles` would raise.

    It reads the files in one parser, in pybtex's error mode, and catches only
    `BibliographyDataError` (a repeated entry or field), which ends the reading of that file.
    """
    parser = Parser(encoding)
    for filename in bibfiles:
        if not filename.is_file():
            continue
        try:
            parser.parse_file(filename)
        except BibliographyDataError:
            continue
        except PybtexError:
            return True
    return False


def _parse_recovering(bibfiles: list[Path], encoding: str) -> BibData:
    """`sphinxcontrib.bibtex.bibfile.parse_bibdata`, going on past syntax errors."""
    parser = Parser(encoding)
    files: dict[Path, BibFile] = {}
    keys: dict[str, None] = {}
    for filename in bibfiles:
        new_keys: dict[str, None] = {}
        if not filename.is_file():
            bibtex_logger.warning(
                f"could not open bibtex file {filename}.", type="bibtex", subtype="bibfile_error"
            )
        else:
            with pybtex.errors.capture() as errors:
                parser.parse_file(filename)
            for error in errors:
                if isinstance(error, BibliographyDataError):
                    # sphinxcontrib-bibtex's own warning, text and type
                    bibtex_logger.warning(
                        f"bibliography data error in {filename}: {error}",
                        type="bibtex",
                        subtype="bibfile_data_error",
                    )
                else:
                    logger.warning(
                        "%s",
                        error,
                        location=_location(error) or str(filename),
                        type=WARNING_TYPE,
                        subtype="bibfile_syntax",
                    )
            keys, old_keys = dict.fromkeys(parser.data.entries.keys()), keys
            new_keys = dict.fromkeys(key for key in keys if key not in old_keys)
        files[filename] = BibFile(mtime=get_mtime(filename), keys=new_keys)
    return BibData(encoding=encoding, bibfiles=files, data=parser.data)


def read_bibfiles(app: Sphinx) -> None:
    """Read the `.bib` files here only where sphinxcontrib-bibtex's reading would stop."""
    if not app.config.bibtex_bibfiles:
        return  # sphinxcontrib-bibtex itself reports the missing setting
    domain: Any = app.env.get_domain("cite")
    bibfiles = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    encoding = app.config.bibtex_encoding
    if not is_bibdata_outdated(domain.bibdata, bibfiles, encoding):
        return
    if _stops_sphinxcontrib_bibtex(bibfiles, encoding):
        domain.data["bibdata"] = _parse_recovering(bibfiles, encoding)
