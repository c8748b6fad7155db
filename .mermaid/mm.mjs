import { JSDOM } from "jsdom";
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window; globalThis.document = dom.window.document;
const mermaid = (await import("mermaid")).default;
mermaid.initialize({ startOnLoad: false });
for (const text of ["flowchart TB\n a[\"x\"] --> b", "flowchart TB\n a[\"x\" --> b", "graph XX\n a-->"]) {
  try { const r = await mermaid.parse(text); console.log("ok", JSON.stringify(r)); }
  catch (e) { console.log("err", String(e.message).split("\n")[0]); }
}
