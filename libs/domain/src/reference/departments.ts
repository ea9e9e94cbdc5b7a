/**
 * Reference data: the bodies of Mudanjiang that orders and projects are assigned to (市政府工作部门,
 * 10 县（市）区人民政府, 镜泊湖风景名胜区管理委员会, 黑龙江绥阳林业局有限公司, and the office of the
 * supervision office). Ids are kebab-case ASCII and are what events and tokens carry; people see the
 * Chinese name (`departmentName`).
 */
export interface Department {
  /** kebab-case ascii */
  id: string;
  nameZh: string;
  nameEn: string;
  kind: 'city-department' | 'county-government' | 'enterprise' | 'office';
}

export const DEPARTMENTS: readonly Department[] = [
  // 市政府工作部门
  {
    id: 'city-eco-env-bureau',
    nameZh: '牡丹江市生态环境局',
    nameEn: 'Mudanjiang Municipal Bureau of Ecology and Environment',
    kind: 'city-department',
  },
  // named in the plan (第一章 一(三)): 市级生态环境保护综合行政执法局
  {
    id: 'city-eco-env-enforcement-bureau',
    nameZh: '牡丹江市生态环境保护综合行政执法局',
    nameEn: 'Mudanjiang Municipal Ecological and Environmental Protection Comprehensive Administrative Law Enforcement Bureau',
    kind: 'city-department',
  },
  {
    id: 'city-development-reform-commission',
    nameZh: '牡丹江市发展和改革委员会',
    nameEn: 'Mudanjiang Municipal Development and Reform Commission',
    kind: 'city-department',
  },
  {
    id: 'city-industry-it-bureau',
    nameZh: '牡丹江市工业和信息化局',
    nameEn: 'Mudanjiang Municipal Bureau of Industry and Information Technology',
    kind: 'city-department',
  },
  {
    id: 'city-science-technology-bureau',
    nameZh: '牡丹江市科学技术局',
    nameEn: 'Mudanjiang Municipal Bureau of Science and Technology',
    kind: 'city-department',
  },
  { id: 'city-finance-bureau', nameZh: '牡丹江市财政局', nameEn: 'Mudanjiang Municipal Bureau of Finance', kind: 'city-department' },
  {
    id: 'city-natural-resources-bureau',
    nameZh: '牡丹江市自然资源局',
    nameEn: 'Mudanjiang Municipal Bureau of Natural Resources',
    kind: 'city-department',
  },
  {
    id: 'city-housing-urban-rural-bureau',
    nameZh: '牡丹江市住房和城乡建设局',
    nameEn: 'Mudanjiang Municipal Bureau of Housing and Urban-Rural Development',
    kind: 'city-department',
  },
  {
    id: 'city-urban-management-bureau',
    nameZh: '牡丹江市城市管理综合执法局',
    nameEn: 'Mudanjiang Municipal Urban Management Comprehensive Law Enforcement Bureau',
    kind: 'city-department',
  },
  {
    id: 'city-water-affairs-bureau',
    nameZh: '牡丹江市水务局',
    nameEn: 'Mudanjiang Municipal Water Affairs Bureau',
    kind: 'city-department',
  },
  {
    id: 'city-agriculture-rural-bureau',
    nameZh: '牡丹江市农业农村局',
    nameEn: 'Mudanjiang Municipal Bureau of Agriculture and Rural Affairs',
    kind: 'city-department',
  },
  {
    id: 'city-forestry-grassland-bureau',
    nameZh: '牡丹江市林业和草原局',
    nameEn: 'Mudanjiang Municipal Forestry and Grassland Bureau',
    kind: 'city-department',
  },
  { id: 'city-transport-bureau', nameZh: '牡丹江市交通运输局', nameEn: 'Mudanjiang Municipal Transport Bureau', kind: 'city-department' },
  {
    id: 'city-public-security-bureau',
    nameZh: '牡丹江市公安局',
    nameEn: 'Mudanjiang Municipal Public Security Bureau',
    kind: 'city-department',
  },
  {
    id: 'city-health-commission',
    nameZh: '牡丹江市卫生健康委员会',
    nameEn: 'Mudanjiang Municipal Health Commission',
    kind: 'city-department',
  },
  {
    id: 'city-culture-tourism-bureau',
    nameZh: '牡丹江市文化广电和旅游局',
    nameEn: 'Mudanjiang Municipal Bureau of Culture, Radio, Television and Tourism',
    kind: 'city-department',
  },
  {
    id: 'city-emergency-management-bureau',
    nameZh: '牡丹江市应急管理局',
    nameEn: 'Mudanjiang Municipal Emergency Management Bureau',
    kind: 'city-department',
  },
  {
    id: 'city-market-regulation-bureau',
    nameZh: '牡丹江市市场监督管理局',
    nameEn: 'Mudanjiang Municipal Administration for Market Regulation',
    kind: 'city-department',
  },
  { id: 'city-education-bureau', nameZh: '牡丹江市教育局', nameEn: 'Mudanjiang Municipal Education Bureau', kind: 'city-department' },
  // 市政府派出机构 (manages the Jingpo Lake scenic area); modelled as a city department
  {
    id: 'jingpo-lake-admin-committee',
    nameZh: '镜泊湖风景名胜区管理委员会',
    nameEn: 'Jingpo Lake Scenic Area Administrative Committee',
    kind: 'city-department',
  },

  // 县（市）区人民政府
  { id: 'ning-an-city', nameZh: '宁安市人民政府', nameEn: "Ning'an City People's Government", kind: 'county-government' },
  { id: 'hailin-city', nameZh: '海林市人民政府', nameEn: "Hailin City People's Government", kind: 'county-government' },
  { id: 'muling-city', nameZh: '穆棱市人民政府', nameEn: "Muling City People's Government", kind: 'county-government' },
  { id: 'dongning-city', nameZh: '东宁市人民政府', nameEn: "Dongning City People's Government", kind: 'county-government' },
  { id: 'suifenhe-city', nameZh: '绥芬河市人民政府', nameEn: "Suifenhe City People's Government", kind: 'county-government' },
  { id: 'linkou-county', nameZh: '林口县人民政府', nameEn: "Linkou County People's Government", kind: 'county-government' },
  { id: 'dongan-district', nameZh: '东安区人民政府', nameEn: "Dong'an District People's Government", kind: 'county-government' },
  { id: 'yangming-district', nameZh: '阳明区人民政府', nameEn: "Yangming District People's Government", kind: 'county-government' },
  { id: 'aimin-district', nameZh: '爱民区人民政府', nameEn: "Aimin District People's Government", kind: 'county-government' },
  { id: 'xi-an-district', nameZh: '西安区人民政府', nameEn: "Xi'an District People's Government", kind: 'county-government' },

  // 企业 (named in 专栏7 as the owner of ZL7-3)
  {
    id: 'suiyang-forestry-bureau-co',
    nameZh: '黑龙江绥阳林业局有限公司',
    nameEn: 'Heilongjiang Suiyang Forestry Bureau Co., Ltd.',
    kind: 'enterprise',
  },

  // 督察整改办 (the `supervision-office` role's home department)
  {
    id: 'city-inspection-rectification-office',
    nameZh: '牡丹江市生态环境保护督察整改工作领导小组办公室',
    nameEn: 'Office of the Mudanjiang Leading Group for Rectification after Ecological and Environmental Protection Inspections',
    kind: 'office',
  },
];

/** The supervision office's own department: 待交办 items are escalated to it (ESC-ASSIGN-1). */
export const SUPERVISION_OFFICE_DEPARTMENT = 'city-inspection-rectification-office';

const byId = new Map(DEPARTMENTS.map((d) => [d.id, d]));

export function findDepartment(id: string): Department | undefined {
  return byId.get(id);
}

/** The Chinese name of a department id, for messages; an id outside the reference list is shown as it is. */
export function departmentName(id: string): string {
  return byId.get(id)?.nameZh ?? id;
}
