/**
 * Seed register: key projects (重点工程, 专栏1–9) and dated commitments of the
 * 《牡丹江市“十四五”生态环境保护规划》(牡政规〔2022〕4号, issued 2022-10-12).
 * Source: the plan text as published by the city government; codes and sources per entry (`sourceRef`).
 *
 * NO-INVENTION RULE
 * - Names, figures and dates are the plan's own. Codes (ZL<box>-<n>, DC-<n>) are ours.
 * - `leadDepartment` is set ONLY where the plan text itself names or clearly implies the
 *   responsible body: a county-level city/district named in the project (宁安市, 绥芬河市, 东安区),
 *   the town 刁翎镇 (a town of 林口县, so territorial responsibility lies with 林口县), or an
 *   enterprise named as the project owner (黑龙江绥阳林业局有限公司). Everything else is `null`
 *   ("unassigned") – the supervision office assigns it later through a recorded event.
 * - `cooperatingDepartments` is empty everywhere: the plan names no cooperating body for any project.
 * - `implementingUnit` is set only where the plan names an organisation carrying out the work.
 * - `plannedInvestmentWanYuan` is null everywhere: the plan states no investment for any project.
 * - Dates: only where the plan states one. A year alone means 12-31 of that year. The plan period
 *   (“十四五”时期 2021—2025年) is NOT used as a default start/end date.
 * - Milestones: commitments have exactly one (the commitment). Key projects have milestones only
 *   where the plan lists components or dated targets; otherwise one '完成建设' milestone whose
 *   baselineDue equals plannedEnd (null when the plan gives no date).
 * - Milestone `weight` is an integer percentage; the weights of a project sum to 100. Where a project
 *   has several milestones the split is equal – the plan gives no weighting.
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

export interface SeedKeyProject {
  /** e.g. 'ZL8-1', 'DC-04' */
  code: string;
  kind: 'KEY_PROJECT' | 'COMMITMENT';
  /** the plan's own Chinese wording */
  name: string;
  /** 1–9, null for commitments / chapter-text projects */
  planBox: number | null;
  /** e.g. '专栏8 环境风险防控重点工程' */
  planBoxTitle: string | null;
  category: SeedCategory;
  /** a department id from SEED_DEPARTMENTS, only when the plan names/implies the body; else null */
  leadDepartment: string | null;
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
  /** where in the plan, e.g. '专栏8' or '第三章 四(三)3' */
  sourceRef: string;
  milestones: SeedMilestone[];
}

/** Kept for the seeders: the reference departments (`DEPARTMENTS` in `@app/domain`). */
export type SeedDepartment = Department;
export const SEED_DEPARTMENTS: readonly Department[] = DEPARTMENTS;

// ---------------------------------------------------------------------------
// Key projects and commitments
// ---------------------------------------------------------------------------

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

/** A key project from a plan box with no plan-stated department, unit, date or investment. */
function boxProject(
  code: string,
  box: number,
  name: string,
  category: SeedCategory,
  description: string,
  sourceRef: string,
  extra: Partial<SeedKeyProject> = {},
): SeedKeyProject {
  const plannedEnd = extra.plannedEnd ?? null;
  return {
    code,
    kind: 'KEY_PROJECT',
    name,
    planBox: box,
    planBoxTitle: BOX_TITLES[box] ?? null,
    category,
    leadDepartment: null,
    cooperatingDepartments: [],
    implementingUnit: null,
    plannedStart: null,
    plannedEnd,
    plannedInvestmentWanYuan: null,
    description,
    sourceRef,
    milestones: completion(code, plannedEnd),
    ...extra,
  };
}

/** A dated commitment: exactly one mandatory milestone, the commitment itself. */
function commitment(
  code: string,
  name: string,
  due: string,
  category: SeedCategory,
  description: string,
  sourceRef: string,
  extra: Partial<SeedKeyProject> = {},
): SeedKeyProject {
  return {
    code,
    kind: 'COMMITMENT',
    name,
    planBox: null,
    planBoxTitle: null,
    category,
    leadDepartment: null,
    cooperatingDepartments: [],
    implementingUnit: null,
    plannedStart: null,
    plannedEnd: due,
    plannedInvestmentWanYuan: null,
    description,
    sourceRef,
    milestones: [{ key: `${code}-M1`, name, weight: 100, baselineDue: due, mandatory: true }],
    ...extra,
  };
}

export const SEED_KEY_PROJECTS: SeedKeyProject[] = [
  // ---- 专栏1 结构调整重大工程 -------------------------------------------------
  boxProject(
    'ZL1-1',
    1,
    '新能源高质量开发工程（风能、采煤沉陷区光伏基地、屋顶分布式光伏、牡丹江流域梯级水电）',
    'structure',
    '有序开发利用风力资源，提高风能利用效率；利用采煤沉陷区等建设光伏发电基地，利用大型公共建筑及公用设施、工业园区等屋顶发展分布式光伏发电；推进牡丹江流域梯级水电开发。',
    '专栏1（一）；第三章 一(三)2',
    {
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
    },
  ),
  boxProject(
    'ZL1-2',
    1,
    '推动柴油机清洁化工程（重型柴油车国六、非道路移动柴油机械第四阶段）',
    'structure',
    '全面实施重型柴油车国六排放标准；全面实施非道路移动柴油机械第四阶段排放标准。',
    '专栏1（二）；第三章 一(四)1',
    {
      milestones: [
        { key: 'ZL1-2-M1', name: '全面实施重型柴油车国六排放标准', weight: 50, baselineDue: null, mandatory: true },
        { key: 'ZL1-2-M2', name: '全面实施非道路移动柴油机械第四阶段排放标准', weight: 50, baselineDue: null, mandatory: true },
      ],
    },
  ),

  // ---- 专栏2 应对气候变化重大工程 ---------------------------------------------
  boxProject(
    'ZL2-1',
    2,
    '温室气体与污染物协同减排相关技术研发示范与推广',
    'climate',
    '开展温室气体与污染物协同减排相关技术研发示范与推广工作；推动煤电行业有条件的企业开展全流程二氧化碳减排示范工程建设。',
    '专栏2（一）；第三章 二(二)1',
  ),
  boxProject(
    'ZL2-2',
    2,
    '低碳产业园区建设示范',
    'climate',
    '开展低碳产业园区建设示范工作，发挥市场机制作用，按国家要求积极组织温室气体自愿减排交易项目申报。',
    '专栏2（二）；第三章 二(二)3',
  ),

  // ---- 专栏3 大气环境质量提升工程 ---------------------------------------------
  boxProject(
    'ZL3-1',
    3,
    '城市建成区内10蒸吨/小时以上、35蒸吨/小时及以下燃煤锅炉淘汰改造项目',
    'air',
    '加快淘汰建成区10—35蒸吨/小时燃煤锅炉；定期开展淘汰锅炉“回头看”工作，严防淘汰锅炉再次出现。',
    '专栏3（一）；第三章 三(一)3、一(三)1',
  ),
  boxProject(
    'ZL3-2',
    3,
    '重点行业VOCs全过程综合整治工程',
    'air',
    '持续开展石化、化工、包装印刷、工业涂装等重点行业VOCs全过程综合整治，推进含VOCs产品源头替代，按规定逐步取消非必要VOCs废气排放系统旁路；加强汽修、餐饮等行业VOCs综合治理。',
    '专栏3（二）；第三章 三(二)2',
  ),
  boxProject(
    'ZL3-3',
    3,
    '刁翎镇宏运供热站脱硫脱硝改造',
    'air',
    '对刁翎镇宏运供热站实施脱硫脱硝改造，确保燃煤供热锅炉废气达标排放。',
    '专栏3（三）；第三章 三(一)3',
    // 刁翎镇 is a town of 林口县: territorial responsibility. The plan names the station as the site
    // to be retrofitted, not an implementing organisation, so implementingUnit stays null.
    { leadDepartment: 'linkou-county' },
  ),

  // ---- 专栏4 水生态环境改善工程 -----------------------------------------------
  boxProject(
    'ZL4-1',
    4,
    '镜泊湖水质改善与水生态修复工程',
    'water',
    '按照《镜泊湖流域（牡丹江市）综合治理方案》要求，持续推进镜泊湖污染治理工作，改善镜泊湖水质（“十三五”期间镜泊湖属中营养状态）并修复水生态。',
    '专栏4；第三章 四(四)3',
  ),
  boxProject(
    'ZL4-2',
    4,
    '镜泊湖湖滨带大型水生植物恢复工程',
    'water',
    '在镜泊湖湖滨带实施大型水生植物恢复，作为推进自然湿地修复和综合整治、加强水生态保护修复的措施。',
    '专栏4；第三章 四(三)3',
  ),
  {
    code: 'ZL4-3',
    kind: 'KEY_PROJECT',
    name: '镜泊湖入湖河流尔站河水质改善及河滨带生态修复工程',
    planBox: null, // named in chapter text (专栏4 ends with “等”)
    planBoxTitle: null,
    category: 'water',
    leadDepartment: null,
    cooperatingDepartments: [],
    implementingUnit: null,
    plannedStart: null,
    plannedEnd: null,
    plannedInvestmentWanYuan: null,
    description: '改善镜泊湖入湖河流尔站河水质，修复河滨带生态，作为加强水生态保护修复、推进自然湿地修复和综合整治的措施。',
    sourceRef: '第三章 四(三)3',
    milestones: completion('ZL4-3', null),
  },

  // ---- 专栏5 土壤环境保护工程 -------------------------------------------------
  boxProject(
    'ZL5-1',
    5,
    '土壤污染治理',
    'soil',
    '按照省、市土壤污染治理与修复规划要求，全面整治受污染农用地、污染地块、非正规垃圾填埋场、涉重金属企业等土壤污染源，强化治理与修复工程监管。',
    '专栏5；第三章 五(三)2',
  ),
  boxProject(
    'ZL5-2',
    5,
    '设施基地土壤盐碱化治理',
    'soil',
    '对设施基地开展土壤盐碱化治理（专栏5仅列项目名称，未载明规模、地点和时限）。',
    '专栏5',
  ),
  boxProject(
    'ZL5-3',
    5,
    '侵蚀沟治理',
    'soil',
    '开展侵蚀沟治理（专栏5属第三章五“保护黑土地，维护土壤环境安全”，仅列项目名称，未载明规模、地点和时限）。',
    '专栏5',
  ),

  // ---- 专栏6 农村人居环境质量提升工程 -----------------------------------------
  boxProject(
    'ZL6-1',
    6,
    '国控清单农村黑臭水体治理工程',
    'rural',
    '更新完善农村黑臭水体清单，推进动态监管，因河（塘、沟、渠）施策、分区分类、标本兼治；到2025年，国控清单农村黑臭水体治理率达到60%。',
    '专栏6（一）；第三章 六(三)2',
    {
      plannedEnd: '2025-12-31',
      milestones: [{ key: 'ZL6-1-M1', name: '国控清单农村黑臭水体治理率达到60%', weight: 100, baselineDue: '2025-12-31', mandatory: true }],
    },
  ),
  boxProject(
    'ZL6-2',
    6,
    '农村环境综合整治（行政村农村生活污水治理达标排放或综合利用）',
    'rural',
    '行政村农村生活污水治理达标排放或综合利用，县域农村生活污水治理专项规划实施全覆盖；到2025年，完成省定目标数量行政村环境综合整治，农村生活污水治理率由15.36%（2020年）提高到40%（表2指标11）。',
    '专栏6（二）；第三章 六(三)1、六(三)5；表2',
    {
      plannedEnd: '2025-12-31',
      milestones: [
        { key: 'ZL6-2-M1', name: '完成省定目标数量行政村环境综合整治', weight: 50, baselineDue: '2025-12-31', mandatory: true },
        { key: 'ZL6-2-M2', name: '农村生活污水治理率达到40%', weight: 50, baselineDue: '2025-12-31', mandatory: true },
      ],
    },
  ),

  // ---- 专栏7 生态恢复与生态功能维护工程 ---------------------------------------
  boxProject(
    'ZL7-1',
    7,
    '牡丹江市拉古废弃矿山破损山体生态修复工程',
    'ecology',
    '对拉古废弃矿山破损山体实施生态修复（专栏7两处列出本工程），治理历史遗留矿山地质环境问题。',
    '专栏7；第一章 二(四)',
  ),
  boxProject(
    'ZL7-2',
    7,
    '牡丹江市张广才岭老爷岭生态系统综合治理项目',
    'ecology',
    '对张广才岭、老爷岭生态系统开展综合治理，统筹山水林田湖草沙冰系统治理，提升生态系统质量和功能。',
    '专栏7；第三章 七(一)2',
  ),
  boxProject(
    'ZL7-3',
    7,
    '黑龙江绥阳林业局有限公司东北虎豹国家公园配套基础设施、科普宣教设施、保护管理设施建设工程',
    'ecology',
    '建设东北虎豹国家公园配套基础设施、科普宣教设施和保护管理设施，支撑东北虎豹国家公园生态廊道建设以及重要栖息地恢复和修复。',
    '专栏7；第三章 七(一)3',
    // the project name names the company as owner
    { leadDepartment: 'suiyang-forestry-bureau-co', implementingUnit: '黑龙江绥阳林业局有限公司' },
  ),
  boxProject(
    'ZL7-4',
    7,
    '宁安市镜泊湖自然保护区及国道两侧历史遗留矿山生态修复项目',
    'ecology',
    '对宁安市镜泊湖自然保护区内及国道两侧的历史遗留矿山实施生态修复。',
    '专栏7',
    { leadDepartment: 'ning-an-city' },
  ),

  // ---- 专栏8 环境风险防控重点工程 ---------------------------------------------
  boxProject(
    'ZL8-1',
    8,
    '郭家沟生活垃圾处理场二期填埋库区封场治理暨飞灰处置项目',
    'risk',
    '对郭家沟生活垃圾处理场二期填埋库区实施封场治理，并建设飞灰处置设施。',
    '专栏8',
    // the plan names the site, not the body that operates it or carries out the work
  ),
  boxProject(
    'ZL8-2',
    8,
    '牡丹江市辖乡镇生活垃圾收运系统建设工程',
    'risk',
    '建设牡丹江市辖乡镇生活垃圾收运系统，加快建立农村垃圾“分类投放、分类收集、分类运输、分类处理”收集处置体系。',
    '专栏8；第三章 六(三)3',
  ),
  boxProject(
    'ZL8-3',
    8,
    '绥芬河市医疗废物处置项目',
    'risk',
    '在绥芬河市建设医疗废物处置项目，健全危险废物收运体系。',
    '专栏8；第三章 八(一)1',
    { leadDepartment: 'suifenhe-city' },
  ),

  // ---- 专栏9 能力建设重点工程 -------------------------------------------------
  boxProject(
    'ZL9-1',
    9,
    '东安区河流全面布点、联网、自动预警数字化平台建设（"环保+物联网"）',
    'capacity',
    '基于“环保+物联网”和大数据的理念，对东安区河流进行全面布点、联网、自动预警为依据的数字化平台建设。',
    '专栏9；第三章 九(六)',
    { leadDepartment: 'dongan-district' },
  ),

  // ---- Dated commitments (one milestone each) ---------------------------------
  commitment(
    'DC-01',
    '荒沟抽水蓄能电站4台机组建成投产',
    '2022-12-31',
    'structure',
    '加快水电项目建设，争取荒沟抽水蓄能电站4台机组于2022年建成投产。',
    '第三章 一(三)2',
  ),
  commitment(
    'DC-02',
    '编制并发布《宁安市创建国家生态文明建设示范市规划》',
    '2022-12-31',
    'ecology',
    '选择基础条件比较好的宁安市先行先试，2022年编制《宁安市创建国家生态文明建设示范市规划》并发布实施。',
    '第三章 七(三)5',
    { leadDepartment: 'ning-an-city' },
  ),
  commitment(
    'DC-03',
    '宁安市创建国家生态文明建设示范市成功',
    '2025-12-31',
    'ecology',
    '深入推进国家生态文明建设示范县（市）创建工作，宁安市先行先试，争取2025年创建成功。',
    '第三章 七(三)5',
    { leadDepartment: 'ning-an-city' },
  ),
  commitment(
    'DC-04',
    '完成移动执法系统建设和应用全覆盖',
    '2022-12-31',
    'capacity',
    '各县（市）区加强环境执法能力建设，配备必需的执法装备和取证手段，2022年底前完成移动执法系统建设和应用全覆盖（规划以“各县（市）区”为责任主体，未指定单一牵头单位）。',
    '第三章 九(五)3',
  ),
  commitment(
    'DC-05',
    '镜泊湖5A级景区内实现环境空气质量自动连续监测',
    '2025-12-31',
    'capacity',
    '强化监测能力建设，到2025年在镜泊湖5A级景区内实现环境空气质量自动连续监测。',
    '第三章 九(五)4',
  ),
  commitment(
    'DC-06',
    '市区全面实现功能区声环境质量自动监测',
    '2025-12-31',
    'noise',
    '市区在声环境功能区安装噪声自动监测系统，到2025年全面实现功能区声环境质量自动监测，声环境功能区夜间达标率达到国家要求。',
    '第三章 三(五)',
  ),
  commitment(
    'DC-07',
    '内河整治：河面无大面积漂浮物、河岸无垃圾、无违法排污口',
    '2025-12-31',
    'water',
    '加强北安河、金龙溪、银龙溪、青龙溪、兴隆河、东村河等内河整治，2025年底前实现河面无大面积漂浮物、河岸无垃圾、无违法排污口。',
    '第三章 四(四)3',
  ),
  commitment(
    'DC-08',
    '全部淘汰使用汞或汞化合物的氯碱生产工艺',
    '2025-12-31',
    'risk',
    '做好化学品环境国际公约省内履约工作，到2025年全部淘汰使用汞或汞化合物的氯碱生产工艺。',
    '第三章 八(一)2',
  ),
  commitment(
    'DC-09',
    '规划实施中期评估（第三方）',
    '2023-12-31',
    'governance',
    '2023年底组织第三方评估机构对规划实施情况进行中期评估，评估结果向市政府报告，并作为对地方党委、政府政绩考核的重要内容。',
    '第四章 一',
    { implementingUnit: '第三方评估机构' },
  ),
  commitment(
    'DC-10',
    '规划实施终期考核（第三方）',
    '2025-12-31',
    'governance',
    '2025年底组织第三方评估机构对规划实施情况进行终期考核，考核结果向市政府报告，并作为对地方党委、政府政绩考核的重要内容。',
    '第四章 一',
    { implementingUnit: '第三方评估机构' },
  ),
];
