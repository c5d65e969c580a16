// composeAnnualSummary: the 党建工作总结 draft, every figure taken from the input.
import { buildAppendix } from "./appendix.js";
import { closingPart, summaryIntro, summaryTitle } from "./closing.js";
import { businessPoints, integrityPoints } from "./partsBusinessIntegrity.js";
import { organisationPoints, politicalPoints } from "./partsPoliticalOrg.js";
import type { SummaryDocument, SummaryInput, SummaryPart } from "./types.js";
import { FigureBook, renderPoints, type Point } from "./wording.js";

export const PART_HEADINGS = [
  "一、加强政治建设，学习贯彻党的创新理论",
  "二、加强组织建设，落实组织生活制度",
  "三、推动党建与业务深度融合，发挥党建引领作用",
  "四、加强正风肃纪教育，落实党风廉政建设责任制",
] as const;

export function composeAnnualSummary(input: SummaryInput): SummaryDocument {
  const book = new FigureBook(input);
  const nextYear = input.nextYear ?? input.year + 1;
  const builders: ((b: FigureBook) => Point[])[] = [politicalPoints, organisationPoints, businessPoints, integrityPoints];
  let hasPlaceholders = false;
  const parts: SummaryPart[] = builders.map((build, i) => {
    const { paragraph, placeholders } = renderPoints(build(book));
    hasPlaceholders ||= placeholders;
    return { heading: PART_HEADINGS[i] ?? "", paragraphs: [paragraph] };
  });
  return {
    branchName: input.branchName.trim(),
    year: input.year,
    nextYear,
    title: summaryTitle(input.year, input.branchName),
    intro: summaryIntro(input.year, input.branchName),
    parts,
    closing: closingPart(nextYear, input.gaps, input.sums),
    figures: book.figures,
    appendix: buildAppendix(book.figures, input.records),
    hasPlaceholders,
  };
}
