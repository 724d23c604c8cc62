// Re-exports (STYLE rule 11): the deterministic kernels, as torchvision.transforms.v2.functional.
// Each public kernel is exported tensor-aware (an Image or a [H, W, C] / [C, H, W] Tensor in, the
// same kind out); the Image-only originals live in their files, documented there.
import { tensorize } from "./tensorize.js";
import * as flip from "./flip.js";
import * as cropK from "./crop.js";
import * as padK from "./pad.js";
import * as resizeK from "./resize.js";
import * as affineK from "./affine.js";
import * as color from "./color.js";
import * as hue from "./hue.js";
import * as point from "./pointops.js";
import * as hist from "./histogram.js";
import * as sharp from "./sharpness.js";
import * as blur from "./blur.js";

export { roundHalfEven, clamp } from "./util.js";
export { parseSize, centerCropOrigin } from "./crop.js";
export { parsePadding, type PaddingMode } from "./pad.js";
export { resizedOutputSize, type Interpolation, type ResizeOptions } from "./resize.js";
export { inverseAffineMatrix, rotatedSize, type AffineOptions } from "./affine.js";
export { luma } from "./color.js";
export { tensorize, type ImageOrTensorKernel } from "./tensorize.js";

/** Mirror left-right (see flip.ts). */
export const horizontalFlip = tensorize(flip.horizontalFlip);
export const hflip = horizontalFlip;
/** Mirror top-bottom. */
export const verticalFlip = tensorize(flip.verticalFlip);
export const vflip = verticalFlip;
/** Window (top, left, height, width), zero outside. */
export const crop = tensorize(cropK.crop);
/** Central window (Python rounding), as torchvision's center_crop. */
export const centerCrop = tensorize(cropK.centerCrop);
/** [tl, tr, bl, br, center]. */
export const fiveCrop = tensorize(cropK.fiveCrop);
/** fiveCrop of the image and of its mirror. */
export const tenCrop = tensorize(cropK.tenCrop);
/** Padding: constant / edge / reflect / symmetric. */
export const pad = tensorize(padK.pad);
/** Antialiased bilinear (or nearest) resize; a number sets the smaller edge. */
export const resize = tensorize(resizeK.resize);
/** Crop then resize. */
export const resizedCrop = tensorize(resizeK.resizedCrop);
/** Rotation (clockwise degrees), translation, scale, shear about the center. */
export const affine = tensorize(affineK.affine);
/** Counter-clockwise rotation, optionally expanding the canvas. */
export const rotate = tensorize(affineK.rotate);
/** 0.2989 R + 0.587 G + 0.114 B, 1 or 3 channels. */
export const rgbToGrayscale = tensorize(color.rgbToGrayscale);
/** x * factor, clamped. */
export const adjustBrightness = tensorize(color.adjustBrightness);
/** Blend with the mean gray. */
export const adjustContrast = tensorize(color.adjustContrast);
/** Blend with the per-pixel gray. */
export const adjustSaturation = tensorize(color.adjustSaturation);
/** Hue rotation by a fraction of a turn in [-0.5, 0.5]. */
export const adjustHue = tensorize(hue.adjustHue);
/** bound - x. */
export const invert = tensorize(point.invert);
/** Invert pixels >= threshold. */
export const solarize = tensorize(point.solarize);
/** Keep the top bits. */
export const posterize = tensorize(point.posterize);
/** Histogram equalization per channel (Pillow's LUT). */
export const equalize = tensorize(hist.equalize);
/** Stretch each channel to [0, bound]. */
export const autocontrast = tensorize(hist.autocontrast);
/** Blend with a 3x3 smoothing (interior only). */
export const adjustSharpness = tensorize(sharp.adjustSharpness);
export { gaussianKernel1d } from "./blur.js";
/** Gaussian blur (odd kernel sizes, reflect padding). */
export const gaussianBlur = tensorize(blur.gaussianBlur);
