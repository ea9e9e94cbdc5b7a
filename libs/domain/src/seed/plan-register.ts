/**
 * Seed register: key projects (重点工程, 专栏1–9) and dated commitments of the
 * 《牡丹江市“十四五”生态环境保护规划》(牡政规〔2022〕4号, issued 2022-10-12). Every item, its source in
 * the plan, its kind and its department are listed with reasons in docs/plan-register.md.
 *
 * NO-INVENTION RULE
 * - Names, figures and dates are the plan's own. Codes (ZL<box>-<n>, DC-<n>) are ours.
 * - `leadDepartment` is set ONLY where the plan text names the body that does the work, and
 *   `leadDepartmentSource` cites the sentence. A place or an enterprise in an item's title is not a
 *   牵头单位: such items stay `null` (待交办) until the supervision office assigns them (交办).
 * - `cooperatingDepartments` is empty everywhere: the plan names no cooperating body for any item.
 * - `implementingUnit` is set only where the plan names an organisation carrying out the work.
 * - `plannedInvestmentWanYuan` is null everywhere: the plan states no investment for any project.
 * - Dates: only where the plan states one. A year alone means 12-31 of that year. The plan period
 *   (“十四五”时期 2021—2025年) is NOT used as a default start/end date.
 * - Milestones: commitments have exactly one (the commitment). Key projects have milestones only
 *   where the plan lists components or dated targets; otherwise one '完成建设' milestone whose
 *   baselineDue equals plannedEnd (null when the plan gives no date). A 表2 indicator is not a
 *   milestone: it is seeded as an indicator (./plan-indicators.ts) and linked to the projects the
 *   plan ties to it.
 * - Milestone `weight` is an integer percentage; the weights of a project sum to 100. Where a project
 *   has several milestones the split is equal – the plan gives no weighting.
 * - `planItemKind` follows the plan's wording (see PlanItemKind); `planItemKindReason` says why.
 */

import { DEPARTMENTS, type Department } from '../reference/departments';

export interface SeedMilestone {
  key: string;
  name: string;
  /** integer percentage; the weights of one project sum to 100 */
  weight: number;
  /** 'YYYY-MM-DD', or null if the plan gives no date */
  baselineDue: string | null;
  mandatory: boolean;
}

export type SeedCategory =
  'water' | 'air' | 'soil' | 'ecology' | 'risk' | 'rural' | 'climate' | 'capacity' | 'structure' | 'noise' | 'governance';

/** The kind decides the commands and the words: see key-project.kinds.ts. */
export { planItemKindLabels, type PlanItemKind } from '../key-project/key-project.kinds';
import type { PlanItemKind } from '../key-project/key-project.kinds';

export interface SeedKeyProject {
  /** e.g. 'ZL8-1', 'DC-04' */
  code: string;
  /** where the item is listed: a 专栏 entry or a dated commitment in the chapter text */
  kind: 'KEY_PROJECT' | 'COMMITMENT';
  /** 工程项目 / 工作任务 / 争取类, from the plan's wording */
  planItemKind: PlanItemKind;
  /** why that kind, in a sentence of the plan's words */
  planItemKindReason: string;
  /** the plan's own Chinese wording */
  name: string;
  /** 1–9, null for commitments / chapter-text projects */
  planBox: number | null;
  /** e.g. '专栏8 环境风险防控重点工程' */
  planBoxTitle: string | null;
  category: SeedCategory;
  /** a department id from SEED_DEPARTMENTS, only when the plan names the body doing the work; else null (待交办) */
  leadDepartment: string | null;
  /** the plan passage naming the lead department; null when leadDepartment is null */
  leadDepartmentSource: string | null;
  cooperatingDepartments: string[];
  /** as the plan names it, else null */
  implementingUnit: string | null;
  /** 'YYYY-MM-DD'; null if the plan states none */
  plannedStart: string | null;
  plannedEnd: string | null;
  /** only if the plan states it */
  plannedInvestmentWanYuan: number | null;
  /** 1–3 sentences quoted/condensed from the plan */
  description: string;
  /** where in the plan, box first, then the chapter passages: e.g. '专栏7；第三章 七（一）3' */
  source: string;
  milestones: SeedMilestone[];
}

/** Kept for the seeders: the reference departments (`DEPARTMENTS` in `@app/domain`). */
export type SeedDepartment = Department;
export const SEED_DEPARTMENTS: readonly Department[] = DEPARTMENTS;

const BOX_TITLES: Record<number, string> = {
  1: '专栏1 结构调整重大工程',
  2: '专栏2 应对气候变化重大工程',
  3: '专栏3 大气环境质量提升工程',
  4: '专栏4 水生态环境改善工程',
  5: '专栏5 土壤环境保护工程',
  6: '专栏6 农村人居环境质量提升工程',
  7: '专栏7 生态恢复与生态功能维护工程',
  8: '专栏8 环境风险防控重点工程',
  9: '专栏9 能力建设重点工程',
};

/** A single '完成建设' milestone due at plannedEnd (null when the plan gives no date). */
function completion(code: string, plannedEnd: string | null): SeedMilestone[] {
  return [{ key: `${code}-M1`, name: '完成建设', weight: 100, baselineDue: plannedEnd, mandatory: true }];
}

type ItemFields = Pick<SeedKeyProject, 'code' | 'name' | 'category' | 'planItemKind' | 'planItemKindReason' | 'description' | 'source'> &
  Partial<SeedKeyProject>;

/** A key project from a plan box (or, with planBox null, from the chapter text), unassigned unless `fields` says otherwise. */
function planProject(box: number | null, fields: ItemFields): SeedKeyProject {
  const plannedEnd = fields.plannedEnd ?? null;
  return {
    kind: 'KEY_PROJECT',
    planBox: box,
    planBoxTitle: box === null ? null : BOX_TITLES[box],
    leadDepartment: null,
    leadDepartmentSource: null,
    cooperatingDepartments: [],
    implementingUnit: null,
    plannedStart: null,
    plannedEnd,
    plannedInvestmentWanYuan: null,
    milestones: completion(fields.code, plannedEnd),
    ...fields,
  };
}

/** A dated commitment: exactly one mandatory milestone, the commitment itself. */
function commitment(due: string, fields: ItemFields): SeedKeyProject {
  return {
    kind: 'COMMITMENT',
    planBox: null,
    planBoxTitle: null,
    leadDepartment: null,
    leadDepartmentSource: null,
    cooperatingDepartments: [],
    implementingUnit: null,
    plannedStart: null,
    plannedEnd: due,
    plannedInvestmentWanYuan: null,
    milestones: [{ key: `${fields.code}-M1`, name: fields.name, weight: 100, baselineDue: due, mandatory: true }],
    ...fields,
  };
}

export const SEED_KEY_PROJECTS: SeedKeyProject[] = [
  planProject(1, {
    code: 'ZL1-1',
    name: '新能源高质量开发工程（风能、采煤沉陷区光伏基地、屋顶分布式光伏、牡丹江流域梯级水电）',
    category: 'structure',
    planItemKind: 'TASK',
    planItemKindReason: '专栏1（一）以“有序开发利用”“推进……开发”列出风能、光伏、水电四个方向，未指明单一设施，没有统一的验收对象。',
    description:
      '有序开发利用风力资源，提高风能利用效率；利用采煤沉陷区等建设光伏发电基地，利用大型公共建筑及公用设施、工业园区等屋顶发展分布式光伏发电；推进牡丹江流域梯级水电开发。',
    source: '专栏1（一）；第三章 一（三）2',
    // the box lists four components; no dates, so four undated milestones
    milestones: [
      { key: 'ZL1-1-M1', name: '有序开发利用风力资源，提高风能利用效率', weight: 25, baselineDue: null, mandatory: true },
      { key: 'ZL1-1-M2', name: '利用采煤沉陷区等建设光伏发电基地', weight: 25, baselineDue: null, mandatory: true },
      {
        key: 'ZL1-1-M3',
        name: '利用大型公共建筑及公用设施、工业园区等屋顶发展分布式光伏发电',
        weight: 25,
        baselineDue: null,
        mandatory: true,
      },
      { key: 'ZL1-1-M4', name: '推进牡丹江流域梯级水电开发', weight: 25, baselineDue: null, mandatory: true },
    ],
  }),
  planProject(1, {
    code: 'ZL1-2',
    name: '推动柴油机清洁化工程（重型柴油车国六、非道路移动柴油机械第四阶段）',
    category: 'structure',
    planItemKind: 'TASK',
    planItemKindReason: '原文为“全面实施”两项排放标准，属标准实施工作，没有工程实体。',
    description: '全面实施重型柴油车国六排放标准；全面实施非道路移动柴油机械第四阶段排放标准。',
    source: '专栏1（二）；第三章 一（四）1',
    milestones: [
      { key: 'ZL1-2-M1', name: '全面实施重型柴油车国六排放标准', weight: 50, baselineDue: null, mandatory: true },
      { key: 'ZL1-2-M2', name: '全面实施非道路移动柴油机械第四阶段排放标准', weight: 50, baselineDue: null, mandatory: true },
    ],
  }),

  planProject(2, {
    code: 'ZL2-1',
    name: '温室气体与污染物协同减排相关技术研发示范与推广',
    category: 'climate',
    planItemKind: 'TASK',
    planItemKindReason: '专栏2原文为“开展……技术研发示范与推广工作”。',
    description: '开展温室气体与污染物协同减排相关技术研发示范与推广工作；推动煤电行业有条件的企业开展全流程二氧化碳减排示范工程建设。',
    source: '专栏2（一）；第三章 二（二）1',
  }),
  planProject(2, {
    code: 'ZL2-2',
    name: '低碳产业园区建设示范',
    category: 'climate',
    planItemKind: 'TASK',
    planItemKindReason: '专栏2原文为“开展低碳产业园区建设示范工作”。',
    description: '开展低碳产业园区建设示范工作，发挥市场机制作用，按国家要求积极组织温室气体自愿减排交易项目申报。',
    source: '专栏2（二）；第三章 二（二）3',
  }),

  planProject(3, {
    code: 'ZL3-1',
    name: '城市建成区内10蒸吨/小时以上、35蒸吨/小时及以下燃煤锅炉淘汰改造项目',
    category: 'air',
    planItemKind: 'PROJECT',
    planItemKindReason: '专栏3列为“淘汰改造项目”，对象是建成区内规模限定的燃煤锅炉，可逐台施工、验收。',
    description: '加快淘汰建成区10—35蒸吨/小时燃煤锅炉；定期开展淘汰锅炉“回头看”工作，严防淘汰锅炉再次出现。',
    source: '专栏3（一）；第三章 三（一）3、一（三）1',
  }),
  planProject(3, {
    code: 'ZL3-2',
    name: '重点行业VOCs全过程综合整治工程',
    category: 'air',
    planItemKind: 'TASK',
    planItemKindReason: '第三章 三（二）2 原文为“持续开展……全过程综合整治工作”，是跨行业的持续整治，没有单一设施。',
    description:
      '持续开展石化、化工、包装印刷、工业涂装等重点行业VOCs全过程综合整治，推进含VOCs产品源头替代，按规定逐步取消非必要VOCs废气排放系统旁路；加强汽修、餐饮等行业VOCs综合治理。',
    source: '专栏3（二）；第三章 三（二）2',
  }),
  planProject(3, {
    code: 'ZL3-3',
    name: '刁翎镇宏运供热站脱硫脱硝改造',
    category: 'air',
    planItemKind: 'PROJECT',
    planItemKindReason: '具名设施（刁翎镇宏运供热站）的脱硫脱硝改造。',
    description: '对刁翎镇宏运供热站实施脱硫脱硝改造，确保燃煤供热锅炉废气达标排放。',
    source: '专栏3（三）；第三章 三（一）3',
  }),

  planProject(4, {
    code: 'ZL4-1',
    name: '镜泊湖水质改善与水生态修复工程',
    category: 'water',
    planItemKind: 'PROJECT',
    planItemKindReason: '专栏4以“工程”列出，对象是具名水体镜泊湖，含水生态修复施工内容。',
    description:
      '按照《镜泊湖流域（牡丹江市）综合治理方案》要求，持续推进镜泊湖污染治理工作，改善镜泊湖水质（“十三五”期间镜泊湖属中营养状态）并修复水生态。',
    source: '专栏4；第三章 四（四）3',
  }),
  planProject(4, {
    code: 'ZL4-2',
    name: '镜泊湖湖滨带大型水生植物恢复工程',
    category: 'water',
    planItemKind: 'PROJECT',
    planItemKindReason: '第三章 四（三）3 原文为“实施镜泊湖湖滨带大型水生植物恢复工程”，对象是具名湖滨带。',
    description: '在镜泊湖湖滨带实施大型水生植物恢复，作为推进自然湿地修复和综合整治、加强水生态保护修复的措施。',
    source: '专栏4；第三章 四（三）3',
  }),
  // 专栏4 ends with “等”; the chapter text names this project next to ZL4-2.
  planProject(null, {
    code: 'ZL4-3',
    name: '镜泊湖入湖河流尔站河水质改善及河滨带生态修复工程',
    category: 'water',
    planItemKind: 'PROJECT',
    planItemKindReason: '第三章 四（三）3 原文为“实施……尔站河水质改善及河滨带生态修复工程”，对象是具名河流。',
    description: '改善镜泊湖入湖河流尔站河水质，修复河滨带生态，作为加强水生态保护修复、推进自然湿地修复和综合整治的措施。',
    source: '第三章 四（三）3',
  }),

  planProject(5, {
    code: 'ZL5-1',
    name: '土壤污染治理',
    category: 'soil',
    planItemKind: 'TASK',
    planItemKindReason: '第三章 五（三）2 原文为“有序推进规划项目实施，全面整治……土壤污染源”，是对一批项目的统筹推进。',
    description:
      '按照省、市土壤污染治理与修复规划要求，全面整治受污染农用地、污染地块、非正规垃圾填埋场、涉重金属企业等土壤污染源，强化治理与修复工程监管。',
    source: '专栏5；第三章 五（三）2',
  }),
  planProject(5, {
    code: 'ZL5-2',
    name: '设施基地土壤盐碱化治理',
    category: 'soil',
    planItemKind: 'PROJECT',
    planItemKindReason: '专栏5（土壤环境保护工程）所列治理工程，对象是设施基地的土壤；规划未载明地点和规模，交办时确定。',
    description: '对设施基地开展土壤盐碱化治理（专栏5仅列项目名称，未载明规模、地点和时限）。',
    source: '专栏5',
  }),
  planProject(5, {
    code: 'ZL5-3',
    name: '侵蚀沟治理',
    category: 'soil',
    planItemKind: 'PROJECT',
    planItemKindReason: '专栏5所列治理工程，侵蚀沟治理是工程措施；规划未载明地点和规模，交办时确定。',
    description: '开展侵蚀沟治理（专栏5属第三章五“保护黑土地，维护土壤环境安全”，仅列项目名称，未载明规模、地点和时限）。',
    source: '专栏5',
  }),

  planProject(6, {
    code: 'ZL6-1',
    name: '国控清单农村黑臭水体治理工程',
    category: 'rural',
    planItemKind: 'TASK',
    planItemKindReason: '以“国控清单农村黑臭水体治理率达到60%”考核的清单式整治（第三章 六（三）2），涉及多个水体，没有单一验收对象。',
    description:
      '更新完善农村黑臭水体清单，推进动态监管，因河（塘、沟、渠）施策、分区分类、标本兼治；到2025年，国控清单农村黑臭水体治理率达到60%。',
    source: '专栏6（一）；第三章 六（三）2',
    plannedEnd: '2025-12-31',
    milestones: [{ key: 'ZL6-1-M1', name: '国控清单农村黑臭水体治理率达到60%', weight: 100, baselineDue: '2025-12-31', mandatory: true }],
  }),
  planProject(6, {
    code: 'ZL6-2',
    name: '农村环境综合整治（行政村农村生活污水治理达标排放或综合利用）',
    category: 'rural',
    planItemKind: 'TASK',
    planItemKindReason: '以“完成省定目标数量行政村环境综合整治”考核（第三章 六（三）5），涉及多个行政村，没有单一验收对象。',
    description:
      '行政村农村生活污水治理达标排放或综合利用，县域农村生活污水治理专项规划实施全覆盖；到2025年，完成省定目标数量行政村环境综合整治。本项工作支撑表2指标11“农村生活污水治理率”。',
    source: '专栏6（二）；第三章 六（三）1、六（三）5',
    plannedEnd: '2025-12-31',
    milestones: [{ key: 'ZL6-2-M1', name: '完成省定目标数量行政村环境综合整治', weight: 100, baselineDue: '2025-12-31', mandatory: true }],
  }),

  planProject(7, {
    code: 'ZL7-1',
    name: '牡丹江市拉古废弃矿山破损山体生态修复工程',
    category: 'ecology',
    planItemKind: 'PROJECT',
    planItemKindReason: '具名场地（拉古废弃矿山）的生态修复工程。',
    description: '对拉古废弃矿山破损山体实施生态修复（专栏7两处列出本工程），治理历史遗留矿山地质环境问题。',
    source: '专栏7；第一章 二（四）',
  }),
  planProject(7, {
    code: 'ZL7-2',
    name: '牡丹江市张广才岭老爷岭生态系统综合治理项目',
    category: 'ecology',
    planItemKind: 'PROJECT',
    planItemKindReason: '专栏7以“项目”列出，对象是具名区域（张广才岭、老爷岭）的生态系统综合治理。',
    description: '对张广才岭、老爷岭生态系统开展综合治理，统筹山水林田湖草沙冰系统治理，提升生态系统质量和功能。',
    source: '专栏7；第三章 七（一）2',
  }),
  planProject(7, {
    code: 'ZL7-3',
    name: '黑龙江绥阳林业局有限公司东北虎豹国家公园配套基础设施、科普宣教设施、保护管理设施建设工程',
    category: 'ecology',
    planItemKind: 'PROJECT',
    planItemKindReason: '设施建设工程（配套基础设施、科普宣教设施、保护管理设施）。',
    description: '建设东北虎豹国家公园配套基础设施、科普宣教设施和保护管理设施，支撑东北虎豹国家公园生态廊道建设以及重要栖息地恢复和修复。',
    source: '专栏7；第三章 七（一）3',
    // The company is named as the project's owner, i.e. who builds it; the city department that
    // answers for it is set by 交办.
    implementingUnit: '黑龙江绥阳林业局有限公司',
  }),
  planProject(7, {
    code: 'ZL7-4',
    name: '宁安市镜泊湖自然保护区及国道两侧历史遗留矿山生态修复项目',
    category: 'ecology',
    planItemKind: 'PROJECT',
    planItemKindReason: '具名场地（镜泊湖自然保护区及国道两侧的历史遗留矿山）的生态修复项目。',
    description: '对宁安市镜泊湖自然保护区内及国道两侧的历史遗留矿山实施生态修复。',
    source: '专栏7',
  }),

  planProject(8, {
    code: 'ZL8-1',
    name: '郭家沟生活垃圾处理场二期填埋库区封场治理暨飞灰处置项目',
    category: 'risk',
    planItemKind: 'PROJECT',
    planItemKindReason: '具名设施（郭家沟生活垃圾处理场二期填埋库区）的封场治理和飞灰处置项目。',
    description: '对郭家沟生活垃圾处理场二期填埋库区实施封场治理，并建设飞灰处置设施。',
    source: '专栏8',
  }),
  planProject(8, {
    code: 'ZL8-2',
    name: '牡丹江市辖乡镇生活垃圾收运系统建设工程',
    category: 'risk',
    planItemKind: 'PROJECT',
    planItemKindReason: '专栏8原文为“收运系统建设工程”。',
    description: '建设牡丹江市辖乡镇生活垃圾收运系统，加快建立农村垃圾“分类投放、分类收集、分类运输、分类处理”收集处置体系。',
    source: '专栏8；第三章 六（三）3',
  }),
  planProject(8, {
    code: 'ZL8-3',
    name: '绥芬河市医疗废物处置项目',
    category: 'risk',
    planItemKind: 'PROJECT',
    planItemKindReason: '专栏8所列处置设施项目。',
    description: '在绥芬河市建设医疗废物处置项目，健全危险废物收运体系。',
    source: '专栏8；第三章 八（一）1',
  }),

  planProject(9, {
    code: 'ZL9-1',
    name: '东安区河流全面布点、联网、自动预警数字化平台建设（“环保+物联网”）',
    category: 'capacity',
    planItemKind: 'PROJECT',
    planItemKindReason: '专栏9原文为“数字化平台建设”，建成后可验收。',
    description: '基于“环保+物联网”和大数据的理念，对东安区河流进行全面布点、联网、自动预警为依据的数字化平台建设。',
    source: '专栏9；第三章 九（六）',
  }),

  commitment('2022-12-31', {
    code: 'DC-01',
    name: '荒沟抽水蓄能电站4台机组建成投产',
    category: 'structure',
    planItemKind: 'STRIVE',
    planItemKindReason: '原文为“争取荒沟抽水蓄能电站4台机组于2022年建成投产”。',
    description: '加快水电项目建设，争取荒沟抽水蓄能电站4台机组于2022年建成投产。',
    source: '第三章 一（三）2',
  }),
  commitment('2022-12-31', {
    code: 'DC-02',
    name: '编制并发布《宁安市创建国家生态文明建设示范市规划》',
    category: 'ecology',
    planItemKind: 'TASK',
    planItemKindReason: '原文为“2022年编制……规划并发布实施”，编制和发布规划属工作任务。',
    description: '选择基础条件比较好的宁安市先行先试，2022年编制《宁安市创建国家生态文明建设示范市规划》并发布实施。',
    source: '第三章 七（三）5',
    leadDepartment: 'ning-an-city',
    leadDepartmentSource: '第三章 七（三）5：“选择基础条件比较好的宁安市先行先试，进行创建工作”',
  }),
  commitment('2025-12-31', {
    code: 'DC-03',
    name: '宁安市创建国家生态文明建设示范市成功',
    category: 'ecology',
    planItemKind: 'STRIVE',
    planItemKindReason: '原文为“争取2025年创建成功”。',
    description: '深入推进国家生态文明建设示范县（市）创建工作，宁安市先行先试，争取2025年创建成功。',
    source: '第三章 七（三）5',
    leadDepartment: 'ning-an-city',
    leadDepartmentSource: '第三章 七（三）5：“选择基础条件比较好的宁安市先行先试，进行创建工作”',
  }),
  commitment('2022-12-31', {
    code: 'DC-04',
    name: '完成移动执法系统建设和应用全覆盖',
    category: 'capacity',
    planItemKind: 'TASK',
    planItemKindReason: '原文为“各县（市）区……完成移动执法系统建设和应用全覆盖”，是覆盖各县（市）区的能力建设任务，没有单一设施。',
    description:
      '各县（市）区加强环境执法能力建设，配备必需的执法装备和取证手段，2022年底前完成移动执法系统建设和应用全覆盖（规划以“各县（市）区”为责任主体，未指定单一牵头单位）。',
    source: '第三章 九（五）3',
  }),
  commitment('2025-12-31', {
    code: 'DC-05',
    name: '镜泊湖5A级景区内实现环境空气质量自动连续监测',
    category: 'capacity',
    planItemKind: 'TASK',
    planItemKindReason: '原文为“实现环境空气质量自动连续监测”，规定应达到的监测能力，未规定建设内容。',
    description: '强化监测能力建设，到2025年在镜泊湖5A级景区内实现环境空气质量自动连续监测。',
    source: '第三章 九（五）4',
  }),
  commitment('2025-12-31', {
    code: 'DC-06',
    name: '市区全面实现功能区声环境质量自动监测',
    category: 'noise',
    planItemKind: 'TASK',
    planItemKindReason: '原文为“全面实现功能区声环境质量自动监测”，规定应达到的监测覆盖，未规定建设内容。',
    description: '市区在声环境功能区安装噪声自动监测系统，到2025年全面实现功能区声环境质量自动监测，声环境功能区夜间达标率达到国家要求。',
    source: '第三章 三（五）',
  }),
  commitment('2025-12-31', {
    code: 'DC-07',
    name: '内河整治：河面无大面积漂浮物、河岸无垃圾、无违法排污口',
    category: 'water',
    planItemKind: 'TASK',
    planItemKindReason: '六条内河的整治，以“河面无大面积漂浮物、河岸无垃圾、无违法排污口”为完成标准，没有单一设施。',
    description:
      '加强北安河、金龙溪、银龙溪、青龙溪、兴隆河、东村河等内河整治，2025年底前实现河面无大面积漂浮物、河岸无垃圾、无违法排污口。',
    source: '第三章 四（四）3',
  }),
  commitment('2025-12-31', {
    code: 'DC-08',
    name: '全部淘汰使用汞或汞化合物的氯碱生产工艺',
    category: 'risk',
    planItemKind: 'TASK',
    planItemKindReason: '原文为“全部淘汰……氯碱生产工艺”，属淘汰类工作。',
    description: '做好化学品环境国际公约省内履约工作，到2025年全部淘汰使用汞或汞化合物的氯碱生产工艺。',
    source: '第三章 八（一）2',
  }),
  commitment('2023-12-31', {
    code: 'DC-09',
    name: '规划实施中期评估（第三方）',
    category: 'governance',
    planItemKind: 'TASK',
    planItemKindReason: '评估工作（“组织第三方评估机构……进行中期评估”）。',
    description: '2023年底组织第三方评估机构对规划实施情况进行中期评估，评估结果向市政府报告，并作为对地方党委、政府政绩考核的重要内容。',
    source: '第四章 一',
    implementingUnit: '第三方评估机构',
  }),
  commitment('2025-12-31', {
    code: 'DC-10',
    name: '规划实施终期考核（第三方）',
    category: 'governance',
    planItemKind: 'TASK',
    planItemKindReason: '考核工作（“组织第三方评估机构……进行……终期考核”）。',
    description: '2025年底组织第三方评估机构对规划实施情况进行终期考核，考核结果向市政府报告，并作为对地方党委、政府政绩考核的重要内容。',
    source: '第四章 一',
    implementingUnit: '第三方评估机构',
  }),
];
