// Re-exports only (STYLE rule 11): the fitted preprocessors (matrix.ts helpers stay internal).
export { ZeroCenter, MeanImage, StandardScaler } from "./standardize.js";
export { PCA, ZCAWhitening, pcaWhitening } from "./pca.js";
export { ChannelNormalize, IMAGENET_CHANNEL_MEAN, IMAGENET_CHANNEL_STD, VGG_CHANNEL_MEAN_255 } from "./channel.js";
export { preprocessorFromJSON, type Preprocessor } from "./serialize.js";
