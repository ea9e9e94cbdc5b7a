import { sectorAcceptanceDepartment } from '../reference/sectors';
import { SAMPLE_ORDERS } from './sample-orders';

describe('示例 orders', () => {
  it('谁主管谁验收: each is accepted by the department in charge of its finding’s sector', () => {
    const wrong = SAMPLE_ORDERS.filter((o) => o.acceptanceDepartment !== sectorAcceptanceDepartment(o.sector)).map((o) => o.key);
    expect(wrong).toEqual([]);
  });

  it('are not all accepted by the ecology and environment bureau', () => {
    const departments = new Set(SAMPLE_ORDERS.map((o) => o.acceptanceDepartment));
    expect([...departments].sort()).toEqual([
      'city-agriculture-rural-bureau',
      'city-eco-env-bureau',
      'city-housing-urban-rural-bureau',
      'city-natural-resources-bureau',
      'city-urban-management-bureau',
    ]);
  });
});
