// torch.nn.init.calculate_gain: the factor by which a nonlinearity shrinks the standard
// deviation of its input, so that initializers can undo it (Kaiming, Xavier with a gain).

/** Nonlinearity names accepted by calculateGain, as torch.nn.init.calculate_gain. */
export type Nonlinearity =
  | "linear" | "conv1d" | "conv2d" | "conv3d" | "conv_transpose1d" | "conv_transpose2d" | "conv_transpose3d"
  | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "selu";

const UNIT = new Set(["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid"]);

/**
 * The recommended gain for a nonlinearity (PyTorch's table): linear, conv and sigmoid 1,
 * tanh 5/3, relu √2, leaky_relu √(2 / (1 + slope²)) with slope `param` (default 0.01, as PyTorch),
 * selu 3/4.
 * @example
 * calculateGain("relu") // 1.4142135623730951
 * calculateGain("leaky_relu", 0.1) // 1.4071950894605838
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  if (UNIT.has(nonlinearity)) return 1;
  switch (nonlinearity) {
    case "tanh": return 5 / 3;
    case "relu": return Math.SQRT2;
    case "leaky_relu": {
      const slope = param ?? 0.01;
      if (typeof slope !== "number" || !Number.isFinite(slope)) {
        throw new TypeError(`calculateGain: leaky_relu's negative slope must be a finite number, got ${String(param)}`);
      }
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu": return 3 / 4;
    default:
      throw new RangeError(`calculateGain: unsupported nonlinearity "${String(nonlinearity)}"; expected one of linear, conv1d/2d/3d, conv_transpose1d/2d/3d, sigmoid, tanh, relu, leaky_relu, selu`);
  }
}
