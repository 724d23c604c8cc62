# Writes hw1-source.ipynb. Kept as the record of how the expected values (float64 literals in the
# tests) were computed: closed forms in plain Python, standard library only. Edit the notebook
# directly for wording; re-run this only to change questions or test values:
#   python3 make_source.py
import json, math
def cell(src, nbg=None, kind="code"):
    c = {"cell_type": kind, "metadata": {}, "source": src.strip("\n")}
    if kind == "code": c["outputs"] = []; c["execution_count"] = None
    if nbg is not None:
        c["metadata"]["nbgrader"] = {"schema_version": 3, "grade": False, "solution": False, "locked": False, "task": False, **nbg}
    return c
md = lambda s, gid: cell(s, {"grade_id": gid, "locked": True}, "markdown")
sol = lambda s, gid: cell(s, {"grade_id": gid, "solution": True})
def test(s, gid, pts): return cell(s, {"grade_id": gid, "grade": True, "locked": True, "points": pts})
def lit(xs): return "[" + ", ".join(repr(float(v)) if not float(v).is_integer() else str(int(v)) if abs(v) < 1e15 else repr(float(v)) for v in xs) + "]"
def lit2(m): return "[" + ", ".join(lit(r) for r in m) + "]"
sig = lambda v: 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))

def bn(x, g, b, eps=1e-5):
    N, D = len(x), len(x[0])
    out = [[0.0]*D for _ in range(N)]
    for j in range(D):
        m = sum(x[i][j] for i in range(N)) / N
        v = sum((x[i][j]-m)**2 for i in range(N)) / N
        for i in range(N): out[i][j] = g[j]*(x[i][j]-m)/math.sqrt(v+eps) + b[j]
    return out
def bn_grads(x, g, dout, eps=1e-5):
    N, D = len(x), len(x[0])
    dg = [0.0]*D; db = [0.0]*D
    for j in range(D):
        m = sum(x[i][j] for i in range(N)) / N
        v = sum((x[i][j]-m)**2 for i in range(N)) / N
        for i in range(N):
            xh = (x[i][j]-m)/math.sqrt(v+eps); dg[j] += dout[i][j]*xh; db[j] += dout[i][j]
    return dg, db

cells = []
cells.append(md("""
# Homework 1: activations, initialization, dropout, batch norm, augmentation

Course: deep learning for robotics, lecture *Training Neural Networks I*. You implement the
forward and backward passes of the pieces the lecture covers, in TypeScript, on plain arrays
(`number[]` and `number[][]`, row-major), the way CS231n's assignments do them in NumPy.

**How this notebook works**
- Write your code where it says `// YOUR CODE HERE` and delete the `throw` below it.
- After each question, run its test cell: `grader.check(...)` shows a card with your points and
  what to fix. These are the *public* tests. The autograder also runs *hidden* tests (other
  inputs, edge cases) on the same functions, so make them correct, not just green.
- Do not rename the functions, change their signatures, or edit the read-only cells.
- Randomness is always a parameter: use the generator (`rng`) you are given, never `Math.random()`.
""", "intro"))
cells.append(cell("""
import * as dr from "deeprob-ts";
const grader = new dr.grading.Grader();
""", {"grade_id": "setup", "locked": True}))

# Q1 ReLU
cells.append(md("""
## Q1. ReLU (2 points)

$\\mathrm{relu}(x) = \\max(0, x)$. Its derivative is 1 for $x > 0$ and 0 for $x < 0$; at $x = 0$
use the subgradient 0, as PyTorch does. `reluBackward` receives the upstream gradient `dout`
and the forward input `x`, and returns $\\partial L / \\partial x$.
""", "q1_text"))
cells.append(sol("""
function reluForward(x: number[]): number[] {
  // BEGIN SOLUTION
  return x.map((v) => (v > 0 ? v : 0));
  // END SOLUTION
}

function reluBackward(dout: number[], x: number[]): number[] {
  // BEGIN SOLUTION
  return x.map((v, i) => (v > 0 ? dout[i] : 0));
  // END SOLUTION
}
""", "q1_code"))
cells.append(test("""
grader.check("q1_relu", (t) => {
  t.allClose(reluForward([-2, -0.5, 0, 0.5, 3]), [0, 0, 0, 0.5, 3], { name: "forward on [-2, -0.5, 0, 0.5, 3]", points: 0.5 });
  t.allClose(reluBackward([1, 2, 3, 4, 5], [-2, -0.5, 0, 0.5, 3]), [0, 0, 0, 4, 5], { name: "backward, subgradient 0 at x = 0", points: 0.5 });
  // BEGIN HIDDEN TESTS
  t.allClose(reluForward([-7, 1e-300, -1e-300, 7, -0]), [0, 1e-300, 0, 7, 0], { name: "forward on tiny and signed-zero inputs", points: 0.5, atol: 0 });
  t.allClose(reluBackward([0.1, -0.2, 0.3, 9], [1, -1, 0, 1e-9]), [0.1, 0, 0, 9], { name: "backward on a second input", points: 0.5 });
  // END HIDDEN TESTS
});
""", "q1_relu", 2))

# Q2 sigmoid
xs = [-2, 0, 2]; xh = [-800, 800, 0.3, -0.3]
douts = [0.5, -1, 2]
cells.append(md("""
## Q2. Sigmoid (2 points)

$\\sigma(x) = 1 / (1 + e^{-x})$ and $\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$. `sigmoidBackward`
receives the forward *output* `out` (cheaper than recomputing it). Make the forward pass finite
for large $|x|$ (try $x = -800$): it must return 0 or 1 there, never `NaN`.
""", "q2_text"))
cells.append(sol("""
function sigmoidForward(x: number[]): number[] {
  // BEGIN SOLUTION
  // Two branches so that exp never overflows into Infinity / Infinity = NaN.
  return x.map((v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))));
  // END SOLUTION
}

function sigmoidBackward(dout: number[], out: number[]): number[] {
  // BEGIN SOLUTION
  return out.map((s, i) => dout[i] * s * (1 - s));
  // END SOLUTION
}
""", "q2_code"))
cells.append(test(f"""
grader.check("q2_sigmoid", (t) => {{
  t.allClose(sigmoidForward({lit(xs)}), {lit([sig(v) for v in xs])}, {{ name: "forward on [-2, 0, 2]", points: 0.5 }});
  const x = [-1.5, 0.2, 3], dout = [0.7, -1.1, 2];
  t.gradCheck((v) => sigmoidForward(Array.from(v)), x, sigmoidBackward(dout, sigmoidForward(x)), {{ dout, name: "backward against central differences", points: 0.5 }});
  // BEGIN HIDDEN TESTS
  t.allClose(sigmoidForward({lit(xh)}), {lit([sig(v) for v in xh])}, {{ name: "forward is finite and exact at |x| = 800", points: 0.5 }});
  t.allClose(sigmoidBackward({lit(douts)}, {lit([sig(v) for v in xs])}), {lit([d*sig(v)*(1-sig(v)) for d, v in zip(douts, xs)])}, {{ name: "backward values", points: 0.5 }});
  // END HIDDEN TESTS
}});
""", "q2_sigmoid", 2))

# Q3 PReLU
def prelu(x, a): return [v if v > 0 else a*v for v in x]
cells.append(md("""
## Q3. PReLU: an activation with a learnable parameter (3 points)

$\\mathrm{prelu}(x) = x$ for $x > 0$, $a x$ otherwise (He et al. 2015), with one slope $a$ shared
by all units, learned by gradient descent. Backward returns both $\\partial L/\\partial x$ and
$\\partial L/\\partial a = \\sum_i \\mathrm{dout}_i \\cdot (x_i \\text{ if } x_i \\le 0 \\text{ else } 0)$.
""", "q3_text"))
cells.append(sol("""
function preluForward(x: number[], a: number): number[] {
  // BEGIN SOLUTION
  return x.map((v) => (v > 0 ? v : a * v));
  // END SOLUTION
}

function preluBackward(dout: number[], x: number[], a: number): { dx: number[]; da: number } {
  // BEGIN SOLUTION
  let da = 0;
  const dx = x.map((v, i) => {
    if (v > 0) return dout[i];
    da += dout[i] * v;
    return a * dout[i];
  });
  return { dx, da };
  // END SOLUTION
}
""", "q3_code"))
x3 = [-2, -0.5, 1, 3]; a3 = 0.25; d3 = [1, 2, -1, 0.5]
x3h = [-4, 2, -1, -3, 0.5]; a3h = -0.1; d3h = [0.3, -2, 1.5, 1, 4]
cells.append(test(f"""
grader.check("q3_prelu", (t) => {{
  t.allClose(preluForward({lit(x3)}, {a3}), {lit(prelu(x3, a3))}, {{ name: "forward, a = 0.25", points: 1 }});
  const x = {lit(x3)}, dout = {lit(d3)};
  const g = preluBackward(dout, x, {a3});
  t.gradCheck((v) => preluForward(Array.from(v), {a3}), x, g.dx, {{ dout, name: "dx against central differences", points: 0.5 }});
  t.allClose(g.da, {sum(d*v for d, v in zip(d3, x3) if v <= 0)}, {{ name: "da = sum of dout * x over x <= 0", points: 0.5 }});
  // BEGIN HIDDEN TESTS
  t.allClose(preluForward({lit(x3h)}, {a3h}), {lit(prelu(x3h, a3h))}, {{ name: "forward with a negative slope", points: 0.5 }});
  const xh = {lit(x3h)}, dh = {lit(d3h)};
  t.gradCheck((v) => preluForward(xh, v[0]), [{a3h}], [preluBackward(dh, xh, {a3h}).da], {{ dout: dh, name: "da against central differences", points: 0.5 }});
  // END HIDDEN TESTS
}});
""", "q3_prelu", 3))

# Q4 init
cells.append(md("""
## Q4. Xavier and Kaiming initialization (3 points)

Xavier/Glorot uniform draws $W \\sim U(-b, b)$ with $b = \\text{gain}\\sqrt{6 / (\\text{fan}_\\text{in} + \\text{fan}_\\text{out})}$.
Kaiming/He normal draws $W \\sim \\mathcal N(0, \\sigma^2)$ with $\\sigma = \\text{gain} / \\sqrt{\\text{fan}_\\text{in}}$,
and gain $= \\sqrt 2$ for ReLU (as `torch.nn.init`). `kaimingNormal` returns a `fanOut x fanIn`
matrix (PyTorch's `Linear.weight` layout) filled row by row with `std * rng.normal()`.
""", "q4_text"))
cells.append(sol("""
function xavierUniformBound(fanIn: number, fanOut: number, gain = 1): number {
  // BEGIN SOLUTION
  return gain * Math.sqrt(6 / (fanIn + fanOut));
  // END SOLUTION
}

function kaimingNormalStd(fanIn: number, gain = Math.SQRT2): number {
  // BEGIN SOLUTION
  return gain / Math.sqrt(fanIn);
  // END SOLUTION
}

function kaimingNormal(fanOut: number, fanIn: number, rng: dr.Generator): number[][] {
  // BEGIN SOLUTION
  const std = kaimingNormalStd(fanIn);
  return Array.from({ length: fanOut }, () => Array.from({ length: fanIn }, () => std * rng.normal()));
  // END SOLUTION
}
""", "q4_code"))
cells.append(test(f"""
/** Mean and population std of all entries (a float64 loop). */
function moments(w: number[][]): {{ mean: number; std: number }} {{
  const flat = w.flat(); let s = 0, s2 = 0;
  for (const v of flat) {{ s += v; s2 += v * v; }}
  const mean = s / flat.length;
  return {{ mean, std: Math.sqrt(s2 / flat.length - mean * mean) }};
}}
grader.check("q4_init", (t) => {{
  t.allClose(xavierUniformBound(3, 5), {math.sqrt(6/8)}, {{ name: "Xavier bound, fan 3 -> 5", points: 0.5 }});
  t.allClose(kaimingNormalStd(50), 0.2, {{ name: "Kaiming std for ReLU, fan_in 50", points: 0.5 }});
  const w = kaimingNormal(64, 50, dr.rng(0));
  t.shapeEqual(w, [64, 50], {{ name: "kaimingNormal(64, 50) is 64 x 50", points: 0.25 }});
  // 3200 samples: std of the sample std is about 0.2 / sqrt(6400); allow 5 of those.
  const m = moments(w);
  t.ok(Math.abs(m.std - 0.2) <= 5 * 0.2 / 80 && Math.abs(m.mean) <= 5 * 0.2 / Math.sqrt(3200), {{ name: "sample mean 0 and std 0.2", points: 0.25, message: `sample mean ${{m.mean.toFixed(4)}}, std ${{m.std.toFixed(4)}}; expected 0 and 0.2 (did you scale rng.normal() by the std?)` }});
  // BEGIN HIDDEN TESTS
  t.allClose(xavierUniformBound(100, 300, 5 / 3), {5/3*math.sqrt(6/400)}, {{ name: "Xavier bound with the tanh gain 5/3", points: 0.5 }});
  t.allClose(kaimingNormalStd(8, 1), {1/math.sqrt(8)}, {{ name: "Kaiming std with gain 1", points: 0.25 }});
  const w2 = kaimingNormal(128, 32, dr.rng(1));
  const m2 = moments(w2), sd = {math.sqrt(2/32)};
  t.ok(Math.abs(m2.std - sd) <= 5 * sd / Math.sqrt(2 * 4096) && Math.abs(m2.mean) <= 5 * sd / 64, {{ name: "sample std for fan_in 32", points: 0.5 }});
  t.allClose(kaimingNormal(3, 4, dr.rng(5)), kaimingNormal(3, 4, dr.rng(5)), {{ name: "same seed, same weights", points: 0.25 }});
  // END HIDDEN TESTS
}});
""", "q4_init", 3))

# Q5 dropout
cells.append(md("""
## Q5. Inverted dropout (3 points)

In training, zero each unit with probability `p` and scale the survivors by $1/(1-p)$, so that
the expected output equals the input and **test mode is the identity** (no rescaling at test
time). Draw one `rng.random()` per unit, in order, and drop the unit when it is `< p`. Return the
output and the `mask` (0 or $1/(1-p)$ per unit); backward multiplies by the mask. With `p = 1`
every unit is dropped (the mask is all 0). Reject `p` outside $[0, 1]$ with an error.
""", "q5_text"))
cells.append(sol("""
function dropoutForward(x: number[], p: number, opts: { training: boolean; rng: dr.Generator }): { out: number[]; mask: number[] } {
  // BEGIN SOLUTION
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropoutForward: p must be in [0, 1], got ${p}`);
  if (!opts.training) return { out: x.slice(), mask: x.map(() => 1) };
  const keep = p === 1 ? 0 : 1 / (1 - p);
  const mask = x.map(() => (opts.rng.random() < p ? 0 : keep));
  return { out: x.map((v, i) => v * mask[i]), mask };
  // END SOLUTION
}

function dropoutBackward(dout: number[], mask: number[]): number[] {
  // BEGIN SOLUTION
  return dout.map((d, i) => d * mask[i]);
  // END SOLUTION
}
""", "q5_code"))
cells.append(test("""
grader.check("q5_dropout", (t) => {
  const x = [1, -2, 3, 0.5];
  t.allClose(dropoutForward(x, 0.5, { training: false, rng: dr.rng(0) }).out, x, { name: "test mode is the identity", points: 0.5 });
  const n = 10000, ones = new Array<number>(n).fill(1);
  const { out, mask } = dropoutForward(ones, 0.3, { training: true, rng: dr.rng(0) });
  t.ok(out.every((v) => v === 0 || Math.abs(v - 1 / 0.7) < 1e-12), { name: "training values are 0 or x / (1 - p)", points: 0.5, message: "each output must be 0 or x / (1 - p) (inverted dropout scales at training time)" });
  const kept = out.filter((v) => v !== 0).length / n;
  t.ok(Math.abs(kept - 0.7) <= 5 * Math.sqrt(0.21 / n), { name: "about 1 - p of the units survive", points: 0.5, message: `kept ${kept}, expected 0.7 (drop when rng.random() < p)` });
  t.allClose(dropoutBackward([1, 2, 3], [0, 2, 2]), [0, 4, 6], { name: "backward multiplies by the mask", points: 0.5 });
  // BEGIN HIDDEN TESTS
  t.allClose(dropoutForward([1, 2, 3], 0, { training: true, rng: dr.rng(3) }).out, [1, 2, 3], { name: "p = 0 keeps everything", points: 0.25 });
  t.allClose(dropoutForward([1, 2, 3], 1, { training: true, rng: dr.rng(3) }).out, [0, 0, 0], { name: "p = 1 drops everything (no division by zero)", points: 0.25 });
  let threw = false;
  try { dropoutForward([1], 1.5, { training: true, rng: dr.rng(0) }); } catch { threw = true; }
  t.ok(threw, { name: "p = 1.5 is rejected", points: 0.25 });
  const r = dr.rng(11), u = [r.random(), r.random(), r.random(), r.random()];
  const d = dropoutForward([4, 5, 6, 7], 0.5, { training: true, rng: dr.rng(11) });
  t.allClose(d.mask, u.map((v) => (v < 0.5 ? 0 : 2)), { name: "one draw per unit, in order", points: 0.25 });
  t.allClose(dropoutBackward([1, 1, 1, 1], d.mask), d.mask, { name: "backward uses the forward mask", points: 0.25 });
  // END HIDDEN TESTS
});
""", "q5_dropout", 3))

# Q6 batchnorm
xb = [[1, 2], [3, 6], [5, 10]]; gb = [1, 1]; bb = [0, 0]
xbh = [[0.5, -1, 2], [1.5, 3, -2], [-0.5, 0, 1], [2.5, 1, 0]]; gbh = [2, 0.5, -1]; bbh = [0.1, -0.2, 0.3]; dbh = [[1, -1, 0.5], [0.2, 0.3, -0.4], [-1, 2, 1], [0.5, 0.5, 0.5]]
db6 = [[1, -2], [0.5, 1], [-1, 3]]
dg6, dbb6 = bn_grads(xb, [1.5, 0.5], db6)
dgh, dbbh = bn_grads(xbh, gbh, dbh)
cells.append(md("""
## Q6. Batch normalization, training mode (4 points)

For a batch `x` of shape `N x D`, normalize each column with the batch mean and the biased
variance (divide by $N$), then scale and shift: $y = \\gamma \\hat x + \\beta$ with
$\\hat x = (x - \\mu)/\\sqrt{\\sigma^2 + \\epsilon}$. Return `{ out, cache }`; `cache` is whatever
your backward needs. Backward returns `{ dx, dgamma, dbeta }` (Ioffe & Szegedy 2015; the
compact form of `dx` is in the lecture notes).
""", "q6_text"))
cells.append(sol("""
type BatchNormCache = { xhat: number[][]; gamma: number[]; invStd: number[] };

function batchnormForward(x: number[][], gamma: number[], beta: number[], eps = 1e-5): { out: number[][]; cache: BatchNormCache } {
  // BEGIN SOLUTION
  const N = x.length, D = x[0].length;
  const invStd: number[] = [], xhat = x.map(() => new Array<number>(D).fill(0));
  for (let j = 0; j < D; j++) {
    let m = 0;
    for (let i = 0; i < N; i++) m += x[i][j];
    m /= N;
    let v = 0;
    for (let i = 0; i < N; i++) v += (x[i][j] - m) ** 2;
    invStd[j] = 1 / Math.sqrt(v / N + eps);
    for (let i = 0; i < N; i++) xhat[i][j] = (x[i][j] - m) * invStd[j];
  }
  const out = xhat.map((row) => row.map((h, j) => gamma[j] * h + beta[j]));
  return { out, cache: { xhat, gamma, invStd } };
  // END SOLUTION
}

function batchnormBackward(dout: number[][], cache: BatchNormCache): { dx: number[][]; dgamma: number[]; dbeta: number[] } {
  // BEGIN SOLUTION
  const { xhat, gamma, invStd } = cache;
  const N = dout.length, D = dout[0].length;
  const dgamma = new Array<number>(D).fill(0), dbeta = new Array<number>(D).fill(0);
  for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) { dgamma[j] += dout[i][j] * xhat[i][j]; dbeta[j] += dout[i][j]; }
  // dx = gamma * invStd / N * (N * dout - sum(dout) - xhat * sum(dout * xhat))
  const dx = dout.map((row, i) => row.map((d, j) => (gamma[j] * invStd[j] / N) * (N * d - dbeta[j] - xhat[i][j] * dgamma[j])));
  return { dx, dgamma, dbeta };
  // END SOLUTION
}
""", "q6_code"))
cells.append(test(f"""
/** x (N x D) -> flat, and back: the gradient checker perturbs a flat vector. */
const unflat = (v: ArrayLike<number>, D: number): number[][] => Array.from({{ length: v.length / D }}, (_, i) => Array.from({{ length: D }}, (_, j) => v[i * D + j]));
grader.check("q6_batchnorm", (t) => {{
  t.allClose(batchnormForward({lit2(xb)}, {lit(gb)}, {lit(bb)}).out, {lit2(bn(xb, gb, bb))}, {{ name: "forward normalizes each column", points: 1 }});
  const x = {lit2(xb)}, gamma = [1.5, 0.5], beta = [0.1, -0.3], dout = {lit2(db6)};
  const g = batchnormBackward(dout, batchnormForward(x, gamma, beta).cache);
  t.allClose(g.dbeta, {lit(dbb6)}, {{ name: "dbeta", points: 0.25 }});
  t.allClose(g.dgamma, {lit(dg6)}, {{ name: "dgamma", points: 0.25 }});
  t.gradCheck((v) => batchnormForward(unflat(v, 2), gamma, beta).out.flat(), x.flat(), g.dx.flat(), {{ dout: dout.flat(), tolerance: 1e-5, name: "dx against central differences", points: 1 }});
  // BEGIN HIDDEN TESTS
  t.allClose(batchnormForward({lit2(xbh)}, {lit(gbh)}, {lit(bbh)}).out, {lit2(bn(xbh, gbh, bbh))}, {{ name: "forward with gamma and beta, 4 x 3", points: 0.5 }});
  const xh = {lit2(xbh)}, gh = {lit(gbh)}, bh = {lit(bbh)}, dh = {lit2(dbh)};
  const gg = batchnormBackward(dh, batchnormForward(xh, gh, bh).cache);
  t.allClose(gg.dgamma, {lit(dgh)}, {{ name: "dgamma, 4 x 3", points: 0.25 }});
  t.allClose(gg.dbeta, {lit(dbbh)}, {{ name: "dbeta, 4 x 3", points: 0.25 }});
  t.gradCheck((v) => batchnormForward(unflat(v, 3), gh, bh).out.flat(), xh.flat(), gg.dx.flat(), {{ dout: dh.flat(), tolerance: 1e-5, name: "dx, 4 x 3", points: 0.5 }});
  // END HIDDEN TESTS
}});
""", "q6_batchnorm", 4))

# Q7 cutout
def cut(img, top, left, size, fill=0):
    out = [r[:] for r in img]
    for i in range(max(0, top), min(len(img), top+size)):
        for j in range(max(0, left), min(len(img[0]), left+size)):
            out[i][j] = fill
    return out
img = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]
imgh = [[float(i*5 + j) for j in range(5)] for i in range(3)]
cells.append(md("""
## Q7. Cutout augmentation (2 points)

Cutout (DeVries & Taylor 2017) masks a `size x size` square. As torchvision v2 does, split it
into a **sampler** and a **deterministic kernel**: `cutoutParams` draws the square's center
uniformly over the image, `cy = rng.integers(0, h)` then `cx = rng.integers(0, w)`, and returns
`top = cy - floor(size / 2)`, `left = cx - floor(size / 2)` (the square may hang over the
border); `cutout` returns a **copy** of the image with the square, clipped to the image, set to
`fill`. Never modify the input.
""", "q7_text"))
cells.append(sol("""
type CutoutParams = { top: number; left: number; size: number };

function cutoutParams(h: number, w: number, size: number, rng: dr.Generator): CutoutParams {
  // BEGIN SOLUTION
  const cy = rng.integers(0, h), cx = rng.integers(0, w);
  const half = Math.floor(size / 2);
  return { top: cy - half, left: cx - half, size };
  // END SOLUTION
}

function cutout(img: number[][], params: CutoutParams, fill = 0): number[][] {
  // BEGIN SOLUTION
  const { top, left, size } = params;
  return img.map((row, i) => row.map((v, j) => (i >= top && i < top + size && j >= left && j < left + size ? fill : v)));
  // END SOLUTION
}
""", "q7_code"))
cells.append(test(f"""
grader.check("q7_cutout", (t) => {{
  const img = {lit2(img)};
  t.allClose(cutout(img, {{ top: 1, left: 1, size: 2 }}), {lit2(cut(img, 1, 1, 2))}, {{ name: "kernel with fixed params", points: 0.5 }});
  t.allClose(img, {lit2(img)}, {{ name: "the input is not modified", points: 0.25 }});
  t.allClose(cutout(img, {{ top: -1, left: 3, size: 2 }}), {lit2(cut(img, -1, 3, 2))}, {{ name: "the square is clipped at the border", points: 0.25 }});
  // BEGIN HIDDEN TESTS
  const im = {lit2(imgh)};
  t.allClose(cutout(im, {{ top: 1, left: 2, size: 3 }}, -1), {lit2(cut(imgh, 1, 2, 3, -1))}, {{ name: "fill value on a 3 x 5 image", points: 0.25 }});
  let inside = true; const tops = new Set<number>(), lefts = new Set<number>();
  for (let s = 0; s < 300; s++) {{
    const p = cutoutParams(3, 5, 2, dr.rng(s));
    inside &&= p.size === 2 && p.top + 1 >= 0 && p.top + 1 < 3 && p.left + 1 >= 0 && p.left + 1 < 5;
    tops.add(p.top); lefts.add(p.left);
  }}
  t.ok(inside && tops.size === 3 && lefts.size === 5 && tops.has(-1) && lefts.has(3), {{ name: "sampler: centers uniform over the image", points: 0.5 }});
  const r = dr.rng(42), cy = r.integers(0, 3), cx = r.integers(0, 5);
  const q = cutoutParams(3, 5, 3, dr.rng(42));
  t.ok(q.top === cy - 1 && q.left === cx - 1, {{ name: "sampler draws cy then cx from rng", points: 0.25 }});
  // END HIDDEN TESTS
}});
""", "q7_cutout", 2))

cells.append(md("""
## Summary

Run the cell below to see all your checks in one place. Submit the notebook (`.ipynb`) as is.
""", "summary_text"))
cells.append(cell("grader.summary();", {"grade_id": "summary", "locked": True}))

nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "deeprob-ts", "display_name": "TypeScript (deeprob-ts)", "language": "typescript"}, "language_info": {"name": "typescript", "file_extension": ".ts"}}, "cells": cells}
import os
HERE = os.path.dirname(os.path.abspath(__file__))
json.dump(nb, open(os.path.join(HERE, "hw1-source.ipynb"), "w"), indent=1)
print("ok")
