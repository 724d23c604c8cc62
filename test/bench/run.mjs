#!/usr/bin/env node
// `npm run bench`: runs the workloads in test/bench/workloads/ over the compiled dist/, and the
// NumPy / PyTorch peers for the same workloads in the same run, then prints a table (or, with
// --json, one `RESULT {json}` line per measurement in peers.py's format). Targets are reported
// as pass/FAIL; the bench exits 0 unless a workload crashed or the options were wrong.
import { readdirSync, statSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measure } from "./harness/measure.mjs";
import { availablePeers, runPeer, PEER_CONFIGS, PEER_WORKLOADS } from "./harness/peers.mjs";
import { checkTarget, comparablePeers, peerRatio, rateOf, RATE_KEYS } from "./harness/targets.mjs";
import { formatMs, formatRate, renderTable } from "./harness/table.mjs";
import { loadWorkloads, selectWorkloads } from "./harness/workloads.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const PYTHON = process.env.DEEPROB_PYTHON || "/usr/bin/python3";

const HELP = `Usage: npm run bench -- [options]      (or: node test/bench/run.mjs [options])

Runs the benchmark workloads (test/bench/workloads/*.mjs) against dist/ (run \`npm run build\` first).

Options:
  --only K1,W2        run only these workloads
  --quick             fewer repetitions everywhere (as peers.py --quick)
  --json              print one "RESULT {json}" line per measurement (peers.py's format)
  --peers[=LIST]      run NumPy/PyTorch peers (default: on when /usr/bin/python3 imports them);
                      LIST picks from ${Object.keys(PEER_CONFIGS).join(", ")}
  --no-peers          do not run peers
  -h, --help          show this help

Ratios are speed ratios from this run: best peer median / our median (2 = twice as fast).`;

function parseArgs(argv) {
  const o = { only: undefined, quick: false, json: false, peers: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") o.help = true;
    else if (a === "--quick") o.quick = true;
    else if (a === "--json") o.json = true;
    else if (a === "--no-peers") o.peers = [];
    else if (a === "--peers") o.peers = "auto";
    else if (a.startsWith("--peers=")) o.peers = a.slice(8).split(",").filter(Boolean);
    else if (a === "--only") o.only = argv[++i];
    else if (a.startsWith("--only=")) o.only = a.slice(7);
    else throw new Error(`bench: unknown option "${a}" (see --help)`);
  }
  if (o.only !== undefined && !o.only) throw new Error("bench --only: expected a list like W1,W2");
  return o;
}

/** Warns when a compiled file is older than its source: the bench would measure stale code. */
function staleSources() {
  const stale = [];
  const walk = (dir) => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) {
        const js = path.join(ROOT, "dist", rel.replace(/\.ts$/, ".js"));
        if (!existsSync(js) || statSync(js).mtimeMs < statSync(path.join(ROOT, rel)).mtimeMs) stale.push(rel);
      }
    }
  };
  for (const d of ["lib", "kernel-ext"]) if (existsSync(path.join(ROOT, d))) walk(d);
  return stale;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) return void console.log(HELP);
  if (!existsSync(path.join(ROOT, "dist", "lib", "index.js"))) throw new Error("bench: dist/ is missing; run `npm run build` first");
  const stale = staleSources();
  if (stale.length) console.error(`bench: warning: ${stale.length} compiled file(s) older than their source (e.g. ${stale[0]}); run \`npm run build\` to measure current code`);

  const workloads = selectWorkloads(await loadWorkloads(path.join(HERE, "workloads")), opts.only);
  const peerWs = [...new Set(workloads.map((w) => w.id))].filter((id) => PEER_WORKLOADS.includes(id));
  const avail = availablePeers(PYTHON);
  let peers = opts.peers === undefined || opts.peers === "auto" ? avail : opts.peers;
  for (const p of peers) {
    if (!PEER_CONFIGS[p]) throw new Error(`bench --peers: unknown peer "${p}"; expected ${Object.keys(PEER_CONFIGS).join(", ")}`);
    if (!avail.includes(p)) throw new Error(`bench --peers: ${p} is not importable by ${PYTHON}; install Debian's python3-numpy python3-torch python3-scipy python3-threadpoolctl (npm run setup)`);
  }
  if (opts.peers === "auto" && peers.length === 0) console.error(`bench: warning: no peers importable by ${PYTHON}; ratios will be empty`);
  if (peerWs.length === 0) peers = [];

  const peerRecords = [];
  // Peers first, so that each of our lines can carry its ratio as soon as it is measured.
  for (const p of peers) {
    if (!opts.json) console.error(`bench: peer ${p} on ${peerWs.join(",")}${opts.quick ? " (quick)" : ""} ...`);
    const recs = await runPeer(PYTHON, p, peerWs, { quick: opts.quick, onLine: (kind, _d, raw) => opts.json && console.log(raw) });
    for (const r of recs) if (r.error) console.error(`bench: peer ${p}: ${r.error}`);
    peerRecords.push(...recs);
  }

  const ours = [];
  let crashed = false;
  const require = createRequire(path.join(ROOT, "package.json"));
  for (const w of workloads) {
    if (!opts.json) console.error(`bench: ${w.id} ${w.title} ...`);
    const ctx = {
      quick: opts.quick,
      root: ROOT,
      python: PYTHON,
      /** require() relative to the repo root, e.g. ctx.require("./dist/lib/index.js"). */
      require,
      /** Loads a compiled module from dist/: ctx.dist("lib/kernels/index.js"). */
      dist: (rel) => require(path.join(ROOT, "dist", rel)),
      measure: (fn, o) => measure(fn, o, opts.quick),
      log: (msg) => !opts.json && console.error(`  ${w.id}: ${msg}`),
      rates: {
        gflops: (flop, r) => ({ gflops: flop / (r.median_ms * 1e6) }),
        gelem_s: (n, r) => ({ gelem_s: n / (r.median_ms * 1e6) }),
        steps_s: (r) => ({ steps_s: 1000 / r.median_ms }),
        images_s: (n, r) => ({ images_s: (n * 1000) / r.median_ms }),
      },
      emit: (caseName, result, rate, extra = {}) => {
        const { target, peerCase, ...rest } = extra;
        const badRate = Object.keys(rate ?? {}).filter((k) => !RATE_KEYS.includes(k));
        if (badRate.length) throw new Error(`bench emit ${w.id} "${caseName}": unknown rate ${badRate.join(", ")}; expected one of ${RATE_KEYS.join(", ")}`);
        const rec = { peer: "deeprob-ts", workload: w.id, case: String(caseName), ...result, ...rate, ...rest, host_load1: Math.round(os.loadavg()[0] * 100) / 100 };
        const ratio = peerRatio(rec, comparablePeers({ ...rec, peerCase }, peerRecords), target?.peer);
        const verdict = checkTarget(rec, target, ratio);
        if (ratio) Object.assign(rec, { best_peer: ratio.peer, best_peer_ms: ratio.peer_ms, ratio_vs_best_peer: Math.round(ratio.ratio * 1000) / 1000 });
        if (target) Object.assign(rec, { target, target_pass: verdict.pass ?? null });
        ours.push({ rec, ratio, verdict });
        if (opts.json) console.log(`RESULT ${JSON.stringify(rec)}`);
        else console.error(`  ${w.id} ${rec.case}: ${formatMs(rec.median_ms)}${rateOf(rec) ? `, ${formatRate(rateOf(rec))}` : ""}`);
        return rec;
      },
    };
    try {
      await w.run(ctx);
    } catch (e) {
      crashed = true;
      const msg = e instanceof Error ? e.stack ?? e.message : String(e);
      ours.push({ rec: { peer: "deeprob-ts", workload: w.id, case: `error in ${w.file}`, error: msg.split("\n").slice(0, 6).join("\n") } });
      if (opts.json) console.log(`RESULT ${JSON.stringify({ peer: "deeprob-ts", workload: w.id, case: "error", error: msg })}`);
      else console.error(`bench: ${w.id} (${w.file}) failed: ${msg}`);
    }
  }

  if (!opts.json) {
    const rows = ours.map(({ rec, ratio, verdict }) => [
      rec.workload,
      rec.case,
      rec.error ? "ERROR" : formatMs(rec.median_ms),
      rec.error ? "" : formatMs(rec.min_ms),
      rec.reps ?? "",
      formatRate(rateOf(rec)),
      verdict?.text ?? "",
      verdict?.pass === true ? "pass" : verdict?.pass === false ? "FAIL" : verdict?.text ? "n/a" : "",
      ratio ? `${ratio.ratio >= 10 ? ratio.ratio.toFixed(0) : ratio.ratio.toPrecision(2)}x ${ratio.peer} (${formatMs(ratio.peer_ms)})` : "",
    ]);
    console.log(renderTable(["workload", "case", "median", "min", "reps", "rate", "target", "", "vs best peer"], rows));
    const errs = ours.filter((o) => o.rec.error);
    for (const o of errs) console.log(`\n${o.rec.workload} ${o.rec.case}:\n${o.rec.error}`);
    if (peers.length) console.log(`\npeers measured in this run: ${peers.join(", ")} (${PYTHON}); ratio = peer median / our median`);
  }
  return crashed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
