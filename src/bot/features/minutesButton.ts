// The "📄 会议记录" button on a saved meeting's card (its handler is in meetingRecords.ts).
import { callbackCodec } from "../../callbacks/codec.js";

export const minutesButtons = callbackCodec("min", ["doc"] as const, ["branch", "id"] as const);
