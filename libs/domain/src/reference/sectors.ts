import type { OrderSector } from '../rectification-order/rectification-order.commands';

/**
 * 谁主管谁验收: the department in charge of each sector of findings checks the rectification of an
 * order of that sector. The split follows the city's departments' duties (三定方案): urban sewage and
 * construction dust are the housing bureau's, domestic waste and street nuisances (油烟、噪声) the
 * urban-management bureau's, rivers and water works the water bureau's, livestock and farm pollution
 * (畜禽粪污、秸秆) the agriculture bureau's, mines the natural-resources bureau's, forests and
 * protected areas the forestry bureau's; pollution from industry, drinking-water sources and solid or
 * hazardous waste stay with the ecology and environment bureau.
 */
export interface SectorDefinition {
  sector: OrderSector;
  labelZh: string;
  acceptanceDepartment: string;
}

export const SECTORS: readonly SectorDefinition[] = [
  { sector: 'WATER_ENVIRONMENT', labelZh: '水生态环境（流域水质、入河排污口）', acceptanceDepartment: 'city-eco-env-bureau' },
  { sector: 'URBAN_SEWAGE', labelZh: '城镇污水收集处理', acceptanceDepartment: 'city-housing-urban-rural-bureau' },
  { sector: 'WATER_CONSERVANCY', labelZh: '河湖管理与水利工程', acceptanceDepartment: 'city-water-affairs-bureau' },
  { sector: 'DRINKING_WATER_SOURCE', labelZh: '饮用水水源保护', acceptanceDepartment: 'city-eco-env-bureau' },
  { sector: 'AIR_INDUSTRY', labelZh: '大气与工业污染（燃煤锅炉、工业企业）', acceptanceDepartment: 'city-eco-env-bureau' },
  { sector: 'CONSTRUCTION_DUST', labelZh: '建筑施工扬尘', acceptanceDepartment: 'city-housing-urban-rural-bureau' },
  { sector: 'DOMESTIC_WASTE', labelZh: '生活垃圾处理', acceptanceDepartment: 'city-urban-management-bureau' },
  { sector: 'URBAN_NUISANCE', labelZh: '餐饮油烟与社会生活噪声', acceptanceDepartment: 'city-urban-management-bureau' },
  { sector: 'LIVESTOCK_AGRICULTURE', labelZh: '畜禽养殖与农业面源（含秸秆焚烧）', acceptanceDepartment: 'city-agriculture-rural-bureau' },
  { sector: 'SOLID_WASTE', labelZh: '固体废物与危险废物', acceptanceDepartment: 'city-eco-env-bureau' },
  { sector: 'MINING_ECOLOGY', labelZh: '矿山生态修复', acceptanceDepartment: 'city-natural-resources-bureau' },
  { sector: 'FOREST_GRASSLAND', labelZh: '森林草原与自然保护地', acceptanceDepartment: 'city-forestry-grassland-bureau' },
  { sector: 'OTHER', labelZh: '其他', acceptanceDepartment: 'city-eco-env-bureau' },
];

export const orderSectors: readonly OrderSector[] = SECTORS.map((s) => s.sector);

export const sectorLabels = Object.fromEntries(SECTORS.map((s) => [s.sector, s.labelZh])) as Record<OrderSector, string>;

/** The department that checks acceptance of an order of this sector. */
export function sectorAcceptanceDepartment(sector: OrderSector): string {
  const found = SECTORS.find((s) => s.sector === sector);
  return found ? found.acceptanceDepartment : 'city-eco-env-bureau';
}
