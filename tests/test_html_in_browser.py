"""The tracked page of the example in a real browser: Debian's Chromium driven by selenium
through chromedriver (``.ci/run`` installs them). Skips when any of them is missing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bracketeer.write.html import PALETTE

from .conftest import EXAMPLE, run_cli

webdriver = pytest.importorskip("selenium.webdriver")

# the example's delegations in order of first appearance take the palette's colours in turn
ON_PAGE = {"US": PALETTE[0], "CAN": PALETTE[1], "ARG": PALETTE[2]}

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None, reason="Chromium and chromedriver are not installed"
)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "tracked.html"
    r = run_cli(["render", str(EXAMPLE), "--to", "html", "--mode", "tracked", "-o", str(out)])
    assert r.code == 0, r.err
    return out


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_argument("--window-size=1000,800")  # a laptop's window: the page must scroll
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def loaded(browser, page_file):
    browser.get(page_file.as_uri())
    return browser


def test_the_page_loads_from_disk_without_a_console_error(loaded):
    assert loaded.title.startswith("CICTE PARAGRAPHS")
    problems = [e for e in loaded.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert problems == []


def test_every_proposals_tag_is_visible_when_scrolled_to(loaded):
    from selenium.webdriver.common.by import By

    tags = loaded.find_elements(By.CSS_SELECTOR, "main .tag")
    assert [t.text for t in tags] == ["US", "CAN", "US", "US", "ARG", "US"]
    for t in tags:
        loaded.execute_script("arguments[0].scrollIntoView({block: 'center'})", t)
        box = loaded.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return [r.width, r.height, r.top, r.bottom, r.left, r.right, innerWidth, innerHeight];",
            t,
        )
        width, height, top, bottom, left, right, vw, vh = box
        assert width > 0 and height > 0, t.text
        assert 0 <= top and bottom <= vh and 0 <= left and right <= vw, (t.text, box)
        assert t.is_displayed()


def test_the_legend_lists_the_delegations_with_their_open_counts(loaded):
    from selenium.webdriver.common.by import By

    rows = loaded.find_elements(By.CSS_SELECTOR, ".legend tbody tr")
    seen = [[c.text for c in r.find_elements(By.TAG_NAME, "td")][1:] for r in rows]
    assert seen == [["US", "United States", "4"], ["CAN", "Canada", "1"], ["ARG", "Argentina", "1"]]


def test_the_delegations_colours_differ_as_computed_by_the_browser(loaded):
    from selenium.webdriver.common.by import By

    computed = {}
    for code in ("US", "CAN", "ARG"):
        ins = loaded.find_element(By.CSS_SELECTOR, f'main ins[data-author="{code}"]')
        tag = loaded.find_element(By.XPATH, f'//main//span[@class="tag"][text()="{code}"]')
        computed[code] = (ins.value_of_css_property("color"), tag.value_of_css_property("background-color"))
        r, g, b = (int(ON_PAGE[code][i : i + 2], 16) for i in (1, 3, 5))
        assert computed[code][0] in (f"rgba({r}, {g}, {b}, 1)", f"rgb({r}, {g}, {b})")
    assert len({c[0] for c in computed.values()}) == 3
    assert len({c[1] for c in computed.values()}) == 3
    deleted = loaded.find_elements(By.CSS_SELECTOR, "main del")
    for d in deleted:  # struck through in its delegation's colour
        assert "line-through" in d.value_of_css_property("text-decoration-line")


def test_the_links_to_open_paragraphs_lead_to_them(loaded):
    from selenium.webdriver.common.by import By

    links = loaded.find_elements(By.CSS_SELECTOR, ".standing .open a")
    assert [a.text for a in links] == ["2.", "4.bis.", "8."]
    for a in links:
        target = loaded.find_element(By.ID, a.get_attribute("href").split("#")[1])
        assert a.text in target.text


def test_the_printed_pdf_holds_the_tags_on_a4(page_file, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "printed.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page_file.as_uri(),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for shown in ("US terroristm", "CAN Intelligence Analysis", "US terrorist criminal", "ARG To instruct"):
        assert shown in flat, shown
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info  # Chromium's own default is Letter: the print stylesheet asked for A4


def test_brackets_that_name_no_delegation_show_in_the_neutral_style(browser, tmp_path):
    draft = tmp_path / "un.txt"
    draft.write_text("T\n\n1. Parties [shall] [should] report [annually] on [enhanced] action.\n")
    out = tmp_path / "un.html"
    assert (
        run_cli(
            [
                "render",
                str(draft),
                "--to",
                "html",
                "--mode",
                "tracked",
                "--adjacent",
                "alternatives",
                "-o",
                str(out),
            ]
        ).code
        == 0
    )
    browser.get(out.as_uri())
    marked = browser.find_elements("css selector", ".prop.plain")
    assert [m.text.replace("?", "", 1) for m in marked] == ["[shall]", "[should]", "[annually]", "[enhanced]"]
    body = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    for m in marked:
        assert m.is_displayed()
        assert browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", m) != body


UN_STYLE = EXAMPLE.parent / "un-style-draft.txt"
REAL = (
    EXAMPLE.parent.parent.parent / "shared" / "real-drafts" / "unfccc-sbsta61-art62-draft-decision-2024.txt"
)


def _side_by_side(draft: Path, out: Path) -> Path:
    r = run_cli(["render", str(draft), "--to", "html", "--mode", "side-by-side", "-o", str(out)])
    assert r.code == 0, r.err
    return out


@pytest.mark.parametrize("draft", [UN_STYLE, REAL], ids=["un-style", "unfccc"])
def test_side_by_side_fits_a_phone_with_each_paragraph_stacked(browser, tmp_path, draft):
    if not draft.exists():
        pytest.skip("../shared/real-drafts is absent")
    page = _side_by_side(draft, tmp_path / "sbs.html")
    browser.set_window_size(390, 844)
    try:
        browser.get(page.as_uri())
        # no sideways scrolling: the table's rows are stacked, each version under the last
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390
        cells = browser.find_elements("css selector", "table.side-by-side tbody tr[id] td[data-col]")
        shown = [c for c in cells if c.is_displayed()]
        assert shown and all(c.rect["width"] <= 390 for c in shown)
        # every paragraph is in the jump list, and each link leads to its row
        links = browser.find_elements("css selector", "nav.jump a")
        rows = browser.find_elements("css selector", "table.side-by-side tbody tr[id]")
        assert len(links) == len(rows) > 0
        last = links[-1]
        target = last.get_attribute("href").rsplit("#", 1)[1]
        last.click()
        top = browser.execute_script(
            f"return document.getElementById('{target}').getBoundingClientRect().top"
        )
        assert 0 <= top < 844
    finally:
        browser.set_window_size(1000, 800)


def test_side_by_side_prints_landscape_with_its_header_on_every_page(tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page = _side_by_side(UN_STYLE, tmp_path / "sbs.html")
    pdf = tmp_path / "sbs.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True).stdout
    sizes = [line for line in info.splitlines() if line.startswith("Page") and "size" in line]
    assert len(sizes) > 1 and all("841.92 x 594.96" in s for s in sizes)  # A4 landscape, every page
    for n in range(2, len(sizes) + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        assert "Agreed / base" in text, f"page {n} has no header row"


def test_the_history_page_shows_its_chart_and_tables(browser, tmp_path):
    versions = [
        EXAMPLE.parent / "consolidation" / "base.txt",
        EXAMPLE,
        EXAMPLE.parent / "cicte-omnibus-2024-rev1.txt",
    ]
    r = run_cli(["history", *map(str, versions), "--format", "html"])
    assert r.code == 0, r.err
    page = tmp_path / "history.html"
    page.write_bytes(r.out)
    browser.get(page.as_uri())
    problems = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not problems
    chart = browser.find_element("css selector", "figure.chart svg")
    assert chart.is_displayed() and chart.size["width"] > 300 and chart.size["height"] > 150
    rows = browser.find_elements("css selector", "table.versions tbody tr")
    assert len(rows) == len(versions)
    tags = browser.find_elements("css selector", "table.by-delegation tbody .tag")
    assert [t.text for t in tags] == ["ARG", "CAN", "MEX", "US"]
