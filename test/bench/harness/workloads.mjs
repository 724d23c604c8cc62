// Finds workloads: every test/bench/workloads/*.mjs exporting { id, title, run(ctx) } (as named
// exports or a default object). Adding a workload is adding one file; several files may share
// an id prefix (w1-init.mjs, w1-randn.mjs) and ids sort naturally (K1, W1, W2, ..., W10).
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Loads and validates all workload modules under `dir`, sorted by id then file name. */
export async function loadWorkloads(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".mjs")).sort();
  const out = [];
  for (const f of files) {
    const file = path.join(dir, f);
    const mod = await import(pathToFileURL(file).href);
    const w = mod.default && typeof mod.default === "object" ? mod.default : mod;
    if (typeof w.id !== "string" || !/^[A-Z]+\d+$/.test(w.id)) throw new Error(`bench: ${file} must export id like "K1" or "W2", got ${JSON.stringify(w.id)}`);
    if (typeof w.run !== "function") throw new Error(`bench: ${file} must export run(ctx), got ${typeof w.run}`);
    out.push({ id: w.id, title: String(w.title ?? w.id), run: w.run, file: f });
  }
  const key = (id) => [id.replace(/\d+$/, ""), Number(id.match(/\d+$/)[0])];
  return out.sort((a, b) => {
    const [pa, na] = key(a.id), [pb, nb] = key(b.id);
    return pa !== pb ? (pa < pb ? -1 : 1) : na !== nb ? na - nb : a.file < b.file ? -1 : 1;
  });
}

/** Parses `--only W1,w2,K1` into a set of upper-case ids; validates against the known ids. */
export function selectWorkloads(all, only) {
  if (!only) return all;
  const want = new Set(only.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean));
  const known = new Set(all.map((w) => w.id));
  const missing = [...want].filter((id) => !known.has(id));
  if (missing.length) throw new Error(`bench --only: no workload ${missing.join(", ")}; available: ${[...known].join(", ") || "(none)"}`);
  return all.filter((w) => want.has(w.id));
}
