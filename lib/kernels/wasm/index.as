// AssemblyScript entry: the exports the JS runtime (lib/kernels/runtime.ts) calls.
export { gemm_f32, gemm_dyn } from "./gemm";
export { unary_f32, binary_f32, affine_f32, reduce_f32 } from "./maps";
export { fill_f32_f64, fill_dyn } from "./rng";
export { crop_flip_jitter_u8, crop_flip_jitter_claim } from "./augment";
export { maxpool2x2_f32, maxpool2x2_backward_f32 } from "./maxpool";
export { axpy_f32 } from "./axpy";
export { relu_backward_nan_f32 } from "./relu";
export { ql_rotate_f64, house_accumulate_f64, tred_symv_f64, tred_update_f64 } from "./eigh";
export { im2col_f32, col2im_f32, im2col_batch_f32, col2im_batch_f32, swap_axes_f32, plane_sums_f64 } from "./conv";
