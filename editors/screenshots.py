"""Take the screenshots of docs/editors.md (docs/img/).

    python editors/screenshots.py

* ``highlighting.png``: a map as the Pygments lexer highlights it, the HTML that ``pygmentize``
  writes, opened in headless Chromium;
* ``diagnostics-neovim.png``: a real editor, Neovim (its built-in LSP client) running
  ``argmap lsp`` on a map with mistakes: the findings underlined, at the end of their lines and,
  for the line under the cursor, in Neovim's float;
* ``hover-neovim.png``: the same, hovering over a claim.

The terminal is run in tmux, its screen captured with its colours, turned into HTML by ``aha``
and photographed by Chromium.

Needs Chromium (/usr/bin/chromium), tmux, Neovim (0.7 or later) and aha (Debian: ``apt-get
install chromium tmux neovim aha``), and this checkout's argmap with the lsp extra in .venv.
Not run by the tests: the pictures are documentation, looked at by a person.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
CHROMIUM = [
    "/usr/bin/chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--hide-scrollbars",
]

HIGHLIGHTED = """\
# Tweety: a default and its exception
title "Does Tweety fly?"

perspective naive "Default reasoner"
perspective ornithologist "Ornithologist"   role "knows Tweety"
question flight "Does Tweety fly?"

fact bird "Tweety is a bird."           held by naive, ornithologist
fact penguin "Tweety is a penguin."     held by ornithologist
claim flies "Tweety flies."
  answers flight
  held by naive
  rejected by ornithologist
  quote naive "Birds fly, and Tweety is a bird: \\"it flies\\"."
  note \"\"\"The conclusion everyone
  argues about.\"\"\"

default: bird supports flies by naive   # a named support ...
penguin undercuts default by ornithologist   # ... can be undercut
penguin rebuts flies by ornithologist
ornithologist accepts penguin
"""

WITH_MISTAKES = """\
title "Does Tweety fly?"

perspective naive "Default reasoner"
perspective ornithologist "Ornithologist"

fact bird "Tweety is a bird."        held by naive, ornithologist
fact penguin "Tweety is a penguin."  held by ornitologist
claim flies "Tweety flies."
  held by naive

default: bird supports flies by naive
penguin undercuts defualt by ornithologist
penguin rebuts flies
"""

NVIM_INIT = """\
vim.o.number = true
vim.o.signcolumn = "yes"
vim.o.laststatus = 2
vim.o.ruler = false
vim.cmd("syntax off")
for group, spec in pairs({
  NormalFloat = "ctermbg=236 ctermfg=252", FloatBorder = "ctermbg=236 ctermfg=244",
  SignColumn = "ctermbg=NONE", LineNr = "ctermfg=242", StatusLine = "ctermbg=238 ctermfg=252 cterm=NONE",
  DiagnosticError = "ctermfg=203", DiagnosticWarn = "ctermfg=214", DiagnosticHint = "ctermfg=114",
  DiagnosticUnderlineError = "cterm=underline ctermfg=203",
  DiagnosticUnderlineWarn = "cterm=underline ctermfg=214",
  DiagnosticFloatingError = "ctermbg=236 ctermfg=203", DiagnosticFloatingWarn = "ctermbg=236 ctermfg=214",
}) do vim.cmd("highlight " .. group .. " " .. spec) end
vim.diagnostic.config({ virtual_text = { prefix = "●" }, signs = true, underline = true,
  severity_sort = true, float = { border = "rounded", source = "always" } })
vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
  pattern = "*.argmap",
  callback = function(args)
    local id = vim.lsp.start_client({ name = "argmap", cmd = { os.getenv("ARGMAP"), "lsp" },
      root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
"""


def _shoot(html: Path, png: Path, width: int, height: int) -> None:
    subprocess.run(
        [*CHROMIUM, f"--window-size={width},{height}", f"--screenshot={png}", html.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    print(f"wrote {png.relative_to(ROOT)}")


def highlighting(work: Path) -> None:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter

    from argmap.formats.pygments_lexer import ArgmapLexer

    formatter = HtmlFormatter(style="friendly", nowrap=False)
    body = highlight(HIGHLIGHTED, ArgmapLexer(), formatter)
    page = work / "highlighting.html"
    page.write_text(
        "<!doctype html><meta charset=utf-8><style>"
        "body{margin:0;background:#f0f0f0}"
        ".highlight{margin:0;padding:14px 18px}"
        ".highlight pre{margin:0;font:15px/1.45 'DejaVu Sans Mono',monospace}"
        f"{formatter.get_style_defs('.highlight')}</style>{body}",
        encoding="utf-8",
    )
    _shoot(page, IMG / "highlighting.png", 900, 470)


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def diagnostics(work: Path) -> None:
    (work / "init.lua").write_text(NVIM_INIT, encoding="utf-8")
    (work / "tweety.argmap").write_text(WITH_MISTAKES, encoding="utf-8")
    argmap = ROOT / ".venv" / "bin" / "argmap"
    session = f"argmap-shot-{int(time.time())}"
    _tmux(
        "new-session", "-d", "-s", session, "-x", "118", "-y", "22", "-c", str(work),
        f"ARGMAP={argmap} nvim -u init.lua tweety.argmap",
    )  # fmt: skip
    try:
        time.sleep(4)  # the server starts and publishes its findings
        _tmux("send-keys", "-t", session, ":12", "Enter", "18|")
        _tmux("send-keys", "-t", session, ":lua vim.diagnostic.open_float()", "Enter")
        time.sleep(1.5)
        screen = _tmux("capture-pane", "-t", session, "-e", "-p")
        _tmux("send-keys", "-t", session, "Escape", ":8", "Enter", "7|")
        _tmux("send-keys", "-t", session, ":lua vim.lsp.buf.hover()", "Enter")
        time.sleep(1.5)
        hover = _tmux("capture-pane", "-t", session, "-e", "-p")
    finally:
        _tmux("send-keys", "-t", session, ":qa!", "Enter")
        time.sleep(0.5)
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
    for name, captured in (("diagnostics-neovim", screen), ("hover-neovim", hover)):
        html = subprocess.run(
            ["aha", "--black", "--title", "argmap lsp in Neovim"],
            input=captured,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        html = html.replace(
            "</head>",
            "<style>body{margin:0;padding:10px 12px;font:14px/1.35 'DejaVu Sans Mono',monospace}"
            "pre{margin:0;font:inherit}</style></head>",
        )
        page = work / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        _shoot(page, IMG / f"{name}.png", 1080, 440)


def main() -> int:
    for tool in ("/usr/bin/chromium", "tmux", "nvim", "aha"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed (apt-get install chromium tmux neovim aha)", file=sys.stderr)
            return 1
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        highlighting(Path(tmp))
        diagnostics(Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
