// Writing values into a tensor in place, whatever its strides (init functions are in place, as
// torch.nn.init's trailing-underscore functions).
import type { Tensor } from "../tensor/index.js";
import type { FloatArray } from "../random/index.js";

/** Throws unless `t` is a float32/float64 tensor (initializers need real-valued storage). @example checkFloatTensor(w, "myInit_") */
export function checkFloatTensor(t: Tensor, op: string): void {
  if (t.dtype !== "float32" && t.dtype !== "float64") {
    throw new TypeError(`${op}: expected a float32 or float64 tensor, got ${t.dtype}`);
  }
}

/**
 * Fills `t` in place: `fill(buf)` writes t.size values into a contiguous buffer of t's dtype,
 * which is then scattered through t's strides (no copy when t is contiguous).
 * @example fillInPlace(w, "myInit_", (b) => b.fill(0.5))
 */
export function fillInPlace(t: Tensor, op: string, fill: (buf: FloatArray) => void): Tensor {
  checkFloatTensor(t, op);
  if (t.isContiguous()) {
    fill((t.data as FloatArray).subarray(t.offset, t.offset + t.size));
    return t;
  }
  const buf = t.dtype === "float64" ? new Float64Array(t.size) : new Float32Array(t.size);
  fill(buf);
  const nd = t.ndim, idx = new Array<number>(nd).fill(0), data = t.data;
  for (let k = 0; k < t.size; k++) {
    let off = t.offset;
    for (let d = 0; d < nd; d++) off += idx[d] * t.strides[d];
    data[off] = buf[k];
    for (let d = nd - 1; d >= 0; d--) { if (++idx[d] < t.shape[d]) break; idx[d] = 0; }
  }
  return t;
}
