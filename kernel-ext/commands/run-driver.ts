// The Python side of `deeprob-ts run`: nbclient (Debian's python3-nbclient) executes the notebook
// through our kernel and reports one JSON line, so the Node side can print the real error
// (ename, evalue, cell, line) instead of nbconvert's generic one. Kept as a string because tsc
// copies only .ts to dist/ and the command must not depend on files outside it.

/** What the driver reports on its last stdout line, after the RESULT_PREFIX. */
export interface DriverResult {
  status: "ok" | "cell_error" | "timeout" | "dead_kernel" | "invalid" | "kernel_error";
  /** 0-based index of the failing cell in the notebook's cells (null when not a cell's fault). */
  cell_index: number | null;
  execution_count: number | null;
  source: string | null;
  ename: string | null;
  evalue: string | null;
  traceback: string[];
  /** The failing cell's stderr stream text (tslab-style kernels print errors there). */
  stderr: string;
  message: string | null;
  /** How many code cells ran (including the failing one). */
  cells_run: number;
}

export const RESULT_PREFIX = "DEEPROB_RUN_RESULT ";

/** argv[1] is a JSON object: {input, output, kernel, timeout, cwd, allow_errors}. */
export const DRIVER = `
import json, sys, traceback as tb
args = json.loads(sys.argv[1])
res = {"status": "ok", "cell_index": None, "execution_count": None, "source": None, "ename": None,
       "evalue": None, "traceback": [], "stderr": "", "message": None, "cells_run": 0}
def done(code):
    print(${JSON.stringify(RESULT_PREFIX)} + json.dumps(res), flush=True)
    sys.exit(code)
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
try:
    nb = nbformat.read(args["input"], as_version=4)
    nbformat.validate(nb)
except Exception as e:
    res["status"] = "invalid"; res["message"] = str(e).strip().split("\\n")[0][:500]
    done(0)
current = {"index": None}
def on_start(cell, cell_index, **kw):
    current["index"] = cell_index
    if cell.cell_type == "code" and cell.source.strip():
        res["cells_run"] += 1
class Client(NotebookClient):
    # nbclient 0.7 also applies the per-cell timeout to the first kernel_info wait (cell None),
    # so a short --timeout failed before any cell ran on a kernel that starts in ~3 s.
    def _get_timeout(self, cell):
        return self.startup_timeout if cell is None else super()._get_timeout(cell)
client = Client(nb, kernel_name=args["kernel"], timeout=args["timeout"], allow_errors=args["allow_errors"],
                        startup_timeout=120, on_cell_start=on_start, resources={"metadata": {"path": args["cwd"]}})
def describe_cell():
    i = current["index"]
    if i is None:
        return
    cell = nb.cells[i]
    res["cell_index"] = i; res["source"] = cell.source; res["execution_count"] = cell.get("execution_count")
    res["stderr"] = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr")
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error" and res["ename"] is None:
            res["ename"] = o.get("ename"); res["evalue"] = o.get("evalue"); res["traceback"] = o.get("traceback", [])
try:
    client.execute()
except CellTimeoutError as e:
    res["status"] = "timeout"; res["message"] = str(e).strip().split("\\n")[0]; describe_cell()
except DeadKernelError as e:
    res["status"] = "dead_kernel"; res["message"] = str(e); describe_cell()
except CellExecutionError as e:
    res["status"] = "cell_error"; describe_cell()
    if res["ename"] is None:
        res["ename"] = getattr(e, "ename", None); res["evalue"] = getattr(e, "evalue", None)
except Exception as e:
    res["status"] = "kernel_error"; res["message"] = "".join(tb.format_exception(type(e), e, e.__traceback__)[-3:]).strip()
    describe_cell()
if res["status"] == "ok" and args["allow_errors"]:
    # --allow-errors: the run completes, but report the first error so the exit code says so.
    for i, cell in enumerate(nb.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            current["index"] = i; describe_cell(); res["status"] = "cell_error"; break
if res["status"] != "kernel_error" or current["index"] is not None:
    nbformat.write(nb, args["output"])
done(0)
`;
