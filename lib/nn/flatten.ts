// Flatten [N, d1, d2, ...] to [N, d1·d2·...], as torch.nn.Flatten() (start_dim=1). A view.
import type { Tensor } from "../tensor/index.js";
import { checkBackward, Module } from "./module.js";

/** Flattens all dimensions after the batch dimension. @example new Flatten().forward(zeros([64, 64, 8, 8])).shape // [64, 4096] */
export class Flatten extends Module {
  private shape: readonly number[] | null = null;
  private outShape: readonly number[] | null = null;
  forward(x: Tensor): Tensor {
    if (x.ndim < 1) throw new RangeError("Flatten.forward: expected input with a batch dimension, got a 0-d tensor");
    this.shape = x.shape;
    this.outShape = [x.shape[0], x.shape.slice(1).reduce((a, b) => a * b, 1)];
    return x.reshape(this.outShape);
  }
  backward(dout: Tensor): Tensor {
    checkBackward("Flatten.backward", this.outShape, dout);
    return dout.reshape(this.shape!);
  }
}
