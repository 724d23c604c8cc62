// Tensor methods that call ops (x.add(y), x.sum(0), x.dot(W)), installed on Tensor.prototype here
// rather than in tensor.ts, so tensor.ts never imports ops and CommonJS load order stays one-way.
// Loading lib/ops (or lib/index) installs them; the declaration merge below types them.
import { Tensor } from "../tensor/index.js";
import * as b from "./binary.js";
import * as u from "./unary.js";
import * as r from "./reduce.js";
import * as m from "./matmul.js";
import * as ip from "./inplace.js";
import * as ix from "./indexing.js";
import type { TensorLike } from "./convert.js";
import type { Axis, ReduceOptions, VarOptions } from "./reduce.js";

declare module "../tensor/tensor.js" {
  interface Tensor {
    add(other: TensorLike): Tensor; sub(other: TensorLike): Tensor; mul(other: TensorLike): Tensor;
    div(other: TensorLike): Tensor; pow(other: TensorLike): Tensor;
    maximum(other: TensorLike): Tensor; minimum(other: TensorLike): Tensor;
    eq(other: TensorLike): Tensor; ne(other: TensorLike): Tensor; lt(other: TensorLike): Tensor;
    le(other: TensorLike): Tensor; gt(other: TensorLike): Tensor; ge(other: TensorLike): Tensor;
    neg(): Tensor; exp(): Tensor; log(): Tensor; sqrt(): Tensor; abs(): Tensor; sign(): Tensor;
    tanh(): Tensor; sigmoid(): Tensor; relu(): Tensor; square(): Tensor; reciprocal(): Tensor;
    floor(): Tensor; ceil(): Tensor; round(): Tensor; sin(): Tensor; cos(): Tensor; log1p(): Tensor; expm1(): Tensor;
    isnan(): Tensor; isinf(): Tensor; isfinite(): Tensor;
    clip(min: number | null | undefined, max?: number | null): Tensor;
    sum(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor;
    prod(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor;
    any(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor;
    all(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor;
    mean(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor;
    var(axis?: Axis | VarOptions, options?: VarOptions): Tensor;
    std(axis?: Axis | VarOptions, options?: VarOptions): Tensor;
    max(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor;
    min(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tensor;
    argmax(axis?: number | null | ReduceOptions, options?: ReduceOptions): Tensor;
    argmin(axis?: number | null | ReduceOptions, options?: ReduceOptions): Tensor;
    matmul(other: TensorLike): Tensor; dot(other: TensorLike): Tensor;
    add_(other: TensorLike): Tensor; sub_(other: TensorLike): Tensor; mul_(other: TensorLike): Tensor;
    div_(other: TensorLike): Tensor; copy_(src: TensorLike): Tensor; fill_(value: number): Tensor;
    take(indices: Tensor | readonly number[] | number, axis?: number | null): Tensor;
    maskedSelect(mask: TensorLike): Tensor;
    takeAlongAxis(indices: Tensor, axis: number): Tensor;
    gather(axis: number, indices: Tensor): Tensor;
  }
}

const UNARY_METHODS = ["neg", "exp", "log", "sqrt", "abs", "sign", "tanh", "sigmoid", "relu", "square", "clip",
  "reciprocal", "floor", "ceil", "round", "sin", "cos", "log1p", "expm1", "isnan", "isinf", "isfinite"];

type Method = (this: Tensor, ...args: never[]) => unknown;

// Each method forwards `this` as the first argument of the function of the same name.
function install(source: Record<string, unknown>, names: readonly string[]): void {
  const proto = Tensor.prototype as unknown as Record<string, Method>;
  for (const name of names) {
    const fn = source[name] as (...args: unknown[]) => unknown;
    proto[name] = function (this: Tensor, ...args: unknown[]) { return fn(this, ...args); } as Method;
  }
}

install(b, ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge"]);
install(u, UNARY_METHODS);
install(r, ["sum", "prod", "any", "all", "mean", "std", "max", "min", "argmax", "argmin"]);
install({ var: r.variance }, ["var"]);
install(m, ["matmul", "dot"]);
install(ip, ["add_", "sub_", "mul_", "div_", "copy_", "fill_"]);
install(ix, ["take", "maskedSelect", "takeAlongAxis", "gather"]);

/** Names of the Tensor methods installed by lib/ops (for tests and docs). @example TENSOR_OP_METHODS.includes("matmul") // true */
export const TENSOR_OP_METHODS: readonly string[] = Object.freeze([
  "add", "sub", "mul", "div", "pow", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge",
  ...UNARY_METHODS,
  "sum", "prod", "any", "all", "mean", "var", "std", "max", "min", "argmax", "argmin", "matmul", "dot",
  "add_", "sub_", "mul_", "div_", "copy_", "fill_", "take", "maskedSelect", "takeAlongAxis", "gather",
]);
