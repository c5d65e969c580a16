export * from "./period.js";
export * from "./parse.js";
