// Fan-in and fan-out of a weight, as torch.nn.init._calculate_fan_in_and_fan_out: a Linear
// weight is [out, in]; a conv weight is [outChannels, inChannels, kH, kW], whose receptive field
// kH·kW multiplies both fans (fan_in = inChannels·kH·kW, fan_out = outChannels·kH·kW).

/** Fan-in and fan-out. */
export interface Fans { readonly fanIn: number; readonly fanOut: number }

/**
 * Fans of a weight shape (PyTorch layout: dim 0 = outputs, dim 1 = inputs, the rest = kernel).
 * @example
 * calculateFans([512, 3072]) // { fanIn: 3072, fanOut: 512 }
 * calculateFans([32, 3, 3, 3]) // { fanIn: 27, fanOut: 288 }
 */
export function calculateFans(shape: readonly number[]): Fans {
  if (shape.length < 2) {
    throw new RangeError(`calculateFans: fan in and fan out need a weight with at least 2 dimensions ([out, in] or [out, in, kH, kW]); got shape [${shape.join(", ")}]`);
  }
  let receptive = 1;
  for (let i = 2; i < shape.length; i++) receptive *= shape[i];
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

/** Fan mode of Kaiming initialization: preserve the forward ("fanIn") or backward ("fanOut") variance. */
export type FanMode = "fanIn" | "fanOut" | "fan_in" | "fan_out";

/**
 * The fan selected by a mode (PyTorch's "fan_in" / "fan_out" spellings are accepted too).
 * @example calculateFan([512, 3072], "fanOut") // 512
 */
export function calculateFan(shape: readonly number[], mode: FanMode): number {
  const f = calculateFans(shape);
  if (mode === "fanIn" || mode === "fan_in") return f.fanIn;
  if (mode === "fanOut" || mode === "fan_out") return f.fanOut;
  throw new RangeError(`calculateFan: mode must be "fanIn" or "fanOut", got "${String(mode)}"`);
}
