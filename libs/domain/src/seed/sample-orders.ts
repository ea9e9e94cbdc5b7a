import type { OrderSector } from '../rectification-order/rectification-order.commands';

/**
 * 示例数据 – SAMPLE rectification orders (整改任务) and petition cases (信访件) for the embedded demo ONLY.
 *
 * None of these cases comes from the plan or from any real inspection: the plan only reports totals
 * (36 central-inspection tasks; 68 + 228 forwarded petition cases, all concluded by 2020). Every
 * finding/target below starts with '【示例】', every code with '示例-', every batch with '示例批次：',
 * and no real person is named (responsiblePerson is a role title marked （示例）). Place names are
 * real so that the demo looks familiar; the enterprises are deliberately unnamed (某企业).
 *
 * All dates are offsets in days relative to the seed day ("today"): negative = before, positive = after.
 * Department ids refer to SEED_DEPARTMENTS in ./plan-register.ts.
 *
 * Acceptance departments follow 谁主管谁验收: the department in charge of each finding's sector.
 *
 * Coverage: every state at least once; deadlines passed by >90, 31–90 and 1–30 days, due within 3, 7
 * and 15 days and later; 4 petition cases (one 不属实 awaiting its second check, one forwarded 14 days
 * ago with no first report, i.e. late); 2 ongoing (长期坚持) orders; 1 immediate (立行立改) order.
 */

export interface SampleMeasure {
  key: string;
  description: string;
  /** relative to 'today' at seed time */
  dueOffsetDays: number;
}

export type SampleOrderState =
  'ISSUED' | 'ASSIGNED' | 'IN_PROGRESS' | 'ACCEPTANCE_REQUESTED' | 'ACCEPTED' | 'IN_PUBLIC_NOTICE' | 'CLOSED' | 'REOPENED';

export interface SampleOrder {
  /** stable, e.g. 'SAMPLE-CI-01' */
  key: string;
  /** e.g. '示例-中央督察-01' */
  code: string;
  source: 'CENTRAL_INSPECTION' | 'CENTRAL_FOLLOW_UP' | 'PROVINCIAL_INSPECTION' | 'PETITION' | 'SPECIAL_CAMPAIGN' | 'SELF_FOUND';
  /** e.g. '示例批次：第二轮中央生态环境保护督察' */
  batch: string;
  /** starts with '【示例】' */
  finding: string;
  /** starts with '【示例】' */
  target: string;
  deadlineKind: 'IMMEDIATE' | 'BY_DATE' | 'ONGOING';
  /** relative to seed day; negative = already passed; null for ONGOING */
  deadlineOffsetDays: number | null;
  /** negative, days before seed day */
  issuedOffsetDays: number;
  leadDepartment: string;
  cooperatingDepartments: string[];
  /** The finding's sector (OrderSector); 谁主管谁验收 names the acceptance department from it. */
  sector: OrderSector;
  /** The department in charge of the sector (reference/sectors.ts). */
  acceptanceDepartment: string;
  /** a role title, never a real person's name */
  responsiblePerson: string;
  measures: SampleMeasure[];
  targetState: SampleOrderState;
  petition?: {
    forwardedOffsetDays: number;
    complainantSummary: string;
    finding?: 'TRUE' | 'BASICALLY_TRUE' | 'PARTLY_TRUE' | 'UNTRUE';
  };
}

const BATCH_CENTRAL = '示例批次：第二轮中央生态环境保护督察';
const BATCH_FOLLOW_UP = '示例批次：中央生态环境保护督察“回头看”';
const BATCH_PROVINCIAL = '示例批次：省级生态环境保护督察';
const BATCH_PETITION = '示例批次：中央生态环境保护督察转办信访件';

export const SAMPLE_ORDERS: SampleOrder[] = [
  // ---------------------------------------------------------------- central inspection
  {
    // overdue by more than 90 days -> accountability level
    key: 'SAMPLE-CI-01',
    code: '示例-中央督察-01',
    source: 'CENTRAL_INSPECTION',
    batch: BATCH_CENTRAL,
    finding:
      '【示例】镜泊湖流域沿湖村屯及景区旅游服务设施生活污水收集处理设施不完善，部分污水未经处理排入入湖河流，湖区总磷浓度偏高，水体呈中营养状态。',
    target: '【示例】沿湖村屯和景区旅游服务设施污水全部收集处理、稳定达标，入湖河流水质达到考核要求，镜泊湖总磷浓度呈下降趋势。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: -120,
    issuedOffsetDays: -700,
    leadDepartment: 'ning-an-city',
    cooperatingDepartments: [
      'jingpo-lake-admin-committee',
      'city-eco-env-bureau',
      'city-housing-urban-rural-bureau',
      'city-agriculture-rural-bureau',
    ],
    sector: 'WATER_ENVIRONMENT',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '宁安市人民政府市长（示例）',
    measures: [
      { key: 'M1', description: '排查沿湖村屯及旅游服务设施排水去向，建立问题清单', dueOffsetDays: -640 },
      { key: 'M2', description: '建设景区及沿湖村屯污水收集管网和处理设施', dueOffsetDays: -200 },
      { key: 'M3', description: '开展入湖河流水质加密监测，按月通报', dueOffsetDays: -160 },
      { key: 'M4', description: '设施稳定运行满三个月并完成水质达标评估', dueOffsetDays: -120 },
    ],
    targetState: 'IN_PROGRESS',
  },
  {
    // overdue 31–90 days -> listed supervision
    key: 'SAMPLE-CI-02',
    code: '示例-中央督察-02',
    source: 'CENTRAL_INSPECTION',
    batch: BATCH_CENTRAL,
    finding: '【示例】郭家沟生活垃圾处理场渗滤液处理能力不足，调节池渗滤液积存量大，存在渗漏、溢流污染地下水和周边水体的环境风险。',
    target: '【示例】渗滤液处理设施完成扩能改造，积存渗滤液全部达标处理，建立渗滤液及地下水日常监测和应急处置机制。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: -45,
    issuedOffsetDays: -420,
    leadDepartment: 'city-urban-management-bureau',
    cooperatingDepartments: ['city-eco-env-bureau', 'city-development-reform-commission', 'city-finance-bureau'],
    sector: 'DOMESTIC_WASTE',
    acceptanceDepartment: 'city-urban-management-bureau',
    responsiblePerson: '市城市管理综合执法局局长（示例）',
    measures: [
      { key: 'M1', description: '委托有资质单位应急外运处理积存渗滤液', dueOffsetDays: -330 },
      { key: 'M2', description: '完成渗滤液处理站扩能改造并投入运行', dueOffsetDays: -90 },
      { key: 'M3', description: '积存渗滤液清零，开展场区周边地下水监测', dueOffsetDays: -45 },
    ],
    targetState: 'IN_PROGRESS',
  },
  {
    key: 'SAMPLE-CI-03',
    code: '示例-中央督察-03',
    source: 'CENTRAL_INSPECTION',
    batch: BATCH_CENTRAL,
    finding: '【示例】海林市城镇污水处理厂出水仍执行一级B标准，未按要求完成提标改造，配套管网雨污混接问题突出。',
    target: '【示例】完成污水处理厂一级A提标改造，出水稳定达标，完成配套管网雨污分流改造。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: -400,
    issuedOffsetDays: -800,
    leadDepartment: 'hailin-city',
    cooperatingDepartments: ['city-housing-urban-rural-bureau', 'city-eco-env-bureau'],
    sector: 'URBAN_SEWAGE',
    acceptanceDepartment: 'city-housing-urban-rural-bureau',
    responsiblePerson: '海林市人民政府分管副市长（示例）',
    measures: [
      { key: 'M1', description: '编制提标改造方案并完成立项', dueOffsetDays: -700 },
      { key: 'M2', description: '完成提标改造工程建设并通水调试', dueOffsetDays: -480 },
      { key: 'M3', description: '出水连续三个月稳定达到一级A标准', dueOffsetDays: -400 },
    ],
    targetState: 'CLOSED',
  },
  {
    // accepted, awaiting public notice; deadline passed 1–30 days
    key: 'SAMPLE-CI-04',
    code: '示例-中央督察-04',
    source: 'CENTRAL_INSPECTION',
    batch: BATCH_CENTRAL,
    finding: '【示例】东安区建成区内仍有3台10蒸吨/小时以上、35蒸吨/小时及以下燃煤锅炉未按期淘汰。',
    target: '【示例】建成区内10—35蒸吨/小时燃煤锅炉全部淘汰，用户并入集中供热管网，淘汰锅炉不反弹。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: -5,
    issuedOffsetDays: -500,
    leadDepartment: 'dongan-district',
    cooperatingDepartments: ['city-housing-urban-rural-bureau', 'city-eco-env-bureau'],
    sector: 'AIR_INDUSTRY',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '东安区人民政府区长（示例）',
    measures: [
      { key: 'M1', description: '完成集中供热管网延伸和用户并网', dueOffsetDays: -150 },
      { key: 'M2', description: '拆除燃煤锅炉并封存、销毁主要部件', dueOffsetDays: -40 },
      { key: 'M3', description: '整理整改佐证材料，申请验收', dueOffsetDays: -10 },
    ],
    targetState: 'ACCEPTED',
  },
  {
    // ongoing (长期坚持)
    key: 'SAMPLE-CI-05',
    code: '示例-中央督察-05',
    source: 'CENTRAL_INSPECTION',
    batch: BATCH_CENTRAL,
    finding: '【示例】市区集中式饮用水水源保护区内存在垂钓、违规耕种和机动车通行等活动，隔离防护设施不完善，日常巡查不到位。',
    target: '【示例】保护区内违法违规活动全部清理，建立常态化巡查、监测和信息公开长效机制，水源水质稳定达标。',
    deadlineKind: 'ONGOING',
    deadlineOffsetDays: null,
    issuedOffsetDays: -30,
    leadDepartment: 'city-water-affairs-bureau',
    cooperatingDepartments: ['city-eco-env-bureau', 'city-public-security-bureau', 'city-agriculture-rural-bureau'],
    sector: 'DRINKING_WATER_SOURCE',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '市水务局局长（示例）',
    measures: [
      { key: 'M1', description: '完善保护区界标、警示牌和隔离防护设施', dueOffsetDays: 45 },
      { key: 'M2', description: '按季度报送保护区巡查和水质监测情况', dueOffsetDays: 60 },
    ],
    targetState: 'ASSIGNED',
  },

  // ---------------------------------------------------------------- central follow-up (回头看)
  {
    // closed earlier, relapse found -> reopened; original deadline passed 20 days ago
    key: 'SAMPLE-FU-01',
    code: '示例-回头看-01',
    source: 'CENTRAL_FOLLOW_UP',
    batch: BATCH_FOLLOW_UP,
    finding: '【示例】西安区已淘汰的10蒸吨/小时及以下燃煤小锅炉出现“死灰复燃”，部分商户违规恢复使用燃煤锅炉和原煤散烧。',
    target: '【示例】复燃锅炉全部拆除，用户完成清洁能源替代或并入集中供热，建立网格化巡查机制，杜绝反弹。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: -20,
    issuedOffsetDays: -300,
    leadDepartment: 'xi-an-district',
    cooperatingDepartments: ['city-eco-env-bureau', 'city-market-regulation-bureau'],
    sector: 'AIR_INDUSTRY',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '西安区人民政府区长（示例）',
    measures: [
      { key: 'M1', description: '拆除复用燃煤锅炉并登记销号', dueOffsetDays: -250 },
      { key: 'M2', description: '用户完成清洁能源替代或并入集中供热', dueOffsetDays: -120 },
      { key: 'M3', description: '建立街道、社区网格化巡查制度', dueOffsetDays: -40 },
      { key: 'M4', description: '对“回头看”再次发现的复燃点位拆除并复查', dueOffsetDays: 10 },
    ],
    targetState: 'REOPENED',
  },
  {
    key: 'SAMPLE-FU-02',
    code: '示例-回头看-02',
    source: 'CENTRAL_FOLLOW_UP',
    batch: BATCH_FOLLOW_UP,
    finding: '【示例】市区城中村、城乡接合部存在污水管网空白区，部分生活污水经雨水管网排入市区内河，河岸垃圾堆放。',
    target: '【示例】消除污水收集空白区，完成雨污分流改造，内河河面无大面积漂浮物、河岸无垃圾、无违法排污口。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: -15,
    issuedOffsetDays: -420,
    leadDepartment: 'city-housing-urban-rural-bureau',
    cooperatingDepartments: ['xi-an-district', 'aimin-district', 'city-urban-management-bureau', 'city-eco-env-bureau'],
    sector: 'URBAN_SEWAGE',
    acceptanceDepartment: 'city-housing-urban-rural-bureau',
    responsiblePerson: '市住房和城乡建设局局长（示例）',
    measures: [
      { key: 'M1', description: '排查污水管网空白区和雨污混接点，建立台账', dueOffsetDays: -360 },
      { key: 'M2', description: '完成城中村污水管网建设和雨污混接点改造', dueOffsetDays: -60 },
      { key: 'M3', description: '清理内河河岸垃圾，建立河道保洁长效机制', dueOffsetDays: -30 },
    ],
    targetState: 'IN_PUBLIC_NOTICE',
  },
  {
    key: 'SAMPLE-FU-03',
    code: '示例-回头看-03',
    source: 'CENTRAL_FOLLOW_UP',
    batch: BATCH_FOLLOW_UP,
    finding: '【示例】一般工业固体废物综合利用率偏低，部分企业煤矸石、粉煤灰露天堆存，未采取防扬散、防流失、防渗漏措施。',
    target: '【示例】露天堆存的工业固体废物全部规范贮存或综合利用，建立企业工业固废管理台账，综合利用率明显提升。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 90,
    issuedOffsetDays: -10,
    leadDepartment: 'city-industry-it-bureau',
    cooperatingDepartments: ['city-eco-env-bureau', 'city-development-reform-commission'],
    sector: 'SOLID_WASTE',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '市工业和信息化局局长（示例）',
    measures: [
      { key: 'M1', description: '排查工业固体废物露天堆存点位，建立清单', dueOffsetDays: 20 },
      { key: 'M2', description: '堆存点位完成苫盖、围挡和防渗改造', dueOffsetDays: 60 },
      { key: 'M3', description: '落实综合利用去向，建立企业管理台账', dueOffsetDays: 90 },
    ],
    targetState: 'ASSIGNED',
  },

  // ---------------------------------------------------------------- provincial inspection
  {
    // due within 3 days -> yellow
    key: 'SAMPLE-PI-01',
    code: '示例-省级督察-01',
    source: 'PROVINCIAL_INSPECTION',
    batch: BATCH_PROVINCIAL,
    finding: '【示例】穆棱河出境（穆棱河入鸡西市）断面水质长期处于Ⅳ类，沿河部分乡镇生活污水未经处理直排。',
    target: '【示例】沿河乡镇生活污水收集处理设施建成运行，穆棱河出境断面水质稳定达到考核目标。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 2,
    issuedOffsetDays: -240,
    leadDepartment: 'muling-city',
    cooperatingDepartments: ['city-eco-env-bureau', 'city-water-affairs-bureau', 'city-housing-urban-rural-bureau'],
    sector: 'WATER_ENVIRONMENT',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '穆棱市人民政府市长（示例）',
    measures: [
      { key: 'M1', description: '排查沿河入河排污口，实施分类整治', dueOffsetDays: -200 },
      { key: 'M2', description: '建设沿河乡镇污水收集管网和处理设施', dueOffsetDays: -20 },
      { key: 'M3', description: '开展出境断面水质达标评估', dueOffsetDays: 2 },
    ],
    targetState: 'IN_PROGRESS',
  },
  {
    // due within 7 days, one measure behind its date
    key: 'SAMPLE-PI-02',
    code: '示例-省级督察-02',
    source: 'PROVINCIAL_INSPECTION',
    batch: BATCH_PROVINCIAL,
    finding: '【示例】林口县某石墨企业尾矿库渗滤液收集设施不完善，库区防渗和地下水监测措施不到位，存在环境风险隐患。',
    target: '【示例】尾矿库渗滤液全部收集回用，完成防渗整改和地下水监测井建设，纳入环境风险隐患排查清单实行销号管理。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 6,
    issuedOffsetDays: -150,
    leadDepartment: 'linkou-county',
    cooperatingDepartments: ['city-eco-env-bureau', 'city-emergency-management-bureau', 'city-natural-resources-bureau'],
    sector: 'MINING_ECOLOGY',
    acceptanceDepartment: 'city-natural-resources-bureau',
    responsiblePerson: '林口县人民政府县长（示例）',
    measures: [
      { key: 'M1', description: '完成尾矿库环境风险隐患排查评估', dueOffsetDays: -120 },
      { key: 'M2', description: '建设渗滤液收集回用设施', dueOffsetDays: -10 },
      { key: 'M3', description: '完成地下水监测井建设并开展首次监测', dueOffsetDays: 5 },
    ],
    targetState: 'IN_PROGRESS',
  },
  {
    // due within 15 days, only just assigned
    key: 'SAMPLE-PI-03',
    code: '示例-省级督察-03',
    source: 'PROVINCIAL_INSPECTION',
    batch: BATCH_PROVINCIAL,
    finding: '【示例】东宁市部分规模畜禽养殖场粪污处理设施未配套，粪污露天堆放，雨季存在流失入河风险。',
    target: '【示例】规模养殖场粪污处理设施全部配套并正常运行，粪污资源化利用，杜绝露天堆放。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 12,
    issuedOffsetDays: -20,
    leadDepartment: 'dongning-city',
    cooperatingDepartments: ['city-agriculture-rural-bureau', 'city-eco-env-bureau'],
    sector: 'LIVESTOCK_AGRICULTURE',
    acceptanceDepartment: 'city-agriculture-rural-bureau',
    responsiblePerson: '东宁市人民政府分管副市长（示例）',
    measures: [
      { key: 'M1', description: '建立问题养殖场清单，逐场制定整改方案', dueOffsetDays: 3 },
      { key: 'M2', description: '完成粪污贮存和处理设施配套，清运露天堆放粪污', dueOffsetDays: 12 },
    ],
    targetState: 'ASSIGNED',
  },
  {
    // immediate (立行立改), due tomorrow
    key: 'SAMPLE-PI-04',
    code: '示例-省级督察-04',
    source: 'PROVINCIAL_INSPECTION',
    batch: BATCH_PROVINCIAL,
    finding: '【示例】督察组现场检查发现市区多处建筑工地裸土未覆盖、出入口车辆未冲洗，渣土运输车辆未密闭运输。',
    target: '【示例】工地裸土全部覆盖，出入口车辆冲洗设施正常使用，渣土车全部密闭运输，违法行为依法查处。',
    deadlineKind: 'IMMEDIATE',
    deadlineOffsetDays: 1,
    issuedOffsetDays: -2,
    leadDepartment: 'city-housing-urban-rural-bureau',
    cooperatingDepartments: ['city-urban-management-bureau', 'city-public-security-bureau'],
    sector: 'CONSTRUCTION_DUST',
    acceptanceDepartment: 'city-housing-urban-rural-bureau',
    responsiblePerson: '市住房和城乡建设局分管副局长（示例）',
    measures: [
      { key: 'M1', description: '责令涉事工地立即覆盖裸土、启用车辆冲洗设施', dueOffsetDays: 0 },
      { key: 'M2', description: '联合查处未密闭渣土运输车辆', dueOffsetDays: 1 },
    ],
    targetState: 'IN_PROGRESS',
  },
  {
    // just issued, due later
    key: 'SAMPLE-PI-05',
    code: '示例-省级督察-05',
    source: 'PROVINCIAL_INSPECTION',
    batch: BATCH_PROVINCIAL,
    finding: '【示例】绥芬河市城镇污水处理厂进水浓度偏低，污水管网存在雨污混接和外水渗入，跨境河流绥芬河水质保障压力大。',
    target: '【示例】完成污水管网排查和混接改造，污水处理厂进水浓度明显提升，绥芬河出境断面水质稳定达标。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 150,
    issuedOffsetDays: -1,
    leadDepartment: 'suifenhe-city',
    cooperatingDepartments: ['city-housing-urban-rural-bureau', 'city-eco-env-bureau'],
    sector: 'URBAN_SEWAGE',
    acceptanceDepartment: 'city-housing-urban-rural-bureau',
    responsiblePerson: '绥芬河市人民政府市长（示例）',
    measures: [
      { key: 'M1', description: '完成污水管网检测排查，形成问题清单', dueOffsetDays: 45 },
      { key: 'M2', description: '完成雨污混接点和破损管段改造', dueOffsetDays: 130 },
      { key: 'M3', description: '开展进水浓度和出境断面水质评估', dueOffsetDays: 150 },
    ],
    targetState: 'ISSUED',
  },

  // ---------------------------------------------------------------- special campaigns
  {
    // ongoing (长期坚持), quarterly report
    key: 'SAMPLE-SC-01',
    code: '示例-专项行动-01',
    source: 'SPECIAL_CAMPAIGN',
    batch: '示例批次：秸秆禁烧专项行动',
    finding: '【示例】秋季卫星遥感监测发现多处秸秆露天焚烧火点，市县乡村四级网格化监管责任落实不到位。',
    target: '【示例】健全四级网格化监管体系，火点发现即处置，秸秆综合利用水平持续提升，实现全域全时段禁烧。',
    deadlineKind: 'ONGOING',
    deadlineOffsetDays: null,
    issuedOffsetDays: -200,
    leadDepartment: 'city-agriculture-rural-bureau',
    cooperatingDepartments: [
      'city-eco-env-bureau',
      'city-public-security-bureau',
      'ning-an-city',
      'hailin-city',
      'muling-city',
      'dongning-city',
      'linkou-county',
    ],
    sector: 'LIVESTOCK_AGRICULTURE',
    acceptanceDepartment: 'city-agriculture-rural-bureau',
    responsiblePerson: '市农业农村局局长（示例）',
    measures: [
      { key: 'M1', description: '编制秸秆综合利用实施方案，落实各级网格责任人', dueOffsetDays: -150 },
      { key: 'M2', description: '按季度报送禁烧巡查、火点核查处置和综合利用情况', dueOffsetDays: 20 },
    ],
    targetState: 'IN_PROGRESS',
  },
  {
    key: 'SAMPLE-SC-02',
    code: '示例-专项行动-02',
    source: 'SPECIAL_CAMPAIGN',
    batch: '示例批次：“散乱污”企业专项整治',
    finding: '【示例】阳明区城乡接合部存在无环保手续的小型废塑料加工、铸造作坊，废气无组织排放，群众反映强烈。',
    target: '【示例】“散乱污”企业按关停取缔、整合搬迁、整改提升分类整治到位，杜绝异地转移和死灰复燃。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 60,
    issuedOffsetDays: -2,
    leadDepartment: 'yangming-district',
    cooperatingDepartments: ['city-eco-env-bureau', 'city-market-regulation-bureau', 'city-industry-it-bureau'],
    sector: 'AIR_INDUSTRY',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '阳明区人民政府区长（示例）',
    measures: [
      { key: 'M1', description: '全面排查，建立“散乱污”企业清单', dueOffsetDays: 15 },
      { key: 'M2', description: '分类实施关停取缔、整合搬迁、整改提升', dueOffsetDays: 50 },
      { key: 'M3', description: '开展整治“回头看”，防止反弹', dueOffsetDays: 60 },
    ],
    targetState: 'ISSUED',
  },

  // ---------------------------------------------------------------- self-found
  {
    key: 'SAMPLE-SF-01',
    code: '示例-自查-01',
    source: 'SELF_FOUND',
    batch: '示例批次：牡丹江干流入河排污口排查整治',
    finding: '【示例】牡丹江干流爱民区段排查发现2处未登记的入河排污口，存在雨污混接，旱季有污水排出。',
    target: '【示例】排污口按“取缔一批、合并一批、规范一批”完成整治，雨污混接全部改造，纳入排污口监督管理台账。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 10,
    issuedOffsetDays: -90,
    leadDepartment: 'aimin-district',
    cooperatingDepartments: ['city-eco-env-bureau', 'city-water-affairs-bureau', 'city-housing-urban-rural-bureau'],
    sector: 'WATER_ENVIRONMENT',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '爱民区人民政府区长（示例）',
    measures: [
      { key: 'M1', description: '溯源排查排污口对应的排污单位和管线', dueOffsetDays: -60 },
      { key: 'M2', description: '完成雨污混接改造，封堵取缔非法排污口', dueOffsetDays: -20 },
      { key: 'M3', description: '设置排污口标识牌，纳入监督管理台账', dueOffsetDays: -5 },
    ],
    targetState: 'ACCEPTANCE_REQUESTED',
  },

  // ---------------------------------------------------------------- petition cases (信访件)
  {
    // 不属实 finding: the second check (复核) and the 回访 are still owed before 办结 (ORD-PET-6)
    key: 'SAMPLE-PT-01',
    code: '示例-信访-01',
    source: 'PETITION',
    batch: BATCH_PETITION,
    finding: '【示例】信访件反映海林市某木材加工企业夜间通过暗管向海浪河偷排生产废水。',
    target: '【示例】查清反映问题，依法处理；经调查不属实的，经复核后向信访人反馈并公开调查处理结果。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 20,
    issuedOffsetDays: -25,
    leadDepartment: 'hailin-city',
    cooperatingDepartments: ['city-eco-env-bureau'],
    sector: 'WATER_ENVIRONMENT',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '海林市人民政府分管副市长（示例）',
    measures: [
      { key: 'M1', description: '现场核查企业排水去向，沿河排查暗管，采样监测', dueOffsetDays: -21 },
      { key: 'M2', description: '报送调查处理情况报告', dueOffsetDays: -18 },
    ],
    targetState: 'IN_PROGRESS',
    petition: {
      forwardedOffsetDays: -25,
      complainantSummary: '【示例】群众来电反映企业夜间偷排废水，河水有异味（信访人信息不公开）。',
      finding: 'UNTRUE',
    },
  },
  {
    // forwarded 14 days ago, first report (due within 7 working days) not yet filed -> late
    key: 'SAMPLE-PT-02',
    code: '示例-信访-02',
    source: 'PETITION',
    batch: BATCH_PETITION,
    finding: '【示例】信访件反映宁安市某村屯养殖户将畜禽粪便沿河堆放，雨天流入河道，臭味扰民。',
    target: '【示例】沿河堆放粪便全部清运，养殖户落实粪污贮存设施，依法查处违法行为并向信访人反馈。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 21,
    issuedOffsetDays: -9,
    leadDepartment: 'ning-an-city',
    cooperatingDepartments: ['city-agriculture-rural-bureau', 'city-eco-env-bureau'],
    sector: 'LIVESTOCK_AGRICULTURE',
    acceptanceDepartment: 'city-agriculture-rural-bureau',
    responsiblePerson: '宁安市人民政府分管副市长（示例）',
    measures: [
      { key: 'M1', description: '现场核查并报送调查处理情况', dueOffsetDays: -2 },
      { key: 'M2', description: '清运沿河堆放粪便，建设粪污贮存设施', dueOffsetDays: 14 },
    ],
    targetState: 'ASSIGNED',
    petition: {
      forwardedOffsetDays: -14,
      complainantSummary: '【示例】村民反映河边粪便堆放，夏季臭味严重、蚊蝇滋生（信访人信息不公开）。',
    },
  },
  {
    key: 'SAMPLE-PT-03',
    code: '示例-信访-03',
    source: 'PETITION',
    batch: BATCH_PETITION,
    finding: '【示例】信访件反映爱民区某烧烤店油烟未经净化直排，夜间经营噪声扰民。',
    target: '【示例】安装油烟净化设施并稳定运行，规范夜间经营，噪声达标，向信访人反馈并回访。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: -120,
    issuedOffsetDays: -150,
    leadDepartment: 'aimin-district',
    cooperatingDepartments: ['city-urban-management-bureau', 'city-eco-env-bureau'],
    sector: 'URBAN_NUISANCE',
    acceptanceDepartment: 'city-urban-management-bureau',
    responsiblePerson: '爱民区人民政府分管副区长（示例）',
    measures: [
      { key: 'M1', description: '现场核查并报送调查处理情况', dueOffsetDays: -145 },
      { key: 'M2', description: '督促安装油烟净化设施，规范经营时间', dueOffsetDays: -130 },
      { key: 'M3', description: '开展噪声监测并回访信访人', dueOffsetDays: -120 },
    ],
    targetState: 'CLOSED',
    petition: {
      forwardedOffsetDays: -150,
      complainantSummary: '【示例】居民反映楼下烧烤店油烟熏窗、深夜喧哗（信访人信息不公开）。',
      finding: 'BASICALLY_TRUE',
    },
  },
  {
    key: 'SAMPLE-PT-04',
    code: '示例-信访-04',
    source: 'PETITION',
    batch: BATCH_PETITION,
    finding: '【示例】信访件反映穆棱市某铸造企业生产时粉尘和异味较大，影响周边居民。',
    target: '【示例】企业废气收集处理设施完成升级改造并稳定达标，无组织排放得到控制，向信访人反馈。',
    deadlineKind: 'BY_DATE',
    deadlineOffsetDays: 30,
    issuedOffsetDays: -40,
    leadDepartment: 'muling-city',
    cooperatingDepartments: ['city-eco-env-bureau'],
    sector: 'AIR_INDUSTRY',
    acceptanceDepartment: 'city-eco-env-bureau',
    responsiblePerson: '穆棱市人民政府分管副市长（示例）',
    measures: [
      { key: 'M1', description: '现场核查并报送调查处理情况', dueOffsetDays: -35 },
      { key: 'M2', description: '企业完成熔炼、落砂工段废气收集处理设施改造', dueOffsetDays: 20 },
      { key: 'M3', description: '开展废气监督性监测，回访信访人', dueOffsetDays: 30 },
    ],
    targetState: 'IN_PROGRESS',
    petition: {
      forwardedOffsetDays: -40,
      complainantSummary: '【示例】周边居民反映工厂生产时烟尘大、有刺鼻气味（信访人信息不公开）。',
      finding: 'PARTLY_TRUE',
    },
  },
];
