// What `import ... from "deeprob-ts"` gives a notebook: the library plus the display channel.
export * from "../lib/index.js";
export { display, clearOutput, registerFormatter, type DisplayHandle, type DisplayOptions } from "./channel.js";
export { DISPLAY, type MimeBundle, type DisplayContent, type Displayable, type Formatter } from "./protocol.js";
