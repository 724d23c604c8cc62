// What `import ... from "deeprob-ts"` gives a notebook: the library plus the display channel.
import { plot } from "../lib/index.js";
import { display, registerFormatter } from "./channel.js";

export * from "../lib/index.js";
export { display, clearOutput, registerFormatter, type DisplayHandle, type DisplayOptions } from "./channel.js";
export { DISPLAY, type MimeBundle, type DisplayContent, type Displayable, type Formatter } from "./protocol.js";

// lib/display teaches the kernel to draw Tensors, gradient checks and training histories
// (IPython's display_formatter.for_type); lib never imports kernel-ext, so the wiring is here.
type Wire = (register: typeof registerFormatter, show: typeof display) => void;
const wire = (plot as unknown as { registerFormatters?: Wire }).registerFormatters;
if (typeof wire === "function") wire(registerFormatter, display);
