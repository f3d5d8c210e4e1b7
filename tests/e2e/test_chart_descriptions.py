"""Charts speak the reader's language: in Ukrainian, each indicator chart is one image whose
accessible name and description are the app's translated text (from i18n/uk/indicators.json), not
the chart library's English description in which a series number is read out as data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

UK = json.loads((Path(__file__).parents[2] / "frontend/i18n/uk/indicators.json").read_text(encoding="utf-8"))


def _pieces(template: str) -> list[str]:
    """The fixed words of a translated template, between its placeholders."""
    return [p.strip(" ;:,.()–") for p in re.split(r"\{\w+\}", template) if len(p.strip(" ;:,.()–")) > 2]


def _accessible(page: Any, selector: str) -> tuple[str, str]:
    """The name and description Chromium computes for an element (what a screen reader reads)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
    cdp.detach()
    return ax.get("name", {}).get("value", ""), ax.get("description", {}).get("value", "")


def test_chart_description_is_the_translated_text(page: Any) -> None:
    page.evaluate("localStorage.setItem('langelis.lang', 'uk')")
    page.goto("/#/indicators?indicator=foreign_residents&place=jonavos-r,kauno-m&type=year&from=2021&to=2024")
    page.reload()
    page.wait_for_selector("html[data-ready=true][lang=uk]")
    page.wait_for_selector("#ind-indicator option[value=foreign_residents]", state="attached")
    page.select_option("#ind-indicator", "foreign_residents")
    page.locator("#ind-show").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#ind-line canvas")
    page.wait_for_selector("#ind-bar canvas")
    for chart, template in (("#ind-line", UK["chart_line_desc"]), ("#ind-bar", UK["chart_bar_desc"])):
        assert page.locator(chart).get_attribute("role") == "img"
        name, description = _accessible(page, chart)
        for piece in _pieces(UK["chart_label"]):
            assert piece in name, (chart, name)
        for piece in _pieces(template):
            assert piece in description, (chart, description)
        # The description carries the data in words: the places' names and values.
        assert "Каун" in description or "Kaun" in description, description
        # Nothing of the library's own English text ("This is a chart about…", "series").
        for english in ("This is a chart", "chart about", "series", "The data is as follows"):
            assert english not in name and english not in description, (chart, name, description)
