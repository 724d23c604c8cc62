// What `import ... from "deeprob-ts"` gives a notebook: the library plus the display channel.
export * from "../lib/index.js";
