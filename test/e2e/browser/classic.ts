// Debian's classic Jupyter Notebook 6 on 127.0.0.1 with our kernelspec, for live browser tests.
// Everything it starts it stops: kernels through the REST API, then the server, then stragglers.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { descendants, freePort, isAlive } from "../helpers/jupyter";

export interface ClassicServer { url: string; token: string; proc: ChildProcess; log(): string; stop(): Promise<number[]> }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `python3 -m notebook` serving `dir`; resolves when /api answers. */
export async function startClassic(dir: string, env: NodeJS.ProcessEnv): Promise<ClassicServer> {
  const port = await freePort();
  const token = crypto.randomBytes(12).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn("/usr/bin/python3", ["-m", "notebook", "--no-browser", "--ip=127.0.0.1", `--port=${port}`, "--port-retries=0",
    `--NotebookApp.token=${token}`, `--notebook-dir=${dir}`, "--NotebookApp.open_browser=False",
    // This machine (and CI) runs as root; notebook 6 refuses that without the flag.
    ...(process.getuid?.() === 0 ? ["--allow-root"] : [])], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  proc.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const headers = { Authorization: `token ${token}` };
  const stop = async (): Promise<number[]> => {
    try {
      const kernels = (await (await fetch(`${url}/api/kernels`, { headers })).json()) as { id: string }[];
      for (const k of kernels) await fetch(`${url}/api/kernels/${k.id}`, { method: "DELETE", headers });
    } catch { /* server already gone */ }
    const family = [proc.pid!, ...descendants(proc.pid!)];
    proc.kill("SIGTERM");
    for (let i = 0; i < 50 && family.some(isAlive); i++) await sleep(100);
    const left = family.filter(isAlive);
    for (const p of left) { try { process.kill(p, "SIGKILL"); } catch { /* gone */ } }
    return left;
  };
  for (let i = 0; i < 150; i++) {
    if (proc.exitCode !== null) throw new Error(`classic notebook exited (${proc.exitCode}):\n${log}`);
    try { if ((await fetch(`${url}/api`, { headers })).ok) return { url, token, proc, log: () => log, stop }; } catch { /* not up yet */ }
    await sleep(200);
  }
  await stop();
  throw new Error(`classic notebook did not answer on ${url} within 30 s:\n${log}`);
}
