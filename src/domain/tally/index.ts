export * from "./types.js";
export * from "./tally.js";
export * from "./format.js";
