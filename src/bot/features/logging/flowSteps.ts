// The guided logging flow's steps as one table: each step's prompt and what it does with an answer.
// Pure functions of the flow's plain state; the conversation (flow.ts) shows prompts and saves.
import type { InlineKeyboard } from "grammy";
import type { LocalDate } from "../../../domain/activity.js";
import { describeCard, fieldsOfDraft } from "../../../domain/describe.js";
import type { Lang } from "../../../domain/lang.js";
import { ACTIVITY_KINDS } from "../../../domain/kinds.js";
import { addDays } from "../../../domain/calendar/index.js";
import { kindFromLabel } from "../../../domain/parse/kinds.js";
import { parseChineseDate, parseHeadcount } from "../../../domain/parse/index.js";
import type { ActivityDraft } from "../../../domain/parse/types.js";
import type { Translate } from "./cards.js";
import {
  dateKeyboard, EDITABLE_FIELDS, kindKeyboard, peopleKeyboard, reviewKeyboard, skipKeyboard, type EditableField, type FlowAction,
} from "./flowUi.js";
import type { DraftExtras } from "./service.js";
import { hasMinutes, parseVoteText } from "../../../domain/minutes/index.js";

export type Step = "kind" | "date" | "title" | "people" | "review" | `field:${EditableField}`;
export type Input = { kind: "button"; action: FlowAction; n: number } | { kind: "text"; text: string };

/** What a step's handler decides: the step is answered, stays (with a notice), or opens another step. */
export type Outcome = { to: "done" } | { to: "stay"; notice?: string } | { to: Step };

export interface FlowState {
  draft: ActivityDraft;
  extras: DraftExtras;
  members: { id: number; name: string }[];
  lang: Lang;
  t: Translate;
  today: LocalDate;
  now: Date;
  timeZone: string;
  editing: boolean;
  /** Whether a back button makes sense here (not on the first step). */
  canGoBack: boolean;
}

interface StepDef {
  prompt(s: FlowState): { text: string; keyboard: InlineKeyboard };
  handle(s: FlowState, input: Input): Outcome;
}

type TextField = "title" | "location" | "host" | "recorder" | "speaker" | "notes";
const stay = (notice?: string): Outcome => (notice === undefined ? { to: "stay" } : { to: "stay", notice });

function participantNames(s: FlowState): string[] {
  return s.extras.attendeeIds.map((id) => s.members.find((m) => m.id === id)?.name).filter((n): n is string => n !== undefined);
}

/** The review card: every field that will be saved, 备注 and participants included. */
export function reviewText(s: FlowState): string {
  const card = describeCard(fieldsOfDraft(s.draft, { notes: s.extras.notes, participants: participantNames(s), ...(s.extras.minutes ? { minutes: s.extras.minutes } : {}) }), s.lang);
  return `${s.t(s.editing ? "log-review-edit" : "log-review")}\n${card}\n\n${s.t("log-review-hint")}`;
}

function kindStep(multi: boolean): StepDef {
  return {
    prompt: (s) => ({ text: s.t(multi ? "log-ask-kinds" : "log-ask-kind"), keyboard: kindKeyboard(s.lang, s.t, multi ? s.draft.kinds : null, s.canGoBack) }),
    handle(s, input) {
      if (input.kind === "button" && (input.action === "kind" || input.action === "ktoggle")) {
        const kind = ACTIVITY_KINDS[input.n];
        if (!kind) return stay();
        if (input.action === "kind") {
          s.draft.kinds = [kind];
          return { to: "done" };
        }
        s.draft.kinds = s.draft.kinds.includes(kind) ? s.draft.kinds.filter((k) => k !== kind) : [...s.draft.kinds, kind];
        return stay();
      }
      if (input.kind === "button" && input.action === "kdone") return s.draft.kinds.length ? { to: "done" } : stay(s.t("log-need-kind"));
      if (input.kind !== "text") return stay();
      const kind = kindFromLabel(input.text);
      if (!kind) return stay(s.t("log-kind-not-understood", { text: input.text.slice(0, 30) }));
      s.draft.kinds = multi ? [...new Set([...s.draft.kinds, kind])] : [kind];
      return multi ? stay() : { to: "done" };
    },
  };
}

const dateStep: StepDef = {
  prompt: (s) => ({ text: s.t("log-ask-date"), keyboard: dateKeyboard(s.t, s.canGoBack) }),
  handle(s, input) {
    if (input.kind === "button" && input.action === "date") {
      s.draft.date = addDays(s.today, -input.n);
      return { to: "done" };
    }
    if (input.kind !== "text") return stay();
    const parsed = parseChineseDate(input.text, { now: s.now, timeZone: s.timeZone });
    if ("code" in parsed) return stay(s.t(`log-problem-${parsed.code}`, { text: parsed.text ?? input.text }));
    s.draft.date = parsed;
    return { to: "done" };
  },
};

/** 人数: starts from what is stored (应到/实到, ticked people); ticking never lowers a stated 实到. */
const peopleStep: StepDef = {
  prompt(s) {
    const d = s.draft;
    const now = s.t("log-people-now", {
      expected: d.expectedCount ?? "—", present: d.presentCount ?? "—", ticked: s.extras.attendeeIds.length,
    });
    return { text: `${s.t("log-ask-people")}\n${now}`, keyboard: peopleKeyboard(s.t, s.members, s.extras.attendeeIds, s.canGoBack) };
  },
  handle(s, input) {
    if (input.kind === "button") {
      const ids = s.extras.attendeeIds;
      if (input.action === "member" && s.members.some((m) => m.id === input.n)) {
        s.extras.attendeeIds = ids.includes(input.n) ? ids.filter((id) => id !== input.n) : [...ids, input.n];
      } else if (input.action === "all") {
        s.extras.attendeeIds = ids.length === s.members.length ? [] : s.members.map((m) => m.id);
      } else if (input.action === "done") {
        s.draft.presentCount = Math.max(s.draft.presentCount ?? 0, s.extras.attendeeIds.length);
        return { to: "done" };
      } else if (input.action === "skip") return { to: "done" };
      return stay();
    }
    const count = parseHeadcount(input.text);
    if (!count) return stay(s.t("log-count-not-understood"));
    if (count.expected !== null) s.draft.expectedCount = count.expected;
    if (count.present !== null) s.draft.presentCount = count.present;
    return { to: "done" };
  },
};

function textStep(field: TextField | "hours"): StepDef {
  return {
    prompt: (s) => ({ text: s.t(`log-ask-${field}`), keyboard: skipKeyboard(s.t, s.canGoBack) }),
    handle(s, input) {
      if (input.kind === "button") return input.action === "skip" ? { to: "done" } : stay();
      const value = input.text.trim().slice(0, 200) || null;
      if (field === "hours") {
        const hours = Number(value?.replace(/(个)?(小时|学时|课时|h)$/i, "").trim());
        if (!Number.isFinite(hours) || hours <= 0 || hours > 24) return stay(s.t("log-hours-not-understood"));
        s.draft.durationHours = hours;
      } else if (field === "notes") s.extras.notes = value;
      else s.draft[field] = value;
      return { to: "done" };
    },
  };
}

/** 列席 and 决议 (会议记录 fields), kept with the flow's extras. */
function minutesTextStep(field: "observers" | "resolutions"): StepDef {
  return {
    prompt: (s) => ({ text: s.t(`log-ask-${field}`), keyboard: skipKeyboard(s.t, s.canGoBack) }),
    handle(s, input) {
      if (input.kind === "button") return input.action === "skip" ? { to: "done" } : stay();
      s.extras.minutes = { ...s.extras.minutes, [field]: input.text.trim().slice(0, 1000) || null };
      return { to: "done" };
    },
  };
}

/** 表决结果: "赞成12票，反对0票，弃权1票", "选举 …" or "未表决". */
const voteStep: StepDef = {
  prompt: (s) => ({ text: s.t("log-ask-vote"), keyboard: skipKeyboard(s.t, s.canGoBack) }),
  handle(s, input) {
    if (input.kind === "button") return input.action === "skip" ? { to: "done" } : stay();
    const vote = parseVoteText(input.text);
    if (!vote) return stay(s.t("log-vote-not-understood"));
    s.extras.minutes = { ...s.extras.minutes, vote };
    return { to: "done" };
  },
};

const reviewStep: StepDef = {
  prompt: (s) => ({ text: reviewText(s), keyboard: reviewKeyboard(s.t, s.editing, hasMinutes(s.draft.kinds)) }),
  handle(s, input) {
    if (input.kind === "button" && input.action === "field") return { to: `field:${EDITABLE_FIELDS[input.n] ?? "title"}` };
    return stay(input.kind === "text" ? s.t("log-review-use-buttons") : undefined);
  },
};

const STEPS: Record<"kind" | "kinds" | "date" | "people" | "review" | TextField | "hours" | "observers" | "resolutions" | "vote", StepDef> = {
  observers: minutesTextStep("observers"),
  resolutions: minutesTextStep("resolutions"),
  vote: voteStep,
  kind: kindStep(false),
  kinds: kindStep(true),
  date: dateStep,
  people: peopleStep,
  review: reviewStep,
  title: textStep("title"),
  location: textStep("location"),
  host: textStep("host"),
  recorder: textStep("recorder"),
  speaker: textStep("speaker"),
  notes: textStep("notes"),
  hours: textStep("hours"),
};

/** The table entry of a step (an edit of one field uses the same entry as the guided step). */
export function stepDef(step: Step): StepDef {
  if (!step.startsWith("field:")) return STEPS[step as "kind" | "date" | "title" | "people" | "review"];
  const field = step.slice(6) as EditableField;
  return STEPS[field === "kinds" ? "kinds" : field];
}
