// Starts `aafilter lsp` for rule files (language `aafilter`, `.aaf`) and hands it the
// extension's settings as initializationOptions; everything else comes from the server.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("aafilter");
  const initializationOptions = { split: settings.get("split", false) };
  const analyzer = settings.get("analyzer", "");
  if (analyzer) {
    initializationOptions.analyzer = analyzer;
  }
  // A command on standard input and output; no transport flag, `aafilter lsp` needs none.
  const server = { command: settings.get("path", "aafilter"), args: ["lsp"] };
  client = new LanguageClient(
    "aafilter",
    "aafilter",
    server,
    { documentSelector: [{ language: "aafilter" }], initializationOptions }
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("aafilter")) {
        vscode.window.showInformationMessage("aafilter: reload the window to apply the new settings.");
      }
    })
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
