export * from "./settings.js";
export * from "./talks.js";
export * from "./types.js";
export * from "./check.js";
export * from "./render.js";
export * from "./fromFacts.js";
