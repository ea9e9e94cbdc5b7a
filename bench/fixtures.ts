import { randomUUID } from 'node:crypto';
import {
  addDays,
  defaultDomainConfig,
  rectificationOrderDecider,
  rectificationOrderEventTypes,
  rectificationOrderStreamId,
  shanghaiDate,
  type Actor,
  type CommandContext,
  type RectificationOrderCommand,
  type RectificationOrderState,
} from '@app/domain';
import { EventTypeRegistry, PostgresEventStore } from '@app/event-store';
import type { PgPool } from '@app/event-store';

const DEPARTMENTS = [
  'city-eco-env-bureau',
  'city-water-bureau',
  'city-housing-bureau',
  'ning-an-city',
  'hai-lin-city',
  'mu-ling-city',
  'dong-ning-city',
  'sui-fen-he-city',
];
const office: Actor = {
  userId: 'bench-office',
  displayName: '督察整改办',
  roles: ['supervision-office'],
  department: 'supervision-office',
};

export function orderRegistry(): EventTypeRegistry {
  return new EventTypeRegistry().register(...rectificationOrderEventTypes);
}

/**
 * Writes `orders` realistic rectification orders through the real decider and the real store:
 * issue, assign, start and `reports` progress reports each (3 + reports events per order), deadlines
 * spread from 200 days ago to 200 days ahead. Returns the number of events written.
 */
export async function generateOrders(pool: PgPool, orders: number, reports: number, concurrency = 16): Promise<number> {
  const store = new PostgresEventStore(pool, orderRegistry());
  const today = shanghaiDate(new Date());
  let next = 0;
  let written = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= orders) return;
        const department = DEPARTMENTS[i % DEPARTMENTS.length];
        const lead: Actor = { userId: `bench-lead-${department}`, displayName: department, roles: ['project-lead'], department };
        const deadline = addDays(today, (i % 400) - 200);
        const issuedOn = addDays(deadline, -180);
        const ctx = (actor: Actor, day: string): CommandContext => ({
          now: new Date(`${day}T10:00:00+08:00`),
          actor,
          config: defaultDomainConfig,
        });
        const commands: Array<[RectificationOrderCommand, Actor, string]> = [
          [
            {
              type: 'IssueOrder',
              orderId: randomUUID(),
              code: `BENCH-${i}`,
              source: 'CENTRAL_INSPECTION',
              batch: `基准批次 ${i % 10}`,
              finding: '镜泊湖周边部分村屯生活污水直排入湖',
              target: '完成截污纳管，入湖水质稳定达到Ⅲ类',
              deadlineKind: 'BY_DATE',
              deadline,
              measures: [{ measureId: randomUUID(), description: '铺设截污管网', dueDate: addDays(issuedOn, 90) }],
              petition: null,
            },
            office,
            issuedOn,
          ],
          [
            {
              type: 'AssignOrder',
              leadDepartment: department,
              responsiblePerson: '局长',
              cooperatingDepartments: [],
              acceptanceDepartment: 'city-eco-env-bureau',
            },
            office,
            issuedOn,
          ],
          [{ type: 'StartRectification' }, lead, addDays(issuedOn, 1)],
          ...Array.from({ length: reports }, (_, k): [RectificationOrderCommand, Actor, string] => [
            {
              type: 'ReportOrderProgress',
              reportId: randomUUID(),
              summary: `第 ${k + 1} 次进展报告：完成管网 ${k + 1} 公里`,
              percentComplete: Math.min(95, (k + 1) * 10),
            },
            lead,
            addDays(issuedOn, 2 + k),
          ]),
        ];
        let state: RectificationOrderState = rectificationOrderDecider.initialState();
        const events = [];
        for (const [command, actor, day] of commands) {
          const decided = rectificationOrderDecider.decide(command, state, ctx(actor, day));
          for (const e of decided) state = rectificationOrderDecider.evolve(state, e);
          events.push(...decided);
        }
        const id = (commands[0][0] as { orderId: string }).orderId;
        await store.append(
          rectificationOrderStreamId(id),
          'no-stream',
          events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown> })),
          {
            actor: office,
          },
        );
        written += events.length;
      }
    }),
  );
  return written;
}
