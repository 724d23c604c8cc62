// Runs the NumPy / PyTorch peers (test/bench/peers.py, a copy of the shared anchors script, so
// the project needs nothing outside itself) with Debian's interpreter and parses their
// `RESULT {json}` lines. Peers run one after another, never beside our workloads: 2 cores.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const PEERS_PY = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "peers.py");
/** Workloads peers.py implements; others (K1...) have no peer. */
export const PEER_WORKLOADS = ["W1", "W2", "W3", "W4", "W5"];
/** Peer name (as peers.py prints it) -> arguments and the Python module it needs. */
export const PEER_CONFIGS = {
  numpy: { args: ["--impl", "numpy"], needs: "numpy" },
  "torch-2T": { args: ["--impl", "torch", "--threads", "2"], needs: "torch" },
  "torch-1T": { args: ["--impl", "torch", "--threads", "1"], needs: "torch" },
};

/** Which peers this machine can run: numpy / torch importable by `python`. */
export function availablePeers(python) {
  const probe = spawnSync(python, ["-c", "import importlib.util as u; print(','.join(m for m in ('numpy','torch','scipy','threadpoolctl') if u.find_spec(m)))"], { encoding: "utf8" });
  if (probe.status !== 0) return [];
  const mods = new Set(probe.stdout.trim().split(",").filter(Boolean));
  // peers.py caps BLAS threads through threadpoolctl for torch; without it the torch peer dies.
  return Object.keys(PEER_CONFIGS).filter((p) => mods.has(PEER_CONFIGS[p].needs) && (p === "numpy" || mods.has("threadpoolctl")));
}

/** Parses one line of peers.py output: { kind: "RESULT" | "INFO", data } or undefined. */
export function parsePeerLine(line) {
  const m = /^(RESULT|INFO) (\{.*\})\s*$/.exec(line);
  if (!m) return undefined;
  try {
    return { kind: m[1], data: JSON.parse(m[2]) };
  } catch {
    return undefined;
  }
}

/**
 * Runs one peer over the given workloads; resolves to its RESULT records. `onLine(kind, data, raw)`
 * sees every parsed line as it arrives. A failing peer never fails the bench: its error is
 * returned as a record with an `error` field.
 */
export function runPeer(python, peer, workloads, { quick, onLine } = {}) {
  const cfg = PEER_CONFIGS[peer];
  if (!cfg) throw new Error(`bench --peers: unknown peer "${peer}"; expected one of ${Object.keys(PEER_CONFIGS).join(", ")}`);
  const args = [PEERS_PY, ...cfg.args, "--w", workloads.join(","), ...(quick ? ["--quick"] : [])];
  return new Promise((resolve) => {
    const child = spawn(python, args, { stdio: ["ignore", "pipe", "pipe"] });
    const results = [];
    let buf = "";
    let err = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const raw = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const parsed = parsePeerLine(raw);
        if (!parsed) continue;
        if (parsed.kind === "RESULT") results.push(parsed.data);
        onLine?.(parsed.kind, parsed.data, raw);
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (c) => (err = (err + c).slice(-2000)));
    child.on("error", (e) => resolve([{ peer, workload: workloads.join(","), case: "error", error: `cannot start ${python}: ${e.message}` }]));
    child.on("close", (code) => {
      if (code !== 0) results.push({ peer, workload: workloads.join(","), case: "error", error: `peers.py exited with ${code}: ${err.trim().split("\n").slice(-3).join(" | ")}` });
      resolve(results);
    });
  });
}
