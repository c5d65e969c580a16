// Title, introduction and 五、存在的问题及下年工作思路: wording that states no fact of the year.
import type { ClosingPart } from "./types.js";
import { TEMPLATE_MARK } from "./wording.js";

export function summaryTitle(year: number, branchName: string): string {
  return `${year}年${branchName.trim()}党建工作总结`;
}

/** Boilerplate only: no figure, no claim that anything took place. */
export function summaryIntro(year: number, branchName: string): string {
  return (
    `${year}年，${branchName.trim()}坚持以习近平新时代中国特色社会主义思想为指引，坚持以政治建设为统领，` +
    "全面落实新时代党的建设总要求，增强“四个意识”、坚定“四个自信”、做到“两个维护”，强化管党治党政治责任，" +
    "不断强化党建引领，推动党建工作和业务工作融合发展。" +
    `现将${year}年党建工作开展情况总结如下：`
  );
}

/** Template paragraphs, marked for the secretary to rewrite. */
export function closingPart(nextYear: number): ClosingPart {
  return {
    heading: `五、存在的问题及${nextYear}年工作思路`,
    sections: [
      {
        heading: "（一）存在的问题",
        template: true,
        paragraphs: [
          `${TEMPLATE_MARK}一是理论学习还不够深入，能够按照上级要求组织学习，但系统学习、深入研讨还不够。` +
            "二是抓党建工作的创新意识还不够强，在“线”的延伸和“面”的拓展上做得还不够。" +
            "三是支部特色党建建设还有差距，对党建工作特色亮点提炼宣传不够，示范效应不够明显。",
        ],
      },
      {
        heading: `（二）${nextYear}年工作思路`,
        template: true,
        paragraphs: [
          `${TEMPLATE_MARK}一是在思想认识上下功夫，强化主体责任。推进党建与业务工作深度融合，把业务工作的难点作为党建工作的重点，进一步提高党组织的凝聚力、战斗力。` +
            "二是在作风建设上下功夫，强化工作落实。认真落实全面从严治党主体责任，深化反腐倡廉宣传教育，加强监督检查，确保各项制度落实到位。" +
            "三是在品牌创建上下功夫，拓宽工作思路。发挥党员示范带动作用，推进党支部标准化规范化建设，探索创新主题党日、党员教育培训、党员志愿服务等有效形式。",
        ],
      },
    ],
  };
}
