"""The interactive page in a real browser: headless Chromium (the distribution's), driven by
Selenium through chromium-driver (bench/browser.py).

Skips where the browser is missing, and fails instead when ARGMAP_REQUIRE_BROWSER is set (as
.ci/run does once it has installed it). Every test checks that the page made no request but
for its own file, logged nothing on the console and broke no rule of its policy. Screenshots
go to a temporary folder, or to $ARGMAP_SCREENSHOTS (docs/img holds the ones kept).
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, MAPS, ROOT

import argmap
from argmap.model import ArgumentMap

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.browser import Browser, chromium, missing

pytestmark = pytest.mark.slow

SEED = MAPS / "turkey-kosovo.argmap"
#: The colours page.css gives a claim's background under each label (getComputedStyle's form).
FILL = {"in": "rgb(211, 237, 204)", "out": "rgb(220, 220, 220)", "undec": "rgb(253, 240, 194)"}
WORD = {"in": "IN", "out": "OUT", "undec": "UNDEC"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    why = missing()
    if why is not None:
        if os.environ.get("ARGMAP_REQUIRE_BROWSER"):
            pytest.fail(f"ARGMAP_REQUIRE_BROWSER is set but {why}")
        pytest.skip(why)
    with chromium(1280, 800) as b:
        yield b


@pytest.fixture
def clean(browser: Browser) -> Iterator[Browser]:
    """The browser; after the test, the page must have stayed offline, quiet and within its
    policy."""
    browser.requests()
    browser.console()
    yield browser
    page = browser.js("return location.href.split('#')[0]")
    others = [u for u in browser.requests() if u.split("#")[0] != page]
    assert others == [], "the page made network requests"
    noisy = [m for m in browser.console() if m["level"] in ("SEVERE", "WARNING")]
    assert noisy == [], "the page logged errors or warnings"
    assert browser.violations() == [], "the page broke its Content-Security-Policy"
    assert browser.js("return performance.getEntriesByType('resource').length") == 0


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = os.environ.get("ARGMAP_SCREENSHOTS")
    return Path(where) if where else tmp_path_factory.mktemp("screenshots")


def shoot(browser: Browser, shots: Path, name: str) -> Path:
    browser.js("document.activeElement && document.activeElement.blur && 0")
    path = browser.screenshot(shots / name)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (browser.width, browser.height)
    return path


@pytest.fixture(scope="session")
def seed() -> ArgumentMap:
    return argmap.load(SEED)


@pytest.fixture(scope="session")
def seed_page(seed: ArgumentMap, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "turkey-kosovo.html"
    # top-down, a wide picture: the panning tests need room to pan sideways
    path.write_bytes(argmap.render(seed, "html", rankdir="TB"))
    return path


def page_of(source: Path | str, tmp: Path, name: str, **kw: Any) -> Path:
    amap = argmap.load(source) if isinstance(source, Path) else argmap.parse(source)
    path = tmp / name
    path.write_bytes(argmap.render(amap, "html", **kw))
    return path


def node(browser: Browser, claim: str) -> Any:
    from selenium.webdriver.common.by import By

    return browser.driver.find_element(By.ID, f"claim-{claim}")


def click(browser: Browser, element: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser.driver).move_to_element(element).click().perform()


def panel(browser: Browser) -> str:
    text: str = browser.js("return document.getElementById('pane-details').innerText")
    return text


def zoom(browser: Browser) -> float:
    _frames(browser)
    return float(browser.js("return document.body.dataset.zoom"))


def in_view(browser: Browser, element: Any) -> bool:
    found: bool = browser.js(
        "var r = arguments[0].getBoundingClientRect(), v = document.getElementById('viewport')"
        ".getBoundingClientRect(); return r.left >= v.left && r.right <= v.right && r.top >= v.top"
        " && r.bottom <= v.bottom && r.width > 0",
        element,
    )
    return found


# ---- the watch itself -------------------------------------------------------------------------
def test_the_watch_sees_requests_console_errors_and_violations(browser: Browser, tmp_path: Path) -> None:
    """What the `clean` fixture relies on: a page that reaches out or breaks its policy is seen."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        '<img src="http://127.0.0.1:9/x.png">'
        "<script>document.documentElement.dataset.ready = 'true'</script>",
        encoding="utf-8",
    )
    browser.requests()
    browser.console()
    browser.driver.get(bad.as_uri())
    assert "http://127.0.0.1:9/x.png" in browser.requests()
    assert {v.split()[0] for v in browser.violations()} >= {"img-src", "script-src-elem"}
    assert any(m["level"] == "SEVERE" for m in browser.console())


# ---- opening ------------------------------------------------------------------------------------
def test_seed_page_opens_offline_and_quiet(
    clean: Browser, seed: ArgumentMap, seed_page: Path, shots: Path
) -> None:
    ready = clean.open(seed_page)
    assert 0 < ready < 10_000
    assert clean.js("return document.scripts.length") == 2
    ids = set(clean.js("return Array.from(document.querySelectorAll('g.claim')).map(g => g.id.slice(6))"))
    assert ids == {c.id for c in seed.claims}
    # the whole drawing fits the window when the page opens
    box = clean.js(
        "var r = document.querySelector('#canvas svg').getBoundingClientRect(); return [r.width, r.height]"
    )
    assert 0 < box[0] <= 1280 - 400 and 0 < box[1] <= 800
    shoot(clean, shots, "html-overview.png")


# ---- the panel ----------------------------------------------------------------------------------
def test_clicking_a_claim_opens_it_in_the_panel(
    clean: Browser, seed: ArgumentMap, seed_page: Path, shots: Path
) -> None:
    clean.open(seed_page)
    click(clean, node(clean, "bridgehead"))
    text = panel(clean)
    claim = seed.claim("bridgehead")
    assert claim.text in text
    assert "INTERPRETATION" in text and "bridgehead" in text
    assert "Aleksandar Radić" in text  # who holds it
    for sid in claim.sources:
        assert seed.source(sid).title in text
    assert re.search(r"Grounded\s+UNDEC", text)
    assert "SUPPORTED BY" in text.upper()
    assert clean.js("return location.hash") == "#claim=bridgehead"
    assert clean.js("return document.body.dataset.selected") == "claim:bridgehead"
    # a supporter is a button that opens it
    from selenium.webdriver.common.by import By

    drones = clean.driver.find_element(By.CSS_SELECTOR, '#pane-details button.ref[data-claim="drones"]')
    drones.click()
    text = panel(clean)
    assert seed.claim("drones").text in text
    assert clean.js("return location.hash") == "#claim=drones"
    # every quote with its speaker
    quotes = clean.js(
        "return Array.from(document.querySelectorAll('#pane-details figure.quote'))"
        ".map(f => [f.querySelector('blockquote').textContent, f.querySelector('figcaption').textContent])"
    )
    drones_claim = seed.claim("drones")
    assert [q for q, _ in quotes] == [q.text for q in drones_claim.quotes]
    for (_, caption), quote in zip(quotes, drones_claim.quotes, strict=True):
        assert quote.speaker is not None and seed.perspective(quote.speaker).name in caption
    clean.js("document.querySelector('#pane-details figure.quote').scrollIntoView({block: 'center'})")
    _settle(clean)
    shoot(clean, shots, "html-claim.png")


def test_clicking_an_arrow_opens_the_relation(clean: Browser, seed_page: Path) -> None:
    clean.open(seed_page, "claim=bridgehead")
    from selenium.webdriver.common.by import By

    _settle(clean)
    diamond = clean.js(
        "return Array.from(document.querySelectorAll('g.inference'))"
        ".find(g => g.querySelector('title').textContent === 'support:arms-bridgehead')"
        ".querySelector('polygon, path')"
    )
    click(clean, diamond)
    text = panel(clean)
    assert "SUPPORT" in text and "arms-bridgehead" in text and "together support" in text
    assert "UNDERCUT BY" in text.upper()
    assert clean.js("return location.hash") == "#support=arms-bridgehead"
    assert len(clean.driver.find_elements(By.CSS_SELECTOR, "g.edge.sel")) == 3  # two premises, one conclusion


# ---- perspectives and labels ----------------------------------------------------------------------
def opacity(browser: Browser, claim: str) -> float:
    return float(browser.js(f"return getComputedStyle(document.getElementById('claim-{claim}')).opacity"))


def test_a_perspective_fades_what_it_does_not_touch(
    clean: Browser, seed: ArgumentMap, seed_page: Path
) -> None:
    from selenium.webdriver.common.by import By

    clean.open(seed_page)
    clean.driver.find_element(By.ID, "tab-perspectives").click()
    clean.driver.find_element(By.CSS_SELECTOR, 'button[data-perspective="radic"]').click()
    assert clean.js("return document.body.dataset.perspectives") == "radic"
    touched = set(seed.accepted_by("radic")) | set(seed.rejected_by("radic"))
    for rel in seed.relations_by("radic"):
        touched |= {
            getattr(rel, a) for a in ("conclusion", "target", "attacker", "left", "right") if hasattr(rel, a)
        }
        touched |= set(getattr(rel, "premises", ()))
    touched &= {c.id for c in seed.claims}
    for c in seed.claims:
        expected = 1.0 if c.id in touched else pytest.approx(0.13, abs=0.01)
        assert opacity(clean, c.id) == expected, c.id
    assert "radic" in clean.js("return location.hash")
    pressed = clean.driver.find_element(By.CSS_SELECTOR, 'button[data-perspective="radic"]')
    assert pressed.get_attribute("aria-pressed") == "true"


def test_two_perspectives_show_agreement_and_disagreement(
    clean: Browser, tmp_path: Path, shots: Path
) -> None:
    from selenium.webdriver.common.by import By

    text = (
        'perspective ann "Ann"\nperspective bob "Bob"\n'
        'claim same "Both hold this." held by ann, bob\n'
        'claim split "Ann holds this, Bob rejects it." held by ann\n  rejected by bob\n'
        'claim mine "Only Ann says this." held by ann\n'
        'claim none "Nobody says this."\n'
        "same supports split\nmine rebuts none\n"
    )
    clean.open(page_of(text, tmp_path, "compare.html"))
    clean.driver.find_element(By.ID, "tab-perspectives").click()
    for pid in ("ann", "bob"):
        clean.driver.find_element(By.CSS_SELECTOR, f'button[data-perspective="{pid}"]').click()
    badges = clean.js(
        "var out = {}; document.querySelectorAll('g.claim').forEach(function (g) {"
        " var b = g.querySelector('.ov-badge[class*=cmp] text');"
        " out[g.id.slice(6)] = b ? b.textContent : null; });"
        " return out"
    )
    assert badges == {"same": "AGREE", "split": "DISAGREE", "mine": "only Ann", "none": None}
    assert opacity(clean, "none") == pytest.approx(0.13, abs=0.01)
    summary = clean.driver.find_element(By.ID, "pane-perspectives").text
    assert "DISAGREE (1)" in summary and "AGREE (1)" in summary and "ONLY BOB (0)" in summary
    assert "50% of the 2 claims" in summary
    legend = clean.driver.find_element(By.ID, "legend").text
    assert "AGREE" in legend and "DISAGREE" in legend
    shoot(clean, shots, "html-compare-small.png")


def label_view(browser: Browser) -> dict[str, list[str | None]]:
    """Each claim's background colour and label badge, as drawn."""
    found: dict[str, list[str | None]] = browser.js(
        "var out = {}; document.querySelectorAll('g.claim').forEach(function (g) {"
        " var b = g.querySelector('.ov-badge[class*=lab] text');"
        " out[g.id.slice(6)] = [getComputedStyle(g.querySelector('.bg')).fill, b ? b.textContent : null]; });"
        " return out"
    )
    return found


@pytest.mark.parametrize(
    ("key", "semantics"),
    [("grounded", "grounded"), ("preferred-sceptical", "preferred"), ("stable-sceptical", "stable")],
)
def test_a_semantics_recolours_every_claim(
    clean: Browser, seed: ArgumentMap, seed_page: Path, key: str, semantics: str
) -> None:
    from selenium.webdriver.support.ui import Select

    clean.open(seed_page)
    plain = label_view(clean)
    Select(clean.driver.find_element("id", "semantics")).select_by_value(key)
    labels = argmap.claim_labels(seed, semantics)
    shown = label_view(clean)
    for cid, label in labels.items():
        assert shown[cid] == [FILL[label], WORD[label]], cid
    assert clean.js("return document.body.dataset.labels") == key
    assert f"labels={key}" in clean.js("return location.hash")
    legend = clean.driver.find_element("id", "legend").text
    assert f"({sum(v == 'in' for v in labels.values())})" in legend
    # and back: the kinds' own colours return
    Select(clean.driver.find_element("id", "semantics")).select_by_value("")
    assert {c: v[0] for c, v in label_view(clean).items()} == {c: v[0] for c, v in plain.items()}


def test_credulous_labels_differ_where_the_map_says(
    clean: Browser, seed: ArgumentMap, seed_page: Path, shots: Path
) -> None:
    from argmap.semantics.evaluate import evaluate

    clean.open(seed_page, "labels=preferred-credulous&perspectives=radic,savkovic&claim=bridgehead")
    ev = evaluate(seed, "preferred")
    shown = label_view(clean)
    for c in seed.claims:
        if c.id in ev.credulous:
            assert shown[c.id][1] == "IN", c.id
    assert shown["bridgehead"][1] == "IN"  # in some preferred labelling, not in all
    assert clean.js("return document.getElementById('semantics').value") == "preferred-credulous"
    shoot(clean, shots, "html-labels-compare.png")


# ---- search -----------------------------------------------------------------------------------
def fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).lower()


def test_search_highlights_hits_and_moves_to_them(
    clean: Browser, seed: ArgumentMap, seed_page: Path, shots: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    clean.open(seed_page)
    before = zoom(clean)
    box = clean.driver.find_element(By.ID, "search-input")
    box.send_keys("bayraktar")
    clean.js("return 0")
    expected = [
        c.id
        for c in seed.claims
        if "bayraktar" in fold(c.id + " " + c.text) or any("bayraktar" in fold(q.text) for q in c.quotes)
    ]
    assert expected
    hits = _wait_for(
        clean, "return Array.from(document.querySelectorAll('g.claim.hit')).map(g => g.id.slice(6))"
    )
    assert sorted(hits) == sorted(expected)
    count = clean.driver.find_element(By.ID, "search-count").text
    assert count == f"1 of {len(expected)} matches" if len(expected) > 1 else "1 of 1 match"
    first = clean.driver.find_element(By.CSS_SELECTOR, "g.claim.hit-current")
    _settle(clean)
    assert in_view(clean, first) and zoom(clean) > before  # the view went to it, close enough to read
    box.send_keys(Keys.ENTER)
    second = clean.driver.find_element(By.CSS_SELECTOR, "g.claim.hit-current")
    assert second.get_attribute("id") != first.get_attribute("id")
    _settle(clean)
    assert in_view(clean, second)
    results = clean.driver.find_element(By.ID, "pane-search")
    assert results.is_displayed() and len(results.find_elements(By.CSS_SELECTOR, "li.result mark")) >= len(
        expected
    )
    shoot(clean, shots, "html-search.png")
    box.send_keys(Keys.ESCAPE)
    assert clean.js("return document.querySelectorAll('g.claim.hit').length") == 0


def test_search_ignores_accents_and_looks_in_quotes(clean: Browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    text = 'perspective p "P"\nclaim a "Erdoğan spoke." quote p "He said: Ünïcode."\nclaim b "Nothing."\n'
    clean.open(page_of(text, tmp_path, "accents.html"))
    box = clean.driver.find_element(By.ID, "search-input")
    for query, hits in (("erdogan", ["a"]), ("UNICODE", ["a"]), ("nothing", ["b"]), ("zzz", [])):
        box.clear()
        box.send_keys(query)
        found = _wait_for(
            clean, "return Array.from(document.querySelectorAll('g.claim.hit')).map(g => g.id.slice(6))", hits
        )
        assert found == hits, query
    assert clean.driver.find_element(By.ID, "search-count").text == "no match"


def _wait_for(browser: Browser, script: str, want: Any = None, timeout: float = 3.0) -> Any:
    import time

    deadline = time.monotonic() + timeout
    while True:
        got = browser.js(script)
        if (want is None and got) or (want is not None and got == want) or time.monotonic() > deadline:
            return got
        time.sleep(0.03)


def _settle(browser: Browser) -> None:
    """Wait for the view's animation to end (the page marks it on <body>), and its last frame."""
    _wait_for(browser, "return document.body.dataset.moving === undefined", True, timeout=5.0)
    _frames(browser)


# ---- the address ------------------------------------------------------------------------------
def test_a_fragment_link_opens_its_claim(clean: Browser, seed: ArgumentMap, seed_page: Path) -> None:
    clean.open(seed_page, "claim=drones&perspectives=kurti&labels=grounded")
    assert seed.claim("drones").text in panel(clean)
    assert clean.js("return document.body.dataset.perspectives") == "kurti"
    assert clean.js("return document.getElementById('semantics').value") == "grounded"
    _settle(clean)
    assert in_view(clean, node(clean, "drones"))
    # following another link on the same page
    clean.js("location.hash = 'claim=no-conflict'")
    _wait_for(clean, "return document.body.dataset.selected", "claim:no-conflict")
    assert seed.claim("no-conflict").text in panel(clean)
    # a bare id works too, and an unknown one says so
    clean.js("location.hash = 'bridgehead'")
    _wait_for(clean, "return document.body.dataset.selected", "claim:bridgehead")
    clean.js("location.hash = 'claim=nowhere'")
    assert "no claim “nowhere”" in _wait_for(
        clean, "return document.getElementById('pane-details').innerText"
    )


def test_the_page_opens_as_the_render_keywords_say(clean: Browser, seed: ArgumentMap, tmp_path: Path) -> None:
    path = tmp_path / "opening.html"
    path.write_bytes(
        argmap.render(seed, "html", compare=("pavkovic", "savkovic"), labels="grounded", focus="nato")
    )
    clean.open(path)
    assert clean.js("return document.body.dataset.perspectives") == "pavkovic,savkovic"
    assert clean.js("return document.body.dataset.labels") == "grounded"
    assert clean.js("return document.body.dataset.selected") == "claim:nato"


# ---- keyboard, pan and zoom ---------------------------------------------------------------------
def test_keyboard_moves_between_claims(
    clean: Browser, seed: ArgumentMap, seed_page: Path, shots: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    clean.open(seed_page)
    actions = ActionChains(clean.driver)
    clean.js("document.getElementById('viewport').focus()")
    actions.send_keys(Keys.TAB).perform()
    first = clean.js("return document.activeElement.id")
    assert first == f"claim-{seed.claims[0].id}"  # the first claim of the map file
    assert clean.js("return document.activeElement.getAttribute('role')") == "button"
    label = clean.js("return document.activeElement.getAttribute('aria-label')")
    assert seed.claims[0].text in label
    # keyboard focus is drawn: a ring around the claim
    assert clean.js("return document.querySelector('.ov-focus').getAttribute('visibility')") == "visible"
    seen = {first}
    for key in (Keys.ARROW_RIGHT, Keys.ARROW_DOWN, Keys.ARROW_LEFT, Keys.ARROW_UP, "]", "]", "["):
        ActionChains(clean.driver).send_keys(key).perform()
        seen.add(clean.js("return document.activeElement.id"))
    assert len(seen) >= 4
    ActionChains(clean.driver).send_keys(Keys.ENTER).perform()
    current = clean.js("return document.activeElement.id")[len("claim-") :]
    assert clean.js("return document.body.dataset.selected") == f"claim:{current}"
    assert seed.claim(current).text in panel(clean)
    _settle(clean)
    shoot(clean, shots, "html-keyboard.png")
    ActionChains(clean.driver).send_keys(Keys.ESCAPE).perform()
    assert clean.js("return document.body.dataset.selected") is None
    # / goes to the search box, ? to the list of keys
    ActionChains(clean.driver).send_keys("/").perform()
    assert clean.js("return document.activeElement.id") == "search-input"
    clean.js("document.getElementById('viewport').focus()")
    ActionChains(clean.driver).send_keys("?").perform()
    assert clean.js("return document.getElementById('tab-keys').getAttribute('aria-selected')") == "true"


def test_zoom_and_pan_by_keyboard_wheel_drag_and_buttons(clean: Browser, seed_page: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    clean.open(seed_page)
    fit = zoom(clean)
    viewport = clean.driver.find_element(By.ID, "viewport")
    clean.js("arguments[0].focus()", viewport)
    ActionChains(clean.driver).send_keys("+").perform()
    _settle(clean)
    assert zoom(clean) == pytest.approx(fit * 1.25, rel=0.01)
    ActionChains(clean.driver).send_keys("0").perform()
    _settle(clean)
    assert zoom(clean) == pytest.approx(fit, rel=0.01)
    # the wheel zooms at the pointer
    ActionChains(clean.driver).scroll_from_origin(ScrollOrigin.from_element(viewport), 0, -400).perform()
    _settle(clean)
    wheeled = zoom(clean)
    assert wheeled > fit * 1.5
    # a drag moves the view by as much as the pointer moved
    shift = _shift(clean)
    ActionChains(clean.driver).move_to_element_with_offset(viewport, 0, 200).click_and_hold().move_by_offset(
        120, 0
    ).move_by_offset(80, 0).release().perform()
    moved = _shift(clean)
    assert moved - shift == pytest.approx(200, abs=2)
    assert zoom(clean) == wheeled
    assert clean.js("return document.body.dataset.selected") is None  # a drag is no click
    # arrow keys on the map move the view; the buttons zoom and fit
    ActionChains(clean.driver).send_keys(Keys.ARROW_LEFT).perform()
    after = _shift(clean)
    assert after == pytest.approx(moved + 90, abs=2)
    clean.driver.find_element(By.ID, "zoom-out").click()
    assert zoom(clean) == pytest.approx(wheeled / 1.4, rel=0.01)
    clean.driver.find_element(By.ID, "zoom-fit").click()
    _settle(clean)
    assert zoom(clean) == pytest.approx(fit, rel=0.01)
    assert clean.driver.find_element(By.ID, "zoom-level").text == f"{round(fit * 100)}%"


def _shift(browser: Browser) -> float:
    """The view's horizontal shift, once the page has drawn what came before (it draws a
    change at the next frame)."""
    _frames(browser)
    return float(
        browser.js("return new DOMMatrix(getComputedStyle(document.getElementById('canvas')).transform).e")
    )


def _frames(browser: Browser) -> None:
    """Wait for two frames: the page applies a change of view at the next one."""
    browser.driver.execute_async_script(
        "var done = arguments[0]; requestAnimationFrame(function () { requestAnimationFrame(done); });"
    )


def test_accessible_names_and_roles(clean: Browser, seed_page: Path) -> None:
    clean.open(seed_page)
    assert clean.js("return document.querySelectorAll('[role=tab]').length") == 5
    assert clean.js("return document.querySelectorAll('[role=tabpanel]').length") == 5
    assert clean.js("return document.querySelector('main').getAttribute('aria-label')") == "Map"
    assert clean.js("return document.querySelector('aside').getAttribute('aria-label')") == "Details"
    unnamed = clean.js(
        "return Array.from(document.querySelectorAll('button, input, select, [role=button]'))"
        ".filter(e => !(e.getAttribute('aria-label') || e.textContent.trim() || e.labels && e.labels.length))"
        ".map(e => e.outerHTML.slice(0, 80))"
    )
    assert unnamed == []
    # one claim is reachable with Tab, the others by arrow keys (a roving tab stop)
    assert clean.js("return document.querySelectorAll('g.claim[tabindex=\"0\"]').length") == 1


# ---- safety -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["xss", "adversarial"])
def test_hostile_map_text_stays_inert(clean: Browser, tmp_path: Path, shots: Path, name: str) -> None:
    from selenium.webdriver.common.by import By

    source = DATA / "html" / "xss.argmap" if name == "xss" else DATA / "render" / "adversarial.argmap"
    amap = argmap.load(source)
    clean.open(page_of(source, tmp_path, f"{name}.html"))
    assert clean.js("return window.__pwned") is None
    assert clean.js("return document.scripts.length") == 2
    assert clean.js("return document.querySelectorAll('img, iframe, marquee, object, embed, b').length") == 0
    assert clean.driver.find_element(By.ID, "map-title").text == (amap.title or "").strip()
    assert clean.js("return document.title") == f"{amap.title} · argmap"
    for c in amap.claims:
        clean.js("location.hash = arguments[0]", "claim=" + c.id)
        got = _wait_for(
            clean, "return document.querySelector('#pane-details .claim-text')?.textContent", c.text
        )
        assert got == c.text, c.id
    # every perspective, chosen, keeps its name as text
    clean.driver.find_element(By.ID, "tab-perspectives").click()
    for p in amap.perspectives:
        button = clean.driver.find_element(By.CSS_SELECTOR, f'button[data-perspective="{p.id}"]')
        assert clean.js("return arguments[0].querySelector('.name').textContent", button) == p.name
        button.click()
    for key in ("grounded", "preferred-credulous"):
        clean.js("location.hash = arguments[0]", f"labels={key}")
    assert clean.js("return window.__pwned") is None
    if name == "xss":
        clean.js("location.hash = 'claim=script'")
        links = clean.js(
            "return Array.from(document.querySelectorAll('#pane-details a[href]'))"
            ".map(a => a.getAttribute('href'))"
        )
        assert links == ["#claim=script", "https://example.org/report?a=1&b=<2>"]  # javascript: is no link
        shoot(clean, shots, "html-xss.png")


# ---- size -------------------------------------------------------------------------------------
def test_a_thousand_claims_open_and_answer(clean: Browser, tmp_path: Path) -> None:
    """A 1,000-claim page opens and answers a switch of labels and a search (how fast is
    bench/html.py's business: speed targets live in benchmarks, not in timed tests)."""
    from selenium.webdriver.common.by import By

    from bench.genmap import generate

    path = tmp_path / "gen-1000.html"
    path.write_bytes(argmap.render(argmap.parse(generate(1000).argmap_text), "html"))
    clean.open(path)
    assert clean.js("return document.querySelectorAll('g.claim').length") == 1000
    clean.js(
        "document.getElementById('semantics').value = 'grounded';"
        " document.getElementById('semantics').dispatchEvent(new Event('change'));"
    )
    assert clean.js("return document.getElementById('semantics').value") == "grounded"
    clean.driver.find_element(By.ID, "search-input").send_keys("bayraktar drones")
    assert _wait_for(clean, "return document.querySelectorAll('g.claim.hit').length")


# ---- in a notebook ------------------------------------------------------------------------------
def test_the_notebook_frame_works_in_its_sandbox(
    clean: Browser, seed: ArgumentMap, tmp_path: Path, shots: Path
) -> None:
    """The frame `ArgumentMap._repr_html_` gives, in a page standing in for a notebook."""
    from selenium.webdriver.common.by import By

    outer = tmp_path / "notebook.html"
    outer.write_text(
        '<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>A notebook</title>'
        '<body style="margin:16px;font:14px sans-serif"><p><code>In [1]: argmap.load("turkey-kosovo.argmap")'
        "</code></p>" + seed._repr_html_() + "</body></html>",
        encoding="utf-8",
    )
    clean.driver.get(outer.as_uri())
    clean.driver.switch_to.frame(clean.driver.find_element(By.TAG_NAME, "iframe"))
    try:
        assert _wait_for(clean, "return document.documentElement.dataset.ready", "true", timeout=10) == "true"
        assert clean.js("return window.origin") == "null"  # sandboxed: an origin of its own
        clean.js("location.hash = 'claim=bridgehead'")
        assert seed.claim("bridgehead").text in _wait_for(
            clean, "return document.getElementById('pane-details').innerText"
        )
        _settle(clean)
        find_other = (
            "var v = document.getElementById('viewport').getBoundingClientRect();"
            "return Array.from(document.querySelectorAll('g.claim')).find(function (g) {"
            " var r = g.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;"
            " return g.id !== 'claim-bridgehead' && x > v.left + 10 && x < v.right - 10"
            " && y > v.top + 10 && y < v.bottom - 10; })"
        )
        other = clean.js(find_other)
        if other is None:  # the frame is small: fit the map to it (its fit button), then pick one
            clean.js("document.getElementById('zoom-fit').click()")
            _settle(clean)
            other = clean.js(find_other)
        assert other is not None, "no other claim in view"
        click(clean, other)
        want = "claim:" + other.get_attribute("id")[len("claim-") :]
        assert _wait_for(clean, "return document.body.dataset.selected", want) == want
        assert clean.violations() == []
    finally:
        clean.driver.switch_to.default_content()
    _settle(clean)
    shoot(clean, shots, "html-notebook.png")


def test_the_markdown_example_page(clean: Browser, shots: Path) -> None:
    """docs/examples/markdown.html: drawings inline, the interactive page in its frame."""
    from selenium.webdriver.common.by import By

    example = ROOT / "docs" / "examples" / "markdown.html"
    clean.driver.get(example.as_uri())
    assert clean.js("return document.querySelectorAll('figure.argmap svg').length") == 2
    widths = clean.js(
        "return Array.from(document.querySelectorAll('figure.argmap svg'))"
        ".map(s => [s.getBoundingClientRect().width, s.parentNode.getBoundingClientRect().width])"
    )
    assert all(0 < w <= parent + 0.5 for w, parent in widths)  # no drawing wider than the text
    frame = clean.driver.find_element(By.CSS_SELECTOR, ".argmap-page iframe")
    clean.js("arguments[0].scrollIntoView()", frame)
    clean.driver.switch_to.frame(frame)
    try:
        assert _wait_for(clean, "return document.documentElement.dataset.ready", "true", timeout=10) == "true"
        assert clean.js("return document.body.dataset.perspectives") == "dove,hawk"
        assert clean.js("return document.body.dataset.labels") == "preferred-sceptical"
        assert clean.violations() == []
    finally:
        clean.driver.switch_to.default_content()
    _settle(clean)
    shoot(clean, shots, "html-markdown.png")


def test_the_agreement_tab_is_the_reports_matrix(clean: Browser, seed: ArgumentMap, seed_page: Path) -> None:
    from selenium.webdriver.common.by import By

    from argmap.semantics.agreement import perspectives

    clean.open(seed_page)
    clean.driver.find_element(By.ID, "tab-agreement").click()
    report = perspectives(seed)
    ps = list(report.perspectives)
    pairs = clean.js(
        "return Array.from(document.querySelectorAll('table.pairs tbody tr'))"
        ".map(tr => Array.from(tr.querySelectorAll('td'))"
        ".map(td => td.firstChild ? td.firstChild.textContent : ''))"
    )
    assert len(pairs) == len(ps)
    for i, p in enumerate(ps):
        for j, q in enumerate(ps):
            score = report.agreement.get((p, q))
            want = "\u2014" if p == q else "\u00b7" if score is None else f"{round(score * 100)}%"
            assert pairs[i][j] == want, (p, q)
    rows = clean.js(
        "return Array.from(document.querySelectorAll('table.stances tbody tr')).map(tr => ["
        " tr.querySelector('button').dataset.claim,"
        " Array.from(tr.querySelectorAll('td')).map(td => td.classList.contains('acc') ? 'accept'"
        "  : td.classList.contains('rej') ? 'reject' : 'silent')])"
    )
    expected = [[c, list(report.row(c))] for c in report.claims if set(report.row(c)) != {"silent"}]
    assert rows == expected
    assert clean.js("return document.querySelectorAll('table.stances td.acc .sr-only').length") == sum(
        row.count("accept") for _, row in expected
    )


@pytest.mark.parametrize("backend", ["dot", "graphviz-pure"])
def test_the_page_works_with_either_backend(
    clean: Browser, seed: ArgumentMap, tmp_path: Path, backend: str
) -> None:
    from argmap.drawing.backends import find_executable

    if find_executable(backend) is None:
        if backend == "dot" and os.environ.get("ARGMAP_REQUIRE_DOT"):
            pytest.fail("ARGMAP_REQUIRE_DOT is set but `dot` is not installed")
        pytest.skip(f"{backend} is not installed")
    path = tmp_path / f"{backend}.html"
    path.write_bytes(argmap.render(seed, "html", backend=backend))
    clean.open(path, "labels=grounded")
    click(clean, node(clean, "nato"))
    assert seed.claim("nato").text in panel(clean)
    labels = argmap.claim_labels(seed, "grounded")
    assert {c: v[1] for c, v in label_view(clean).items()} == {c: WORD[v] for c, v in labels.items()}
    edges = clean.js("return document.querySelectorAll('g.edge.rel').length")
    assert edges == sum(len(r["edges"]) for r in _relations(seed))


def _relations(amap: ArgumentMap) -> list[dict[str, Any]]:
    from argmap.drawing.html import page_data

    found: list[dict[str, Any]] = page_data(amap)["relations"]
    return found


def test_a_question_opens_with_its_answers(clean: Browser, seed: ArgumentMap, seed_page: Path) -> None:
    from selenium.webdriver.common.by import By

    clean.open(seed_page)
    # before anything is chosen the panel lists the questions
    first = seed.questions[0]
    clean.driver.find_element(By.XPATH, f"//section[@id='pane-details']//button[code='{first.id}']").click()
    text = panel(clean)
    assert first.text in text and "QUESTION" in text
    for c in seed.answers_to(first.id):
        assert c.id in text
    assert clean.js("return location.hash") == f"#question={first.id}"


_MISPLACED = (
    "return Array.from(document.querySelectorAll('g.claim')).filter(function (g) {"
    " var ring = g.querySelector('.ov-ring'); if (!ring) return true;"
    " var a = ring.getBBox(), b = g.querySelector('.bg').getBBox();"
    " return Math.abs(a.x + a.width / 2 - b.x - b.width / 2) > 1 || Math.abs(a.width - b.width - 5) > 1;"
    "}).map(g => g.id)"
)


def test_a_frame_opened_out_of_sight_marks_its_claims_in_place(clean: Browser, tmp_path: Path) -> None:
    """A page in a frame the browser has not laid out (hidden, or out of sight in a notebook or a
    long document) starts all the same: its marks must land on their claims once it shows."""
    import time

    from selenium.webdriver.common.by import By

    from argmap.drawing.notebook import frame

    amap = argmap.load(MAPS / "nixon-diamond.argmap")
    outer = tmp_path / "hidden.html"
    page = argmap.render(amap, "html", compare=("dove", "hawk"), labels="preferred", focus="pacifist")
    outer.write_text(
        '<!DOCTYPE html><meta charset="utf-8"><title>Hidden</title>'
        + frame(page.decode("utf-8"), title="hidden at first").replace("<iframe ", "<iframe hidden ", 1),
        encoding="utf-8",
    )
    clean.driver.get(outer.as_uri())
    # The frame's own origin hides its state from this page, and looking into it would show
    # it: it is given time to start where it is, hidden.
    time.sleep(1.5)
    element = clean.driver.find_element(By.TAG_NAME, "iframe")
    clean.js("arguments[0].hidden = false", element)
    clean.driver.switch_to.frame(element)
    try:
        assert _wait_for(clean, "return performance.getEntriesByName('argmap-ready').length", 1) == 1
        assert clean.js(_MISPLACED) == []
        # and the claim it opens on, chosen with no window to show it in, is in view once it shows
        _settle(clean)
        assert clean.js("return document.body.dataset.selected") == "claim:pacifist"
        assert in_view(clean, node(clean, "pacifist"))
    finally:
        clean.driver.switch_to.default_content()


def test_a_page_that_cannot_start_says_so(browser: Browser, tmp_path: Path) -> None:
    """Data the script cannot read (here: none at all) leaves the drawing and a message, not a
    silent page."""
    from argmap.drawing.html import assemble, inert_svg

    amap = argmap.parse('claim a "A"\n')
    broken = tmp_path / "broken.html"
    broken.write_text(assemble(inert_svg(argmap.render(amap, "svg")), {"title": "Broken"}), encoding="utf-8")
    browser.console()
    browser.driver.get(broken.as_uri())
    text = _wait_for(browser, "return document.getElementById('pane-details').textContent")
    assert text.startswith("This page could not start: ") and "The drawing is still there." in text
    assert browser.js("return document.querySelectorAll('#canvas svg #claim-a').length") == 1
    assert any(m["level"] == "SEVERE" for m in browser.console())


def test_the_benchmark_runs(browser: Browser, capsys: pytest.CaptureFixture[str]) -> None:
    """bench/html.py, on the seed map only, one load: its table has the row and the numbers."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_html", ROOT / "bench" / "html.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--sizes", "--loads", "1"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| map | claims | make s | page KB |") and len(table) == 3
    cells = [c.strip() for c in table[2].strip("|").split("|")]
    assert cells[0] == "seed (turkey-kosovo)" and cells[1] == "63"
    assert 0 < float(cells[3].replace(",", "")) < 1000  # KB: under a megabyte
    assert all(re.fullmatch(r"\d+(, \d+)?", c) for c in cells[6:]), cells


def test_language_2_relations_open_with_their_scheme_and_undercuts(clean: Browser, tmp_path: Path) -> None:
    """An undercut of a rebuttal lands on the rebuttal's own mark, and the panel says so; a
    relation's scheme is in its panel."""
    page = page_of(DATA / "render" / "language2.argmap", tmp_path, "l2.html")
    clean.open(page, "support=cost-step")
    _settle(clean)
    text = panel(clean)
    assert "SCHEME" in text.upper() and "Argument From Cause To Effect" in text
    mark = clean.js(
        "return Array.from(document.querySelectorAll('g.inference'))"
        ".find(g => g.querySelector('title').textContent === 'rebuttal:seasonal')"
        ".querySelector('polygon, path')"
    )
    click(clean, mark)
    text = panel(clean)
    assert "REBUTTAL" in text.upper() and "seasonal" in text and "UNDERCUT BY" in text.upper()
