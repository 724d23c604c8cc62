// The numeric library's public surface: re-exports only (STYLE rule 11).
// Tensors, ops and random generators are flat, as in NumPy and PyTorch (`randn`, `matmul`);
// the rest are namespaces, as in `torch.nn`, `torch.nn.init`, `torchvision.transforms`.
export * from "./tensor/index.js";
export * from "./ops/index.js";
export * from "./random/index.js";
export * as nn from "./nn/index.js";
export * as init from "./init/index.js";
export * as optim from "./optim/index.js";
export * as train from "./train/index.js";
export * as data from "./data/index.js";
export * as augment from "./augment/index.js";
export * as plot from "./display/index.js";
export * as grading from "./grading/index.js";
export const version = "0.1.0";
