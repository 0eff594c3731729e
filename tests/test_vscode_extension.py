"""editors/vscode/: the VS Code extension. Its manifest names the language, the grammars and the
client; it is packaged to a .vsix with VS Code's own packager (@vscode/vsce, from npm, installed
by `.ci/run`) and the package is inspected. It is never published."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from node_tools import missing, node_tool

import argmap
from argmap.formats.lexicon import textmate_grammar

EXT = ROOT / "editors" / "vscode"
MANIFEST = json.loads((EXT / "package.json").read_text(encoding="utf-8"))


def test_the_manifest_names_the_language_grammars_and_client() -> None:
    assert MANIFEST["name"] == "argmap" and MANIFEST["version"] == argmap.__version__
    (language,) = MANIFEST["contributes"]["languages"]
    assert language["id"] == "argmap" and language["extensions"] == [".argmap"]
    assert (EXT / language["configuration"]).is_file()
    grammar, markdown = MANIFEST["contributes"]["grammars"]
    assert grammar["scopeName"] == textmate_grammar()["scopeName"]
    assert json.loads((EXT / grammar["path"]).read_text(encoding="utf-8")) == textmate_grammar()
    injection = json.loads((EXT / markdown["path"]).read_text(encoding="utf-8"))
    assert injection["scopeName"] == markdown["scopeName"] and markdown["injectTo"] == ["text.html.markdown"]
    assert (EXT / MANIFEST["main"]).is_file()
    settings = MANIFEST["contributes"]["configuration"]["properties"]
    assert settings["argmap.server.command"]["default"] == "argmap"
    assert settings["argmap.server.args"]["default"] == ["lsp"]
    assert "vscode-languageclient" in MANIFEST["dependencies"]
    assert (EXT / "LICENSE").read_bytes() == (ROOT / "LICENSE").read_bytes()


def test_the_client_is_valid_javascript() -> None:
    if shutil.which("node") is None:
        missing("Node.js is not installed")
    subprocess.run(
        ["node", "--check", str(EXT / "extension.js")], check=True, capture_output=True, timeout=60
    )


@pytest.mark.slow
def test_the_extension_packs_into_a_vsix(tmp_path: Path) -> None:
    vsce = node_tool("vsce")
    npm = shutil.which("npm")
    if npm is None:
        missing("npm is not installed")
    folder = tmp_path / "vscode"
    shutil.copytree(EXT, folder, ignore=shutil.ignore_patterns("node_modules", "*.vsix"))
    subprocess.run(
        [str(npm), "ci", "--omit=dev", "--no-audit", "--no-fund", "--silent"],
        cwd=folder, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    out = tmp_path / "argmap.vsix"
    done = subprocess.run(
        [vsce, "package", "--out", str(out), "--allow-missing-repository"],
        cwd=folder, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(out) as vsix:
        names = set(vsix.namelist())
        assert {
            "extension.vsixmanifest",
            "extension/package.json",
            "extension/extension.js",
            "extension/language-configuration.json",
            "extension/syntaxes/argmap.tmLanguage.json",
            "extension/syntaxes/argmap.markdown.tmLanguage.json",
            "extension/readme.md",
            "extension/LICENSE.txt",
            "extension/node_modules/vscode-languageclient/node.js",
        } <= names
        assert not [n for n in names if n.endswith((".gitignore", ".vsix"))]
        grammar = json.loads(vsix.read("extension/syntaxes/argmap.tmLanguage.json"))
        assert grammar == textmate_grammar()
        manifest = ET.fromstring(vsix.read("extension.vsixmanifest"))
    ns = {"v": "http://schemas.microsoft.com/developer/vsx-schema/2011"}
    identity = manifest.find("v:Metadata/v:Identity", ns)
    assert identity is not None
    assert (identity.get("Id"), identity.get("Version"), identity.get("Publisher")) == (
        "argmap",
        argmap.__version__,
        "argmap",
    )
