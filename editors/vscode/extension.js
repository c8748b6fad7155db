// The argmap extension: starts `argmap lsp` as a language client, and shows the rendered map
// beside the source (refreshed as the file changes; a click on a node jumps to its line).
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const config = vscode.workspace.getConfiguration("argmap");
  const [command, ...args] = config.get("server.command", ["argmap", "lsp"]);
  return { command, args };
}

async function startClient(context) {
  const config = vscode.workspace.getConfiguration("argmap");
  client = new LanguageClient(
    "argmap",
    "argmap",
    serverOptions(),
    {
      documentSelector: [{ language: "argmap" }],
      initializationOptions: { debounceMs: config.get("server.debounceMs", 150) },
    }
  );
  await client.start();
  context.subscriptions.push(client);
}

function nonce() {
  let text = "";
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  for (let i = 0; i < 32; i++) {
    text += chars.charAt(Math.floor(Math.random() * chars.length));
  }
  return text;
}

function escapeHtml(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

// The page: the SVG the server drew, scripts only with this page's nonce (the map is
// untrusted input), and a click handler that posts the id of the clicked node.
function page(result, key) {
  const body = result.svg
    ? result.svg.replace(/^[\s\S]*?(<svg)/, "$1")
    : `<p class="error">${escapeHtml(result.error || "nothing to draw")}</p>`;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'nonce-${key}';">
<style>body{background:#fff;margin:0;padding:8px} svg{max-width:100%;height:auto} g.node{cursor:pointer} .error{color:#a00;font-family:monospace}</style>
</head><body>${body}
<script nonce="${key}">
const vscode = acquireVsCodeApi();
document.addEventListener("click", (event) => {
  const node = event.target.closest && event.target.closest("g.node");
  if (!node) return;
  const title = node.querySelector("title");
  if (title) vscode.postMessage({ node: title.textContent });
});
</script></body></html>`;
}

function showPreview(context) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "argmap") {
    vscode.window.showInformationMessage("argmap: open a .arg file to preview it");
    return;
  }
  const document = editor.document;
  const uri = document.uri.toString();
  const panel = vscode.window.createWebviewPanel(
    "argmapPreview",
    `Map: ${document.fileName.split(/[\\/]/).pop()}`,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, localResourceRoots: [] }
  );
  let lines = {};
  let timer;
  const refresh = async () => {
    try {
      const result = await client.sendRequest("argmap/preview", { uri });
      lines = result.lines || {};
      panel.webview.html = page(result, nonce());
    } catch (error) {
      panel.webview.html = page({ error: String(error) }, nonce());
    }
  };
  const changes = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.document.uri.toString() !== uri) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  const clicks = panel.webview.onDidReceiveMessage(async (message) => {
    const line = lines[message.node];
    if (line === undefined) return;
    const shown = await vscode.window.showTextDocument(document, {
      viewColumn: editor.viewColumn,
      preserveFocus: false,
    });
    const position = new vscode.Position(line, 0);
    shown.selection = new vscode.Selection(position, position);
    shown.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  });
  panel.onDidDispose(() => {
    clearTimeout(timer);
    changes.dispose();
    clicks.dispose();
  });
  context.subscriptions.push(panel);
  refresh();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("argmap.showPreview", () => showPreview(context)),
    vscode.commands.registerCommand("argmap.restartServer", async () => {
      if (client) await client.restart();
    })
  );
  try {
    await startClient(context);
  } catch (error) {
    vscode.window.showErrorMessage(
      `argmap: could not start the language server (${error}). Install argmap with ` +
        "`pip install 'argmap[lsp]'` or set argmap.server.command."
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
