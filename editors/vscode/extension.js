// The argmap extension: starts `argmap lsp` (the language server in argmap's Python package)
// and connects VS Code to it over stdio. Highlighting comes from the TextMate grammar alone, so
// it works without the server too.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

// `${workspaceFolder}` in a setting stands for the first folder open (a project's .venv, say).
function expand(value) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  return folder ? value.split("${workspaceFolder}").join(folder.uri.fsPath) : value;
}

function serverOptions() {
  const config = vscode.workspace.getConfiguration("argmap");
  const command = expand(config.get("server.command", "argmap"));
  const args = config.get("server.args", ["lsp"]).map(expand);
  return { command, args, transport: TransportKind.stdio };
}

async function start(context) {
  const options = serverOptions();
  client = new LanguageClient("argmap", "argmap", options, {
    documentSelector: [
      { scheme: "file", language: "argmap" },
      { scheme: "untitled", language: "argmap" },
    ],
    synchronize: { configurationSection: "argmap" },
  });
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const install = "Install argmap with the language server";
    const choice = await vscode.window.showErrorMessage(
      `argmap: could not start the language server with \`${options.command} ${options.args.join(" ")}\` ` +
        `(${error && error.message ? error.message : error}). Install it with \`pip install 'argmap[lsp]'\`, ` +
        "or set argmap.server.command to the argmap of your virtual environment.",
      install,
    );
    if (choice === install) {
      const terminal = vscode.window.createTerminal("argmap");
      terminal.show();
      terminal.sendText("python3 -m pip install 'argmap[lsp]'", false);
    }
  }
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("argmap.restartServer", async () => {
      if (client) {
        await client.stop();
      }
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("argmap.server")) {
        await vscode.commands.executeCommand("argmap.restartServer");
      }
    }),
  );
  await start(context);
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
