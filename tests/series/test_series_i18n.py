"""Labels come from the sphinx_post_series catalog, in the build's language."""

from __future__ import annotations

from io import BytesIO

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from series_helpers import page, series_navs, text_of
from sphinx_post_series._i18n import CATALOG, LOCALE_DIR


@pytest.mark.sphinx(
    "html",
    testroot="series-basic",
    srcdir="series-basic-es",
    freshenv=True,
    confoverrides={"language": "es"},
)
def test_spanish_labels(app):
    app.build()
    assert app.warning.getvalue() == ""
    top, bottom = series_navs(page(app, "posts/problems"))
    assert text_of(top) == "Parte 2 de 3 de la serie Healthy Intimacy"
    assert top["aria-label"] == "Serie: Healthy Intimacy"
    assert bottom["aria-label"] == "Navegación de la serie: Healthy Intimacy"
    assert text_of(bottom.find("p", class_="series-prev")) == (
        "Anterior en la serie: Attachment and Closeness"
    )
    assert text_of(bottom.find("p", class_="series-next")) == (
        "Siguiente en la serie: EMDR Within a Systems Approach (próximamente)"
    )
    entries = page(app, "all-series").find("ul", class_="series-index").find_all("li")
    assert text_of(entries[1]) == "Tiny Series (3 partes)"
    dates = page(app, "landing").select("div.series-contents span.series-date")
    assert dates[0].get_text() == "13 de julio de 2022"


@pytest.mark.sphinx("html", testroot="series-basic", srcdir="series-basic-en", freshenv=True)
def test_english_after_spanish_does_not_leak(app):
    app.build()
    top, _bottom = series_navs(page(app, "posts/problems"))
    assert text_of(top) == "Part 2 of 3 in the series Healthy Intimacy"


@pytest.mark.parametrize("language", ["es"])
def test_compiled_catalog_matches_po(language):
    messages = LOCALE_DIR / language / "LC_MESSAGES"
    with (messages / f"{CATALOG}.po").open("rb") as po_file:
        po = read_po(po_file)
    mo = read_mo(BytesIO((messages / f"{CATALOG}.mo").read_bytes()))
    expected = {m.id: m.string for m in po if m.id and m.string}
    assert {m.id: m.string for m in mo if m.id} == expected
    with (LOCALE_DIR / f"{CATALOG}.pot").open("rb") as pot_file:
        template_ids = {m.id for m in read_po(pot_file) if m.id}
    assert template_ids == set(expected), "untranslated or stale messages"
