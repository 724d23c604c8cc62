// The Python side of `deeprob-ts grade`: nbclient (the executor `deeprob-ts run` uses) runs one
// submission cell by cell in a kernel it owns, so the grader can add its own cells (the runtime
// preamble, then each question's tests) after the student's code, time every cell, interrupt a
// loop, and start a fresh kernel when one dies. The job arrives on stdin (never argv: the
// kernel could read our command line from /proc) and events leave as JSON lines on stdout.

/** What the Node side sends on the driver's stdin. */
export interface DriverJob {
  kernel_name: string;
  cwd: string;
  preamble: string;
  /** Sent before each question's cell (puts back replaced builtins). */
  restore: string;
  cells: { label: string; code: string }[];
  questions: { id: string; code: string }[];
  cell_timeout: number;
  total_timeout: number;
  max_restarts: number;
  /** The kernel's uid when it runs as another user (its connection file is given to it), else null. */
  kernel_uid: number | null;
  /** Where connection files go. */
  runtime_dir: string;
  /** Where the kernel's stderr goes. */
  kernel_log: string;
}

/** One event line (after EVENT_PREFIX). */
export type DriverEvent =
  | { type: "cell"; label: string; status: "ok" | "error" | "timeout" | "dead"; error: string | null; rerun: boolean }
  | { type: "question"; id: string; status: "ok" | "error" | "timeout" | "dead" | "skipped"; error: string | null; seconds: number }
  | { type: "kernel"; event: "started" | "restarted" | "failed"; message: string | null }
  | { type: "done" };

export const EVENT_PREFIX = "DEEPROB_GRADE_EVENT ";

export const GRADE_DRIVER = `
import json, math, sys, time
job = json.loads(sys.stdin.read())
import nbformat
from nbformat.v4 import new_notebook, new_code_cell
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
T0 = time.monotonic()
def remaining():
    return job["total_timeout"] - (time.monotonic() - T0)
def emit(ev):
    sys.stdout.write(${JSON.stringify(EVENT_PREFIX)} + json.dumps(ev) + "\\n"); sys.stdout.flush()
def error_text(cell):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return (o.get("ename") or "Error") + ": " + (o.get("evalue") or "")
    err = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr")
    return err.strip()[:2000] or None

def signal_tree(root, sig):
    # A signal to the kernel's whole process tree: when it runs inside unshare (isolation), the
    # node process is a grandchild and unshare does not forward signals; unshare and the
    # namespace's init (sh) ignore SIGINT.
    import os
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(open("/proc/" + d + "/stat").read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(d))
            except Exception:
                pass
    stack = [root]
    while stack:
        p = stack.pop(); stack.extend(kids.get(p, []))
        try:
            os.kill(p, sig)
        except Exception:
            pass

import signal
live = set()  # root pids of kernels not yet closed; killed on any exit of this driver

class Session:
    def __init__(self):
        self.nb = new_notebook()
        self.c = NotebookClient(self.nb, kernel_name=job["kernel_name"], timeout=job["cell_timeout"], allow_errors=True,
                                interrupt_on_timeout=False, startup_timeout=90, iopub_timeout=4, shutdown_kernel="immediate",
                                resources={"metadata": {"path": job["cwd"]}})
        self.c.km = self.c.create_kernel_manager()
        import os, uuid
        km = self.c.km
        # In the grader's temp folder (removed afterwards), not a stray /tmp/tmpXXXX.json.
        km.connection_file = os.path.join(job["runtime_dir"], "kernel-" + uuid.uuid4().hex + ".json")
        if job["kernel_uid"] is not None:
            # The kernel runs as another user: give it its connection file (owner, mode 0600 as
            # jupyter_client's secure_write leaves it).
            write = km.write_connection_file
            def write_and_give(*a, **kw):
                # secure_write removes and recreates the file on every write: give it away each time.
                r = write(*a, **kw)
                os.chown(km.connection_file, job["kernel_uid"], job["kernel_uid"])
                return r
            km.write_connection_file = write_and_give
        import subprocess
        # The kernel's own stdout/stderr must not reach ours (events travel there); stderr is
        # kept in a file for "out of memory" diagnoses.
        self.c.start_new_kernel(stdout=subprocess.DEVNULL, stderr=open(job["kernel_log"], "ab"))
        self.pid = self.c.km.provisioner.process.pid
        live.add(self.pid)
        self.c.start_new_kernel_client()
    def run(self, code, timeout, bounded=True):
        """bounded: the cell also stops at the total time limit (the grader's own cells don't)."""
        cell = new_code_cell(code)
        self.nb.cells.append(cell)
        # Rounded up, never down: a bounded cell must run until the total deadline, or the
        # seconds truncated away let the next question start just before the limit.
        self.c.timeout = max(1, math.ceil(min(timeout, max(remaining(), 1)) if bounded else timeout))
        try:
            self.c.execute_cell(cell, len(self.nb.cells) - 1, store_history=False)
        except CellTimeoutError:
            return "timeout", cell
        except DeadKernelError:
            return "dead", cell
        except Exception as e:
            # Student code can break the kernel's own messaging (e.g. by replacing JSON.stringify);
            # to the grader that kernel is as good as dead.
            cell.outputs = [{"output_type": "error", "ename": "KernelBroken", "evalue": "the kernel stopped answering properly (" + type(e).__name__ + ")", "traceback": []}]
            return "dead", cell
        errored = any(o.get("output_type") == "error" for o in cell.outputs)
        return ("error" if errored else "ok"), cell
    def recover(self):
        # After a timeout: SIGINT stops a busy loop in our kernel; a probe cell proves it listens.
        try:
            signal_tree(self.pid, signal.SIGINT)
            status, _ = self.run("0", 15, bounded=False)
            return status == "ok"
        except Exception:
            return False
    def close(self):
        try:
            self.c._cleanup_kernel()
        except Exception:
            pass
        # A kernel broken by student code may not shut down: never leave its processes behind.
        signal_tree(self.pid, signal.SIGKILL)
        live.discard(self.pid)

def on_term(signum, frame):
    raise SystemExit(1)
signal.signal(signal.SIGTERM, on_term)

skip = set()
restarts = 0
first_boot = True
def boot():
    """Starts a kernel, installs the runtime, runs the student's cells (minus those that killed
    or hung a kernel before). Returns the session, or None when no kernel can be had."""
    global restarts, first_boot
    while True:
        try:
            s = Session()
        except Exception as e:
            emit({"type": "kernel", "event": "failed", "message": str(e)[:500]})
            return None
        emit({"type": "kernel", "event": "started" if first_boot else "restarted", "message": None})
        st, cell = s.run(job["preamble"], 120, bounded=False)
        if st != "ok":
            emit({"type": "kernel", "event": "failed", "message": "the grading runtime did not load: " + (error_text(cell) or st)})
            s.close(); return None
        again = False
        for i, c in enumerate(job["cells"]):
            if i in skip:
                continue
            if remaining() <= 0:
                break
            st, cell = s.run(c["code"], job["cell_timeout"])
            if st == "timeout" and s.recover():
                emit({"type": "cell", "label": c["label"], "status": "timeout", "error": None, "rerun": not first_boot})
                continue
            emit({"type": "cell", "label": c["label"], "status": st, "error": error_text(cell) if st in ("error", "dead") else None, "rerun": not first_boot})
            if st in ("dead", "timeout"):
                skip.add(i); s.close(); restarts += 1
                if restarts > job["max_restarts"]:
                    return None
                first_boot = False; again = True
                break
        if not again:
            first_boot = False
            return s

def main():
  global s, restarts
  s = boot()
  for q in job["questions"]:
      if s is None:
          emit({"type": "question", "id": q["id"], "status": "skipped", "error": "no working kernel (it died or hung " + str(restarts) + " time(s))", "seconds": 0}); continue
      if remaining() <= 0:
          emit({"type": "question", "id": q["id"], "status": "skipped", "error": "the total time limit (" + str(job["total_timeout"]) + " s) was reached", "seconds": 0}); continue
      t = time.monotonic()
      st, cell = s.run(job["restore"], 30, bounded=False)
      if st in ("ok", "error"):
          st, cell = s.run(q["code"], job["cell_timeout"])
      secs = round(time.monotonic() - t, 3)
      if st == "timeout" and s.recover():
          emit({"type": "question", "id": q["id"], "status": "timeout", "error": None, "seconds": secs}); continue
      emit({"type": "question", "id": q["id"], "status": st, "error": error_text(cell), "seconds": secs})
      if st in ("dead", "timeout"):
          s.close(); restarts += 1
          s = boot() if restarts <= job["max_restarts"] else None
  if s is not None:
      s.close()
  emit({"type": "done"})
try:
    main()
finally:
    for pid in list(live):
        signal_tree(pid, signal.SIGKILL)
`;
