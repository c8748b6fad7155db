// Parse Mermaid diagrams with Mermaid's own parser (headless, in jsdom) and print what it read.
// Usage: node mermaid_parse.mjs NODE_MODULES_DIR < diagrams.json  (a JSON list of strings)
// Prints a JSON list: {ok, error} and, for flowcharts, the vertices, edges and subgraphs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.argv[2];
const load = async (name, file) => import(pathToFileURL(join(modules, name, file)).href);
const { JSDOM } = await load("jsdom", "lib/api.js");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await load("mermaid", "dist/mermaid.core.mjs")).default;
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

const results = [];
for (const text of JSON.parse(readFileSync(0, "utf8"))) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const result = { ok: true, type: diagram.type };
    if (typeof db.getVertices === "function") {
      const vertices = db.getVertices();
      const list = vertices instanceof Map ? [...vertices.values()] : Object.values(vertices);
      result.vertices = list.map((v) => ({ id: v.id, text: v.text, type: v.type ?? null, classes: v.classes }));
      result.edges = db.getEdges().map((e) => ({ start: e.start, end: e.end, type: e.type, stroke: e.stroke }));
      result.subgraphs = db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: s.nodes }));
      result.title = typeof db.getDiagramTitle === "function" ? db.getDiagramTitle() : null;
    }
    results.push(result);
  } catch (error) {
    results.push({ ok: false, error: String(error && error.message ? error.message : error).split("\n").slice(0, 3).join("\n") });
  }
}
process.stdout.write(JSON.stringify(results));
