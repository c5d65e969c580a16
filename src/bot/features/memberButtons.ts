// The /members buttons (member card, roles, 转正, removal), shared by the feature and its questions.
import { callbackCodec } from "../../callbacks/codec.js";

export const MEMBER_ACTIONS = [
  "open",
  "list",
  "committee",
  "t_org",
  "t_pub",
  "t_disc",
  "t_none",
  "leader",
  "member",
  "prob_on",
  "prob_off",
  "group",
  "remove",
  "remove_yes",
  "secretary",
  "secretary_yes",
  "rename",
  "cancel",
  "rm_transfer",
  "rm_retire",
  "rm_other",
] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];
export const memberButtons = callbackCodec("mem", MEMBER_ACTIONS, ["branch", "member"] as const);
