"""Headless Chromium from the distribution's packages, driven by Selenium and chromium-driver:
the browser of the interactive page's tests (tests/test_html_browser.py), its benchmark
(bench/html.py) and its screenshots.

    from bench.browser import missing, chromium
    if (why := missing()) is None:
        with chromium() as browser:
            browser.open(path)
            browser.requests(), browser.console(), browser.violations()

Nothing is downloaded: the browser and its driver are the system's (``apt-get install
chromium chromium-driver``; ``ARGMAP_CHROMIUM`` and ``ARGMAP_CHROMEDRIVER`` name others), and
Selenium is given both paths, so its own driver manager never runs. Chromium starts with a
fresh profile and every background service off (no sync, no component updates, no field
trials), so that the only requests it makes are the page's own: :meth:`Browser.requests`
lists them, from the DevTools network log, and a page that keeps its promise of no network
shows none but its own file.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Browser", "chromium", "find", "missing"]

_CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_DRIVER = ("chromedriver",)

#: Flags for a quiet, reproducible headless Chromium (the first seven are the project's
#: standard set; the rest keep it from reaching out on its own).
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions",
    "--metrics-recording-only",
    "--mute-audio",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--lang=en-US",
)

#: Put into every page before its own script: records Content-Security-Policy violations.
_WATCH = (
    "window.__argmapViolations = [];"
    "document.addEventListener('securitypolicyviolation', function (e) {"
    "  window.__argmapViolations.push(e.violatedDirective + ' ' + e.blockedURI);"
    "});"
)


def find() -> tuple[str | None, str | None]:
    """The Chromium and chromium-driver executables found (None where missing)."""

    def first(env: str, names: tuple[str, ...]) -> str | None:
        given = os.environ.get(env)
        if given:
            return given if Path(given).exists() else None
        for name in names:
            path = shutil.which(name)
            if path:
                return path
        return None

    return first("ARGMAP_CHROMIUM", _CHROMIUM), first("ARGMAP_CHROMEDRIVER", _DRIVER)


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("selenium") is None:
        return "Selenium is not installed (pip install -e '.[test]')"
    browser, driver = find()
    if browser is None:
        return "Chromium is not installed (apt-get install chromium)"
    if driver is None:
        return "chromium-driver is not installed (apt-get install chromium-driver)"
    return None


@dataclass
class Browser:
    """One Chromium and its Selenium driver."""

    driver: Any
    width: int
    height: int

    def open(self, target: str | Path, fragment: str = "", *, wait: float = 30.0) -> float:
        """Load a file (or URL) and wait until the page says it is ready; return the
        milliseconds from the start of navigation to the page's ``argmap-ready`` mark."""
        url = target if isinstance(target, str) and "://" in target else Path(target).resolve().as_uri()
        self.requests()  # forget what came before
        self.driver.get(url + (f"#{fragment}" if fragment else ""))
        deadline = time.monotonic() + wait
        while self.driver.execute_script("return document.documentElement.dataset.ready") != "true":
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not become ready in {wait} s; console: {self.console()}")
            time.sleep(0.02)
        mark = self.driver.execute_script(
            "var m = performance.getEntriesByName('argmap-ready'); return m.length ? m[0].startTime : null"
        )
        return float(mark) if mark is not None else float("nan")

    def next_frame(self) -> float:
        """The milliseconds from the start of navigation to the next frame the page paints."""
        took: float = self.driver.execute_async_script(
            "var done = arguments[0];"
            "requestAnimationFrame(function () { setTimeout(function () { done(performance.now()); }, 0); });"
        )
        return took

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def requests(self) -> list[str]:
        """The URLs requested since the last call (from DevTools' network log)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def console(self) -> list[dict[str, Any]]:
        """The console messages since the last call (errors, warnings, policy reports ...)."""
        logs: list[dict[str, Any]] = self.driver.get_log("browser")
        return logs

    def violations(self) -> list[str]:
        """The Content-Security-Policy violations the current page has reported."""
        found: list[str] = self.js("return window.__argmapViolations || []")
        return found

    def screenshot(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 800) -> Iterator[Browser]:
    """A headless Chromium with a viewport of ``width`` x ``height`` CSS pixels, closed after."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = find()
    if binary is None or driver_path is None:
        raise RuntimeError(missing() or "no browser")
    profile = tempfile.mkdtemp(prefix="argmap-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True, "enablePage": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _WATCH})
        browser = Browser(driver, width, height)
        browser.requests()
        browser.console()
        yield browser
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
