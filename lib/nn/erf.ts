// erf and erfc live in lib/kernels/erf.ts (the one implementation, float64, fdlibm's method);
// re-exported here because they belong to the activations' public surface.
export { erf, erfc } from "../kernels/erf.js";
