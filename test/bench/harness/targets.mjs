// Pure logic: which peer measurement a case compares with, its speed ratio, and whether a
// declared target passes. No I/O, so a workload's target semantics are easy to reason about.

/** The rate fields peers.py reports; a record carries at most one. */
export const RATE_KEYS = ["gflops", "gelem_s", "steps_s", "images_s"];

/** The rate field of a record (and its value), or undefined. */
export function rateOf(rec) {
  for (const k of RATE_KEYS) if (typeof rec[k] === "number") return { key: k, value: rec[k] };
  return undefined;
}

function matches(pattern, caseName) {
  if (pattern instanceof RegExp) return pattern.test(caseName);
  return pattern === caseName;
}

/**
 * The peer records comparable with `rec`: same workload, and a case equal to `rec.peerCase`
 * (default: our own case name). `peerCase` may be a string, a RegExp, or an object keyed by peer
 * name prefix (`{ numpy: /float32/, torch: "end-to-end tanh-xavier" }`).
 * @example comparablePeers({ workload: "W2", case: "256x256@256x256" }, peers) // -> peers' W2 256² rows
 */
export function comparablePeers(rec, peerRecords) {
  const want = rec.peerCase ?? rec.case;
  return peerRecords.filter((p) => {
    if (p.workload !== rec.workload || !(p.median_ms > 0)) return false;
    if (typeof want === "string" || want instanceof RegExp) return matches(want, p.case);
    const key = Object.keys(want).find((k) => p.peer.startsWith(k));
    return key !== undefined && matches(want[key], p.case);
  });
}

/**
 * Speed ratio against the fastest comparable peer (or the one named by `target.peer`):
 * peer median / our median, so 2 means twice as fast as the peer, 0.5 half as fast.
 * @example peerRatio({ median_ms: 50 }, [{ peer: "numpy", median_ms: 100 }]) // -> { peer: "numpy", peer_ms: 100, ratio: 2 }
 */
export function peerRatio(rec, comparable, onlyPeer) {
  const pool = onlyPeer ? comparable.filter((p) => p.peer === onlyPeer) : comparable;
  if (pool.length === 0 || !(rec.median_ms > 0)) return undefined;
  const best = pool.reduce((a, b) => (b.median_ms < a.median_ms ? b : a));
  return { peer: best.peer, peer_ms: best.median_ms, ratio: best.median_ms / rec.median_ms };
}

/**
 * Evaluates a target: `{ max_ms }` (median at most), `{ min_rate }` (the record's rate at least),
 * `{ ratio_vs_best_peer }` (speed ratio at least; `peer: "torch-2T"` compares with that peer
 * only). Every given condition must hold. Returns { pass: true | false | undefined, text };
 * undefined means it cannot be judged in this run (e.g. no peers were measured).
 * @example checkTarget({ median_ms: 80 }, { max_ms: 100 }) // -> { pass: true, text: "<= 100 ms" }
 */
export function checkTarget(rec, target, ratio) {
  if (!target) return { pass: undefined, text: "" };
  const known = ["max_ms", "min_rate", "ratio_vs_best_peer", "peer"];
  const unknown = Object.keys(target).filter((k) => !known.includes(k));
  if (unknown.length) throw new Error(`bench target for ${rec.workload} "${rec.case}": unknown key(s) ${unknown.join(", ")}; expected ${known.join(", ")}`);
  const parts = [];
  let pass = true;
  const judge = (ok, text) => {
    parts.push(text);
    if (ok === undefined) pass = pass === false ? false : undefined;
    else if (!ok) pass = false;
  };
  if (target.max_ms !== undefined) judge(rec.median_ms <= target.max_ms, `<= ${target.max_ms} ms`);
  if (target.min_rate !== undefined) {
    const r = rateOf(rec);
    judge(r ? r.value >= target.min_rate : undefined, `>= ${target.min_rate} ${r ? r.key : "rate"}`);
  }
  if (target.ratio_vs_best_peer !== undefined) {
    judge(ratio ? ratio.ratio >= target.ratio_vs_best_peer : undefined, `>= ${target.ratio_vs_best_peer}x ${target.peer ?? "best peer"}`);
  }
  return { pass, text: parts.join(", ") };
}
