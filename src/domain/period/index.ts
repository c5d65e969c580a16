export * from "./localDate.js";
export * from "./period.js";
export * from "./parse.js";
