// Sequential: layers applied in order; backward runs them in reverse. Options (mode, generator)
// pass to every layer unchanged.
import type { Tensor } from "../tensor/index.js";
import { Module, type BackwardOptions, type ForwardOptions } from "./module.js";

/**
 * A chain of modules, as torch.nn.Sequential.
 * @example
 * const g = rng(0);
 * const mlp = new Sequential(new Linear(64, 128, { rng: g }), new ReLU(), new Linear(128, 10, { rng: g }));
 * const logits = mlp.forward(x, { training: true, rng: g });
 */
export class Sequential extends Module {
  readonly layers: Module[];
  constructor(...layers: Module[]) {
    super();
    layers.forEach((l, i) => {
      if (!(l instanceof Module)) throw new TypeError(`Sequential: argument ${i} is not a Module (got ${l === null ? "null" : typeof l})`);
    });
    this.layers = layers;
  }
  override children(): readonly Module[] { return this.layers; }
  forward(x: Tensor, opts?: ForwardOptions): Tensor {
    let h = x;
    for (let i = 0; i < this.layers.length; i++) {
      try {
        h = this.layers[i].forward(h, opts);
      } catch (e) {
        // Say which layer of the chain failed: "Sequential layer 2 (Linear): Linear.forward: ...".
        if (e instanceof Error && !e.message.startsWith("Sequential layer")) e.message = `Sequential layer ${i} (${this.layers[i].constructor.name}): ${e.message}`;
        throw e;
      }
    }
    return h;
  }
  backward(dout: Tensor, opts?: BackwardOptions): Tensor {
    let g = dout;
    for (let i = this.layers.length - 1; i >= 0; i--) g = this.layers[i].backward(g, i === 0 ? opts : undefined);
    return g;
  }
}
