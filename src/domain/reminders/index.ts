// Reminder rule engine for the 主题党日 (pure: no I/O, the caller passes `now`).
export * from "./rule.js";
export * from "./calendar.js";
export * from "./themeDay.js";
export * from "./schedule.js";
export * from "./describe.js";
