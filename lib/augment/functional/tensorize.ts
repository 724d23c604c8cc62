// Lets every kernel take a Tensor as well as an Image: [H, W, C] or [C, H, W] (layout guessed as
// in lib/data, channels last when ambiguous), returning the same kind and layout it was given.
import { Tensor } from "../../tensor/tensor.js";
import { Image } from "../../data/image.js";
import { guessLayout, imageFromTensor, imageToTensor } from "../../data/tensor-image.js";

/** A kernel that accepts an Image or a 3-D image tensor and answers in kind. */
export interface ImageOrTensorKernel<A extends unknown[], R> {
  (img: Image, ...args: A): R;
  (img: Tensor, ...args: A): R extends Image[] ? Tensor[] : Tensor;
}

/**
 * Wraps an Image kernel so it also accepts tensors.
 * @example tensorize(horizontalFlip)(tensor3d) // a Tensor, same layout
 */
export function tensorize<A extends unknown[], R extends Image | Image[]>(kernel: (img: Image, ...args: A) => R): ImageOrTensorKernel<A, R> {
  const wrapped = (img: Image | Tensor, ...args: A): unknown => {
    if (!(img instanceof Tensor)) return kernel(img, ...args);
    const layout = guessLayout(img.shape, kernel.name || "kernel");
    const out = kernel(imageFromTensor(img, layout), ...args);
    return Array.isArray(out) ? out.map((o) => imageToTensor(o, layout)) : imageToTensor(out as Image, layout);
  };
  Object.defineProperty(wrapped, "name", { value: kernel.name });
  return wrapped as ImageOrTensorKernel<A, R>;
}
