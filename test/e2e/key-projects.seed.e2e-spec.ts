import { SEED_KEY_PROJECTS } from '@app/seed';
import { KeyProjectSeeder } from '../../apps/api/src/key-projects/key-project.seeder';
import { createTestApp, eventCount, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ SEED_PLAN: 'true' });
}, 60_000);
afterAll(() => t.close());

async function headPosition(): Promise<string> {
  return String((await t.db.pool.query('SELECT max(position) AS p FROM event_store.events')).rows[0].p);
}

describe('plan register seed', () => {
  it('registers all 23 key projects and 10 commitments with their milestones', async () => {
    const token = await t.token('integrator');
    const res = await t
      .http()
      .get('/api/v1/key-projects?pageSize=100')
      .set('authorization', `Bearer ${token}`)
      .set('x-min-position', await headPosition())
      .expect(200);
    expect(res.body.total).toBe(33);
    expect(res.body.items.filter((p: { kind: string }) => p.kind === 'COMMITMENT')).toHaveLength(10);
    const landfill = res.body.items.find((p: { code: string }) => p.code === 'ZL8-1');
    expect(landfill).toMatchObject({
      name: '郭家沟生活垃圾处理场二期填埋库区封场治理暨飞灰处置项目',
      planBox: 8,
      leadDepartment: null,
      status: 'PLANNED',
      plannedInvestment: null,
    });
    const milestones = SEED_KEY_PROJECTS.reduce((n, p) => n + p.milestones.length, 0);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM event_store.events WHERE stream_id LIKE 'key-project-%'`);
    expect(rows[0].n).toBe(33 + milestones);
    const zl11 = res.body.items.find((p: { code: string }) => p.code === 'ZL1-1');
    expect(zl11.milestones).toHaveLength(4);
    expect(zl11.milestones[0]).toMatchObject({ baselineDate: null, varianceDays: null });
  });

  it('appends nothing when run again', async () => {
    const before = await eventCount(t);
    expect(await t.app.get(KeyProjectSeeder).seed()).toEqual({ registered: 0, milestones: 0 });
    expect(await eventCount(t)).toBe(before);
  });
});
