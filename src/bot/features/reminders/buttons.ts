// Callback data of the reminder settings panel and of the scheduler's follow-up message.
import { callbackCodec } from "../../../callbacks/codec.js";

export const SETTINGS_ACTIONS = [
  "home", "done", "toggle", "nudge",
  "pattern", "dom_pick", "dom", "nth_pick", "wd_pick", "nth", "last",
  "hol_pick", "hol", "off_pick", "off", "time_pick", "time", "tgt_pick", "tgt", "fu_pick", "fu",
  "theme", "theme_clear",
] as const;
export type SettingsAction = (typeof SETTINGS_ACTIONS)[number];

/** `rem:<action>:<branch>:<a>:<b>`: a and b are the choice (an index, a day, a weekday…), 0 when unused. */
export const settingsButtons = callbackCodec("rem", SETTINGS_ACTIONS, ["branch", "a", "b"] as const);

export function settingsButton(action: SettingsAction, branch: number, a = 0, b = 0): string {
  return settingsButtons.pack({ action, branch, a, b });
}
