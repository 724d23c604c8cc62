// Matrix products with np.matmul semantics: 1-D operands are promoted and the added axis removed,
// leading (batch) dimensions broadcast. Every product goes through the gemm kernel with the
// operands' own strides, so transposed views (x.T, W.T in backward passes) are not copied here.
import { allocate, broadcastShapes, formatShape, isFloat, promoteTypes, shapeSize, Tensor } from "../tensor/index.js";
import { asTensor, type TensorLike } from "./convert.js";
import { forEachRowN } from "./iterate.js";
import { gemm } from "./kernels.js";

/**
 * Matrix product as np.matmul / torch.matmul: [..., M, K] @ [..., K, N] -> [..., M, N]; 1-D @ 1-D
 * is a 0-d dot product. Integer operands give an integer result.
 * @example matmul(ones([16, 4096]), ones([4096, 8])).shape // [16, 8]
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  const A = asTensor(a, "matmul"), B = asTensor(b, "matmul");
  if (A.ndim === 0 || B.ndim === 0) {
    throw new RangeError(`matmul: operands must have at least 1 dimension; got shapes ${formatShape(A.shape)} @ ${formatShape(B.shape)} (use mul for scalars)`);
  }
  const dt = promoteTypes(A.dtype, B.dtype);
  const a2 = A.ndim === 1 ? A.unsqueeze(0) : A;
  const b2 = B.ndim === 1 ? B.unsqueeze(1) : B;
  const M = a2.shape[a2.ndim - 2], K = a2.shape[a2.ndim - 1];
  const K2 = b2.shape[b2.ndim - 2], N = b2.shape[b2.ndim - 1];
  if (K !== K2) throw new RangeError(`matmul: inner dimensions differ: ${formatShape(A.shape)} @ ${formatShape(B.shape)}`);
  const ba = a2.shape.slice(0, -2), bb = b2.shape.slice(0, -2);
  let batch: number[];
  try { batch = broadcastShapes(ba, bb, "matmul"); } catch {
    throw new RangeError(`matmul: batch dimensions ${formatShape(ba)} and ${formatShape(bb)} cannot be broadcast: ${formatShape(A.shape)} @ ${formatShape(B.shape)}`);
  }
  const outFull = [...batch, M, N];
  // gemm runs on one float dtype: operands are converted to the result dtype (integers via
  // float64, exact below 2^53, then stored into the integer result, wrapping as C).
  const ct = isFloat(dt) ? dt : "float64";
  const ea = a2.to(ct), eb = b2.to(ct);
  const prod = new Tensor(allocate(ct, shapeSize(outFull), "matmul", false), outFull);
  const nb = batch.length;
  const bstr = (t: Tensor): number[] => {
    const s = new Array<number>(nb).fill(0);
    const k = t.ndim - 2;
    for (let i = 0; i < k; i++) s[nb - k + i] = t.shape[i] === 1 ? 0 : t.strides[i];
    return s;
  };
  const outBatchStrides = batch.map((_, i) => outFull.slice(i + 1).reduce((p, d) => p * d, 1));
  if (shapeSize(outFull) > 0) {
    const [rsA, csA] = ea.strides.slice(-2), [rsB, csB] = eb.strides.slice(-2);
    const run = (oc: number, oa: number, ob: number): void => gemm(M, N, K, ea.data as Float32Array, oa, rsA, csA, eb.data as Float32Array, ob, rsB, csB, prod.data as Float32Array, oc);
    if (nb === 0) run(0, ea.offset, eb.offset);
    else {
      forEachRowN([...batch, 1], [[...outBatchStrides, 0], [...bstr(ea), 0], [...bstr(eb), 0]], [0, ea.offset, eb.offset], (o, n, s) => {
        for (let i = 0; i < n; i++) run(o[0] + i * s[0], o[1] + i * s[1], o[2] + i * s[2]);
      });
    }
  }
  const res = ct === dt ? prod : prod.astype(dt);
  let shape = outFull;
  if (A.ndim === 1) shape = shape.filter((_, i) => i !== shape.length - 2);
  if (B.ndim === 1) shape = shape.slice(0, -1);
  return shape.length === outFull.length ? res : new Tensor(res.data, shape);
}

/**
 * np.dot for up to 2-D operands: inner product of vectors, matrix product otherwise; a 0-d
 * operand multiplies. For batched products use matmul.
 * @example dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item() // 32
 */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const A = asTensor(a, "dot"), B = asTensor(b, "dot");
  if (A.ndim > 2 || B.ndim > 2) {
    throw new RangeError(`dot: supports operands of at most 2 dimensions; got ${formatShape(A.shape)} and ${formatShape(B.shape)} (use matmul for batched products)`);
  }
  if (A.ndim === 0 || B.ndim === 0) {
    const s = A.ndim === 0 ? A : B, t = A.ndim === 0 ? B : A;
    const out = new Tensor(allocate(promoteTypes(A.dtype, B.dtype), t.size, "dot"), t.shape);
    const v = s.item(), src = t.contiguous();
    for (let i = 0; i < t.size; i++) out.data[i] = v * src.data[src.offset + i];
    return out;
  }
  return matmul(A, B);
}
