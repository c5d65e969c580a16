export * from "./types.js";
export { TO_FILL, TEMPLATE_MARK } from "./wording.js";
export { composeAnnualSummary, PART_HEADINGS } from "./compose.js";
export { summaryToText, splitForTelegram, TELEGRAM_LIMIT } from "./text.js";
export { summaryInputFromFacts, studyTagsOf, talkPersonTimesOf, type SummaryFactsInput } from "./fromFacts.js";
export { gapsFromReport, type SummaryGaps } from "./gaps.js";
