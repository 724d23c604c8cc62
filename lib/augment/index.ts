// Re-exports only (STYLE rule 11). `dr.augment` is torchvision.transforms.v2: transform classes at
// the top level, the deterministic kernels under `dr.augment.F` (as `transforms.v2.functional`) and
// also flat for convenience; `batched` holds fused whole-batch pipelines.
export * from "./functional/index.js";
export * from "./transforms/index.js";
export * from "./batched.js";
export * as F from "./functional/index.js";
