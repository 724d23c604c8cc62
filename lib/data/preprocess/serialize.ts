// One entry point to restore any saved preprocessor: preprocessorFromJSON(JSON.parse(text)).
import { ZeroCenter, MeanImage, StandardScaler } from "./standardize.js";
import { PCA, ZCAWhitening } from "./pca.js";
import { ChannelNormalize } from "./channel.js";

export type Preprocessor = ZeroCenter | MeanImage | StandardScaler | PCA | ZCAWhitening | ChannelNormalize;

/**
 * Rebuilds a fitted preprocessor from its toJSON() (or the JSON string).
 * @example preprocessorFromJSON(JSON.stringify(pca)).transform(Xtest)
 */
export function preprocessorFromJSON(json: string | { type?: string }): Preprocessor {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- shape checked by each fromJSON
  const j = (typeof json === "string" ? JSON.parse(json) : json) as any;
  switch (j?.type) {
    case "ZeroCenter": return ZeroCenter.fromJSON(j);
    case "MeanImage": return MeanImage.fromJSON(j);
    case "StandardScaler": return StandardScaler.fromJSON(j);
    case "PCA": return PCA.fromJSON(j);
    case "ZCAWhitening": return ZCAWhitening.fromJSON(j);
    case "ChannelNormalize": return ChannelNormalize.fromJSON(j);
    default: throw new TypeError(`preprocessorFromJSON: unknown type ${JSON.stringify(j?.type)}; expected ZeroCenter, MeanImage, StandardScaler, PCA, ZCAWhitening or ChannelNormalize`);
  }
}
