import type { RegisterIndicator } from '../indicator/indicator.commands';
import type { IndicatorCategory, ValueBounds } from '../indicator/indicator.definition';

/**
 * Seed indicators: the 24 indicators of 表2 (IND-01…IND-24, in 表2's order) and the further 2025
 * targets of the chapter text (TG-01…TG-15) of the 《牡丹江市“十四五”生态环境保护规划》
 * (牡政规〔2022〕4号). Each is listed with its source, and with the reason for every unknown, in
 * docs/plan-register.md.
 *
 * NO-INVENTION RULE
 * - Names, units, baselines, targets and attributes are the plan's. Where 表2 has “—” or the plan gives
 *   no figure, the value is null and `note` says so; nothing is filled in.
 * - A target in words keeps the words (完成省定目标任务值, 有效保障, 稳中向好…) and `target.basis` says
 *   what a value is judged against; 左右 and 力争 are kept as `target.qualifier`.
 * - `attribute` (约束性/预期性) is stated by 表2 only; the chapter targets have none (null).
 * - `category` of a chapter target is the 表2 category of its subject (表2 does not list them); null
 *   where none fits.
 * - Ours, not the plan's: the direction (derived from what the figure measures), the value bounds of
 *   the unit (a share is 0–100 %), and the reporting frequency: environmental monitoring published
 *   monthly (air, national surface-water sections) MONTHLY; water bodies and sources checked each
 *   quarter QUARTERLY; statistics, surveys and assessments ANNUAL.
 */
export type SeedIndicator = Omit<RegisterIndicator, 'type' | 'indicatorId'> & {
  /** Codes of seeded key projects the plan itself ties to the indicator (LinkContributingProject). */
  contributingProjectCodes: string[];
};

const SHARE: ValueBounds = { min: 0, max: 100 };
/** A decline in % may be negative when the quantity grew. */
const DECLINE: ValueBounds = { min: null, max: 100 };
const NON_NEGATIVE: ValueBounds = { min: 0, max: null };
const UNBOUNDED: ValueBounds = { min: null, max: null };

const BASELINE_YEAR = 2020;
const TARGET_YEAR = 2025;

type TableRow = Pick<SeedIndicator, 'code' | 'name' | 'category' | 'source' | 'note'> & Partial<SeedIndicator>;

/** A 表2 row with a numeric 2020 value (or “—”) and a numeric 2025 target. */
function numeric(
  row: TableRow & Pick<SeedIndicator, 'unit' | 'bounds' | 'attribute' | 'direction' | 'reportingFrequency'>,
  baseline: number | null,
  target: number,
  wording = String(target),
): SeedIndicator {
  return {
    measure: 'NUMERIC',
    baseline: { year: BASELINE_YEAR, value: baseline, wording: null },
    target: { year: TARGET_YEAR, value: target, wording, qualifier: null, basis: 'VALUE' },
    planText: null,
    contributingProjectCodes: [],
    ...row,
  };
}

/** A 表2 row or chapter target stated in words only, judged as 达到 / 未达到. */
function qualitative(
  row: TableRow & Pick<SeedIndicator, 'attribute' | 'reportingFrequency'>,
  targetWording: string,
  baselineWording: string | null = null,
): SeedIndicator {
  return {
    unit: null,
    measure: 'QUALITATIVE',
    bounds: UNBOUNDED,
    baseline: { year: BASELINE_YEAR, value: null, wording: baselineWording },
    target: { year: TARGET_YEAR, value: null, wording: targetWording, qualifier: null, basis: 'ASSESSMENT' },
    direction: null,
    planText: null,
    contributingProjectCodes: [],
    ...row,
  };
}

const PROVINCIAL = '完成省定目标任务值';

/** A 表2 row whose 2025 target is 完成省定目标任务值. */
function provincial(
  row: TableRow & Pick<SeedIndicator, 'unit' | 'bounds' | 'attribute' | 'direction'>,
  baseline: number | null,
): SeedIndicator {
  return {
    measure: 'NUMERIC',
    baseline: { year: BASELINE_YEAR, value: baseline, wording: null },
    target: { year: TARGET_YEAR, value: null, wording: PROVINCIAL, qualifier: null, basis: 'PROVINCIAL_VALUE' },
    reportingFrequency: 'ANNUAL',
    planText: null,
    contributingProjectCodes: [],
    ...row,
  };
}

/** A numeric 2025 target of the chapter text (outside 表2: no attribute). */
function chapterTarget(
  row: TableRow & Pick<SeedIndicator, 'unit' | 'bounds' | 'direction' | 'reportingFrequency' | 'planText'>,
  target: number,
  wording: string,
  qualifier: 'ABOUT' | 'STRIVE' | null = null,
  baseline: number | null = null,
): SeedIndicator {
  return {
    measure: 'NUMERIC',
    attribute: null,
    baseline: { year: BASELINE_YEAR, value: baseline, wording: null },
    target: { year: TARGET_YEAR, value: target, wording, qualifier, basis: 'VALUE' },
    contributingProjectCodes: [],
    ...row,
  };
}

const SOIL: IndicatorCategory = 'SOIL_GROUNDWATER_RURAL';
const MERGED_TARGET_NOTE =
  '表2 第21—24项的2025年目标为同一合并单元格“完成省定目标任务值”，按省下达的年度目标判定；表2 未列2020年值（“—”）。';

export const SEED_INDICATORS: SeedIndicator[] = [
  numeric(
    {
      code: 'IND-01',
      name: '地表水质量达到或优于Ⅲ类的比例',
      category: 'WATER',
      unit: '%',
      bounds: SHARE,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      reportingFrequency: 'MONTHLY',
      source: '表2 第1项；第二章 三（一）1（2）',
      note: '2020年值与第一章 一（一）“2020 年国控考核断面优于Ⅲ类水质比例为 75%”一致；第二章表述为“全市地表水国控考核断面达到或优于Ⅲ类比例达到 83.3%”。',
    },
    75,
    83.3,
  ),
  numeric(
    {
      code: 'IND-02',
      name: '地表水质量劣Ⅴ类水体比例',
      category: 'WATER',
      unit: '%',
      bounds: SHARE,
      attribute: 'BINDING',
      direction: 'AT_MOST',
      reportingFrequency: 'MONTHLY',
      source: '表2 第2项',
      note: null,
    },
    0,
    0,
  ),
  numeric(
    {
      code: 'IND-03',
      name: '城市建成区黑臭水体比例',
      category: 'WATER',
      unit: '%',
      bounds: SHARE,
      attribute: 'EXPECTED',
      direction: 'AT_MOST',
      reportingFrequency: 'QUARTERLY',
      source: '表2 第3项；第三章 四（二）2',
      note: '第一章 一（一）：全市 3 个黑臭水体均已完成整治，消除比例为 100%。',
    },
    0,
    0,
  ),
  numeric(
    {
      code: 'IND-04',
      name: '城市生活污水集中收集率',
      category: 'WATER',
      unit: '%',
      bounds: SHARE,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '表2 第4项',
      note: null,
    },
    48.3,
    70,
  ),
  numeric(
    {
      code: 'IND-05',
      name: '空气质量优良天数比例',
      category: 'AIR',
      unit: '%',
      bounds: SHARE,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      reportingFrequency: 'MONTHLY',
      source: '表2 第5项；第二章 三（一）1（2）；第三章 三',
      note: '2020年值与第一章 一（一）“2020年环境空气质量达标天数比例为92.1%”一致；第二章表述为“保持 93.8% 以上”。',
    },
    92.1,
    93.8,
  ),
  numeric(
    {
      code: 'IND-06',
      name: '细颗粒物（PM2.5）浓度',
      category: 'AIR',
      unit: 'μg/m³',
      bounds: NON_NEGATIVE,
      attribute: 'BINDING',
      direction: 'AT_MOST',
      reportingFrequency: 'MONTHLY',
      source: '表2 第6项',
      note: '2020年值为市区细颗粒物年均值 31 μg/m³（第一章 一（一））。',
    },
    31,
    30,
  ),
  provincial(
    {
      code: 'IND-07',
      name: '重度及以上污染天数比例',
      category: 'AIR',
      unit: '%',
      bounds: SHARE,
      attribute: 'BINDING',
      direction: 'AT_MOST',
      source: '表2 第7项',
      note: '规划未给出数值目标，按省下达的年度目标判定。',
      reportingFrequency: 'MONTHLY',
    },
    0,
  ),
  numeric(
    {
      code: 'IND-08',
      name: '受污染耕地安全利用率',
      category: SOIL,
      unit: '%',
      bounds: SHARE,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '表2 第8项',
      note: '表2 未列2020年值（“—”），无法推算序时进度：2025年以前按录入的年度目标判定。',
    },
    null,
    93,
  ),
  qualitative(
    {
      code: 'IND-09',
      name: '重点建设用地安全利用',
      category: SOIL,
      attribute: 'BINDING',
      reportingFrequency: 'ANNUAL',
      source: '表2 第9项',
      note: '表2 未列单位和2020年值（“—”），目标为文字表述，按“达到/未达到”判定。',
    },
    '有效保障',
  ),
  {
    code: 'IND-10',
    name: '地下水国控点位Ⅴ类水体比例',
    category: SOIL,
    unit: '%',
    measure: 'NUMERIC',
    bounds: SHARE,
    baseline: { year: BASELINE_YEAR, value: null, wording: null },
    target: { year: TARGET_YEAR, value: null, wording: '保持现状', qualifier: null, basis: 'BASELINE' },
    attribute: 'EXPECTED',
    direction: 'AT_MOST',
    reportingFrequency: 'ANNUAL',
    source: '表2 第10项',
    planText: null,
    note: '表2 未列2020年值（“—”），“保持现状”的现状值须作为年度目标录入后方可判定。',
    contributingProjectCodes: [],
  },
  numeric(
    {
      code: 'IND-11',
      name: '农村生活污水治理率',
      category: SOIL,
      unit: '%',
      bounds: SHARE,
      attribute: 'EXPECTED',
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '表2 第11项',
      note: '专栏6（二）“行政村农村生活污水治理达标排放或综合利用”（ZL6-2）支撑本指标。',
      contributingProjectCodes: ['ZL6-2'],
    },
    15.36,
    40,
  ),
  provincial(
    {
      code: 'IND-12',
      name: '单位GDP二氧化碳排放降低',
      category: 'CLIMATE',
      unit: '%',
      bounds: DECLINE,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      source: '表2 第12项',
      note: '表2 未列2020年值（“—”）和数值目标；降低率的口径（逐年或较2020年累计）以省下达的目标为准。',
    },
    null,
  ),
  provincial(
    {
      code: 'IND-13',
      name: '单位GDP能耗消耗降低',
      category: 'CLIMATE',
      unit: '%',
      bounds: DECLINE,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      source: '表2 第13项',
      note: '名称按表2原文（“能耗消耗”）。表2 未列2020年值（“—”）和数值目标；降低率的口径以省下达的目标为准。',
    },
    null,
  ),
  provincial(
    {
      code: 'IND-14',
      name: '非化石能源占能源消耗比例',
      category: 'CLIMATE',
      unit: '%',
      bounds: SHARE,
      attribute: 'EXPECTED',
      direction: 'AT_LEAST',
      source: '表2 第14项',
      note: '规划未给出数值目标，按省下达的年度目标判定。',
    },
    3.65,
  ),
  {
    code: 'IND-15',
    name: '生态质量指数（EQI）',
    category: 'ECOLOGY',
    unit: null,
    measure: 'NUMERIC',
    // EQI is defined on 0–100 (《区域生态质量评价办法（试行）》).
    bounds: SHARE,
    baseline: { year: BASELINE_YEAR, value: null, wording: null },
    target: { year: TARGET_YEAR, value: null, wording: '稳中向好', qualifier: null, basis: 'PREVIOUS_VALUE' },
    attribute: 'EXPECTED',
    direction: 'AT_LEAST',
    reportingFrequency: 'ANNUAL',
    source: '表2 第15项；第三章 七（四）',
    planText: null,
    note: '表2 未列单位和2020年值（“—”）；“稳中向好”按与上期数值比较判定。',
    contributingProjectCodes: [],
  },
  numeric(
    {
      code: 'IND-16',
      name: '森林覆盖率',
      category: 'ECOLOGY',
      unit: '%',
      bounds: SHARE,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '表2 第16项；第三章 七（一）2',
      note: '第三章 七（一）2：“到2025年，森林覆盖率达到66%”；2020年值与表1 第20项一致。',
    },
    65,
    66,
  ),
  numeric(
    {
      code: 'IND-17',
      name: '森林蓄积量',
      category: 'ECOLOGY',
      unit: '亿m³',
      bounds: NON_NEGATIVE,
      attribute: 'EXPECTED',
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '表2 第17项',
      note: null,
    },
    3.2,
    3.7,
  ),
  {
    code: 'IND-18',
    name: '生态保护红线面积',
    category: 'ECOLOGY',
    unit: '平方公里',
    measure: 'NUMERIC',
    bounds: NON_NEGATIVE,
    baseline: { year: BASELINE_YEAR, value: 17007.56, wording: null },
    target: { year: TARGET_YEAR, value: null, wording: '不降低', qualifier: null, basis: 'BASELINE' },
    attribute: 'BINDING',
    direction: 'AT_LEAST',
    reportingFrequency: 'ANNUAL',
    source: '表2 第18项；第三章 七（三）2',
    planText: null,
    note: '“不降低”即不低于2020年的 17007.56 平方公里；第三章 七（三）2：“确保红线面积不能减少、质量不能下降”。',
    contributingProjectCodes: [],
  },
  numeric(
    {
      code: 'IND-19',
      name: '湿地保护率',
      category: 'ECOLOGY',
      unit: '%',
      bounds: SHARE,
      attribute: 'EXPECTED',
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '表2 第19项',
      note: null,
    },
    50,
    53,
  ),
  qualitative(
    {
      code: 'IND-20',
      name: '放射源辐射事故',
      category: 'NUCLEAR_RADIATION',
      attribute: 'EXPECTED',
      reportingFrequency: 'ANNUAL',
      source: '表2 第20项',
      note: '表2 未列单位；“达到”表示报告期内未发生放射源辐射事故。',
    },
    '避免发生',
    '未发生',
  ),
  provincial(
    {
      code: 'IND-21',
      name: '氮氧化物排放总量减少',
      category: 'TOTAL_EMISSIONS',
      unit: '万吨',
      bounds: UNBOUNDED,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      source: '表2 第21项',
      note: `${MERGED_TARGET_NOTE}第一章 一（一）所列2020年氮氧化物减排量 204.11 吨是当年减排量，不是本指标的基准值。`,
    },
    null,
  ),
  provincial(
    {
      code: 'IND-22',
      name: '挥发性有机物排放总量减少',
      category: 'TOTAL_EMISSIONS',
      unit: '万吨',
      bounds: UNBOUNDED,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      source: '表2 第22项',
      note: `${MERGED_TARGET_NOTE}规划全文未给出挥发性有机物排放或减排数据。`,
    },
    null,
  ),
  provincial(
    {
      code: 'IND-23',
      name: '化学需氧量排放总量减少',
      category: 'TOTAL_EMISSIONS',
      unit: '万吨',
      bounds: UNBOUNDED,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      source: '表2 第23项',
      note: `${MERGED_TARGET_NOTE}第一章 一（一）所列2020年化学需氧量减排量 811.07 吨是当年减排量，不是本指标的基准值。`,
    },
    null,
  ),
  provincial(
    {
      code: 'IND-24',
      name: '氨氮排放总量减少',
      category: 'TOTAL_EMISSIONS',
      unit: '万吨',
      bounds: UNBOUNDED,
      attribute: 'BINDING',
      direction: 'AT_LEAST',
      source: '表2 第24项',
      note: `${MERGED_TARGET_NOTE}第一章 一（一）所列2020年氨氮减排量 42.93 吨是当年减排量，不是本指标的基准值。`,
    },
    null,
  ),

  qualitative(
    {
      code: 'TG-01',
      name: '按省要求淘汰国三及以下排放标准汽车',
      category: 'AIR',
      attribute: null,
      reportingFrequency: 'ANNUAL',
      source: '第三章 一（四）1',
      planText: '到2025年，按省要求淘汰国三及以下排放标准汽车。',
      note: '规划未列数量、单位和2020年值；“达到”表示已按省要求完成淘汰。',
    },
    '按省要求淘汰国三及以下排放标准汽车',
  ),
  chapterTarget(
    {
      code: 'TG-02',
      name: '城镇新建建筑中绿色建筑面积占比',
      category: 'CLIMATE',
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 二（二）1',
      planText: '到2025年，全市城镇新建建筑中绿色建筑面积占比达到70%',
      note: '规划未列2020年值。',
    },
    70,
    '达到70%',
  ),
  chapterTarget(
    {
      code: 'TG-03',
      name: '秸秆综合利用率',
      category: 'AIR',
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 三（一）4',
      planText: '到2025年，全市秸秆综合利用率达到90%左右',
      note: '规划未列2020年值。',
    },
    90,
    '达到90%左右',
    'ABOUT',
  ),
  qualitative(
    {
      code: 'TG-04',
      name: '县级及以上城市集中式饮用水水源水质（剔除本底值）达到或优于III类',
      category: 'WATER',
      attribute: null,
      reportingFrequency: 'QUARTERLY',
      source: '第三章 四（一）3',
      planText: '到2025年，县级及以上城市集中式饮用水水源水质（剔除本底值）全部达到或优于III类。',
      note: '规划未列2020年值：第一章所列“城市集中式饮用水水源地水质达标率 100%”口径不同（城市、达标率），未作为基准值。',
    },
    '全部达到或优于III类',
  ),
  qualitative(
    {
      code: 'TG-05',
      name: '县级城市建成区黑臭水体',
      category: 'WATER',
      attribute: null,
      reportingFrequency: 'QUARTERLY',
      source: '第三章 四（二）2',
      planText: '到2025年，全市基本消除县级城市建成区黑臭水体。',
      note: '规划未列县级城市建成区黑臭水体的数量；第一章所列已整治的 3 个黑臭水体为城市建成区（见 IND-03）。',
    },
    '基本消除',
  ),
  chapterTarget(
    {
      code: 'TG-06',
      name: '单位地区生产总值用水量下降',
      category: 'WATER',
      unit: '%',
      bounds: DECLINE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 四（三）1',
      planText: '到2025年，单位地区生产总值用水量下降12%左右。',
      note: '按较2020年累计下降率报送；规划未列2020年用水量，2025年以前按录入的年度目标判定。',
    },
    12,
    '下降12%左右',
    'ABOUT',
  ),
  chapterTarget(
    {
      code: 'TG-07',
      name: '县级城市污水处理率',
      category: 'WATER',
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 四（五）3',
      planText: '到2025年，县级城市污水处理率达到95%以上，城市污泥无害化处置率达到95%。',
      note: '规划未列2020年值：表1 第15项“城市污水集中处理率 95%”为城市口径，不是县级城市，未作为基准值。',
    },
    95,
    '达到95%以上',
  ),
  chapterTarget(
    {
      code: 'TG-08',
      name: '城市污泥无害化处置率',
      category: 'WATER',
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 四（五）3；表1 第17项',
      planText: '到2025年，县级城市污水处理率达到95%以上，城市污泥无害化处置率达到95%。',
      note: '2020年值取自表1 第17项“城市污水处理厂污泥无害化处理处置率”100%（同一口径，名称略异）。',
    },
    95,
    '达到95%',
    null,
    100,
  ),
  chapterTarget(
    {
      code: 'TG-09',
      name: '主要农作物化肥利用率',
      category: SOIL,
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 六（一）2',
      planText: '到2025年，主要农作物化肥、农药利用率分别达到43%和50%。',
      note: '规划未列2020年值。',
    },
    43,
    '达到43%',
  ),
  chapterTarget(
    {
      code: 'TG-10',
      name: '主要农作物农药利用率',
      category: SOIL,
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 六（一）2',
      planText: '到2025年，主要农作物化肥、农药利用率分别达到43%和50%。',
      note: '规划未列2020年值。',
    },
    50,
    '达到50%',
  ),
  chapterTarget(
    {
      code: 'TG-11',
      name: '废弃农膜回收率',
      category: SOIL,
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 六（一）3',
      planText: '到2025年，力争实现废弃农膜回收率达到88%。',
      note: '规划未列2020年值。',
    },
    88,
    '力争达到88%',
    'STRIVE',
  ),
  chapterTarget(
    {
      code: 'TG-12',
      name: '畜禽粪污综合利用率',
      category: SOIL,
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 六（二）3',
      planText: '到2025年，畜禽粪污综合利用率达到85%，规模养殖场粪污处理设备配套率达到97%。',
      note: '规划未列2020年值：第一章所列“畜禽养殖废弃物资源化利用率 69.8%”为“十三五”期间数据，未注明年份，名称不同，未作为基准值。',
    },
    85,
    '达到85%',
  ),
  chapterTarget(
    {
      code: 'TG-13',
      name: '规模养殖场粪污处理设备配套率',
      category: SOIL,
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 六（二）3',
      planText: '到2025年，畜禽粪污综合利用率达到85%，规模养殖场粪污处理设备配套率达到97%。',
      note: '规划未列2020年值：第一章所列“规模化畜禽养殖粪污治理设施配套率达到 77.0%”为“十三五”期间数据，未注明年份，名称不同，未作为基准值。',
    },
    97,
    '达到97%',
  ),
  qualitative(
    {
      code: 'TG-14',
      name: '地表水环境质量监测点位覆盖区域内重点流域',
      category: 'WATER',
      attribute: null,
      reportingFrequency: 'ANNUAL',
      source: '第三章 九（五）4',
      planText: '到2025年，……地表水环境质量监测点位实现区域内重点流域全覆盖',
      note: '规划未列点位数量和2020年覆盖情况。',
    },
    '实现区域内重点流域全覆盖',
  ),
  chapterTarget(
    {
      code: 'TG-15',
      name: '政府采购绿色采购方式及绿色产品比例',
      category: null,
      unit: '%',
      bounds: SHARE,
      direction: 'AT_LEAST',
      reportingFrequency: 'ANNUAL',
      source: '第三章 九（七）4',
      planText: '到2025年，政府采购绿色采购方式及绿色产品比例达到80%。',
      note: '规划未列2020年值；表2 的七类均不涵盖政府绿色采购，未归类。',
    },
    80,
    '达到80%',
  ),
];
