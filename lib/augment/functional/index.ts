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

/** Mirror left-right (see flip.ts). @example hflip(img) // or a [H, W, C] / [C, H, W] tensor */
export const horizontalFlip = tensorize(flip.horizontalFlip);
export const hflip = horizontalFlip;
/** Mirror top-bottom. @example vflip(img) */
export const verticalFlip = tensorize(flip.verticalFlip);
export const vflip = verticalFlip;
/** Window (top, left, height, width), zero outside. @example crop(img, 10, 20, 64, 64).shape // [64, 64, 3] */
export const crop = tensorize(cropK.crop);
/** Central window (Python rounding), as torchvision's center_crop. @example centerCrop(img, 224).shape // [224, 224, 3] */
export const centerCrop = tensorize(cropK.centerCrop);
/** [tl, tr, bl, br, center]. @example fiveCrop(img, 224).length // 5 */
export const fiveCrop = tensorize(cropK.fiveCrop);
/** fiveCrop of the image and of its mirror. @example tenCrop(img, 224).length // 10 */
export const tenCrop = tensorize(cropK.tenCrop);
/** Padding: constant / edge / reflect / symmetric. @example pad(img, 4, { paddingMode: "reflect" }).shape // [h + 8, w + 8, 3] */
export const pad = tensorize(padK.pad);
/** Antialiased bilinear (or nearest) resize; a number sets the smaller edge. @example resize(sampleImage("chelsea"), 256).shape // [256, 384, 3] */
export const resize = tensorize(resizeK.resize);
/** Crop then resize. @example resizedCrop(img, 0, 0, 100, 100, 32).shape // [32, 32, 3] */
export const resizedCrop = tensorize(resizeK.resizedCrop);
/** Rotation (clockwise degrees), translation, scale, shear about the center. @example affine(img, { angle: 15, translate: [4, 0], scale: 1.1, shear: [5, 0], interpolation: "bilinear" }) */
export const affine = tensorize(affineK.affine);
/** Counter-clockwise rotation, optionally expanding the canvas. @example rotate(img, 90) // counter-clockwise quarter turn */
export const rotate = tensorize(affineK.rotate);
/** 0.2989 R + 0.587 G + 0.114 B, 1 or 3 channels. @example rgbToGrayscale(img, 3).channels // 3 */
export const rgbToGrayscale = tensorize(color.rgbToGrayscale);
/** x * factor, clamped. @example adjustBrightness(img, 1.5) */
export const adjustBrightness = tensorize(color.adjustBrightness);
/** Blend with the mean gray. @example adjustContrast(img, 0.5) */
export const adjustContrast = tensorize(color.adjustContrast);
/** Blend with the per-pixel gray. @example adjustSaturation(img, 0) // grayscale, 3 channels */
export const adjustSaturation = tensorize(color.adjustSaturation);
/** Hue rotation by a fraction of a turn in [-0.5, 0.5]. @example adjustHue(img, 1 / 3) // red -> green */
export const adjustHue = tensorize(hue.adjustHue);
/** bound - x. @example invert(img) */
export const invert = tensorize(point.invert);
/** Invert pixels >= threshold. @example solarize(img, 128) */
export const solarize = tensorize(point.solarize);
/** Keep the top bits. @example posterize(img, 2) // 4 levels per channel */
export const posterize = tensorize(point.posterize);
/** Histogram equalization per channel (Pillow's LUT). @example equalize(img) */
export const equalize = tensorize(hist.equalize);
/** Stretch each channel to [0, bound]. @example autocontrast(img) */
export const autocontrast = tensorize(hist.autocontrast);
/** Blend with a 3x3 smoothing (interior only). @example adjustSharpness(img, 2) */
export const adjustSharpness = tensorize(sharp.adjustSharpness);
export { gaussianKernel1d } from "./blur.js";
/** Gaussian blur (odd kernel sizes, reflect padding). @example gaussianBlur(img, 5, 1.5) */
export const gaussianBlur = tensorize(blur.gaussianBlur);
