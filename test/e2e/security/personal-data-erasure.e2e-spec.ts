import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Consumer } from 'kafkajs';
import { addDays, ERASED_PLACEHOLDER, shanghaiDate } from '@app/domain';
import { createKafka, ensureTopics } from '@app/messaging';
import { MinPositionInterceptor } from '../../../apps/api/src/shared/min-position.interceptor';
import { testBroker } from '../../kafka/broker';
import { createTestApp, type TestApp } from '../../support/app';

/*
 * A petition case with its petitioner, a responsible person and a follow-up visit marked as holding
 * personal data, through HTTP with the app in Kafka mode. Before erasure the readers who may see the
 * case see the data, other departments do not, and the event log, the HTTP feed and Kafka carry only
 * references. After the petitioner and the responsible person are erased, no HTTP answer, feed page,
 * Kafka message or exported workbook contains any of the values, and the readers see “（已依法删除）”.
 */

jest.setTimeout(120_000);

const ORDERS = '/api/v1/rectification-orders';
const LEAD = 'ning-an-city';
const OTHER = 'hailin-city';
const prefix = `pii${randomBytes(4).toString('hex')}`;
const today = () => shanghaiDate(new Date());

const NAME = '王小明';
const PHONE = '13912345678';
const ADDRESS = '牡丹江市爱民区向阳街5号';
const RESPONSIBLE = '赵振国';
const VISIT = `电话回访信访人${NAME}（手机 ${PHONE}），异味已消除。`;
const SECRETS = [NAME, PHONE, ADDRESS, RESPONSIBLE];

let t: TestApp;
let consumer: Consumer;
const logLines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
const received: Array<{ id: string; text: string }> = [];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const broker = await testBroker();
  const brokers = broker.brokers;
  t = await createTestApp({ KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix, LOG_LEVEL: 'info' }, { logDestination: capture });
  tokens.office = await t.token('supervision-office');
  tokens.leadership = await t.token('leadership');
  tokens.admin = await t.token('admin');
  tokens.lead = await t.token('project-lead', LEAD);
  tokens.other = await t.token('project-lead', OTHER);
  tokens.integrator = await t.token('integrator');

  const topics = ['rectification-order', 'personal-data'].map((c) => `${prefix}.${c}.events.v1`);
  const kafka = createKafka({ brokers, clientId: 'pii-test', topicPrefix: prefix, categories: [], partitions: 3 });
  await ensureTopics(kafka, topics, 3);
  await broker.serving({ topics });
  consumer = kafka.consumer({ groupId: `${prefix}.pii-test` });
  await consumer.connect();
  // A topic created a moment ago may not be known to the broker's metadata yet (UNKNOWN_TOPIC_OR_PARTITION,
  // retriable): subscribe again until it is.
  for (const deadline = Date.now() + 30_000; ;) {
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      break;
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await consumer.run({
    eachMessage: async ({ message }) => {
      const text = message.value?.toString('utf8') ?? '';
      received.push({ id: (JSON.parse(text) as { id: string }).id, text });
    },
  });
}, 240_000);
afterAll(async () => {
  await consumer?.disconnect();
  await t?.close();
}, 60_000);

async function settle(): Promise<string> {
  const { rows } = await t.db.pool.query<{ max: string }>('SELECT max(position)::text AS max FROM event_store.events');
  await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
  return rows[0].max;
}

async function post(path: string, token: string, body: object = {}, expected = 200) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

async function get(path: string, token: string): Promise<string> {
  const res = await t.http().get(path).set('authorization', `Bearer ${token}`).expect(200);
  return JSON.stringify(res.body);
}

async function exportedText(token: string): Promise<string> {
  const res = await t
    .http()
    .get(`${ORDERS}/export.xlsx`)
    .set('authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as ExcelJS.Buffer);
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells.join('\n');
}

/** Every feed page from the start, as one text. */
async function feedText(token: string): Promise<string> {
  const pages: string[] = [];
  for (let after = '0'; ;) {
    const res = await t.http().get(`/api/v1/events?after=${after}&limit=1000`).set('authorization', `Bearer ${token}`).expect(200);
    if (res.body.items.length === 0) return pages.join('\n');
    pages.push(JSON.stringify(res.body.items));
    after = res.body.next;
  }
}

/** Every Kafka message up to (and including) the log's last event, as one text. */
async function kafkaText(): Promise<string> {
  const { rows } = await t.db.pool.query<{ event_id: string }>(
    `SELECT event_id FROM event_store.events WHERE stream_id LIKE 'rectification-order-%' OR stream_id LIKE 'personal-data-%'`,
  );
  const expected = new Set(rows.map((r) => r.event_id));
  const deadline = Date.now() + 60_000;
  while (![...expected].every((id) => received.some((m) => m.id === id))) {
    if (Date.now() > deadline) throw new Error(`Kafka: ${received.length} messages, ${expected.size} events expected`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return received.map((m) => m.text).join('\n');
}

function containsNone(text: string, where: string): void {
  for (const secret of SECRETS) {
    if (text.includes(secret)) throw new Error(`${where} contains “${secret}”`);
  }
}

let orderId = '';

describe('a petition case with personal data', () => {
  beforeAll(async () => {
    const issued = await post(
      ORDERS,
      tokens.office,
      {
        code: `信访-${randomBytes(3).toString('hex')}`,
        source: 'PETITION',
        batch: '中央督察转办信访件',
        finding: '群众反映某养殖场夜间排放异味。',
        target: '查清问题，依法处理，回应群众。',
        deadlineKind: 'BY_DATE',
        deadline: addDays(today(), 30),
        measures: [],
        petition: { forwardedOn: today(), caseNumber: 'D-PII-1', petitioner: { name: NAME, contact: PHONE, address: ADDRESS } },
      },
      201,
    );
    orderId = issued.body.id as string;
    await post(`${ORDERS}/${orderId}/assign`, tokens.office, {
      leadDepartment: LEAD,
      responsiblePerson: RESPONSIBLE,
      cooperatingDepartments: [],
      acceptanceDepartment: 'city-eco-env-bureau',
    });
    await post(`${ORDERS}/${orderId}/report-petition-finding`, tokens.lead, {
      finding: 'TRUE',
      summary: `经核实，${NAME}反映的夜间排放异味问题属实，已责令整改。`,
      containsPersonalData: true,
    });
    await post(`${ORDERS}/${orderId}/record-follow-up-visit`, tokens.office, {
      visitedOn: today(),
      summary: VISIT,
      satisfied: true,
      containsPersonalData: true,
    });
    await settle();
  });

  it('keeps the log free of personal data: the events carry references', async () => {
    const { rows } = await t.db.pool.query<{ data: string }>(`SELECT data::text FROM event_store.events WHERE stream_id = $1`, [
      `rectification-order-${orderId}`,
    ]);
    const log = rows.map((r) => r.data).join('\n');
    containsNone(log, 'the event log');
    expect(log).toMatch(/"pii": ?"[0-9a-f-]{36}"/);
  });

  it('shows the data to the supervision office, leadership and the lead department', async () => {
    for (const token of [tokens.office, tokens.leadership, tokens.lead]) {
      const res = await t.http().get(`${ORDERS}/${orderId}`).set('authorization', `Bearer ${token}`).expect(200);
      expect(res.body.petitionCase.petitioner).toEqual({ name: NAME, contact: PHONE, address: ADDRESS });
      expect(res.body.petitionCase.followUpVisits[0].summary).toBe(VISIT);
      expect(res.body.responsiblePerson).toBe(RESPONSIBLE);
    }
  });

  it('shows another department that the case exists, not what it says', async () => {
    const detail = await t.http().get(`${ORDERS}/${orderId}`).set('authorization', `Bearer ${tokens.other}`).expect(200);
    expect(detail.body).toMatchObject({ id: orderId, source: 'PETITION', status: 'ASSIGNED', leadDepartment: LEAD });
    const texts = [
      JSON.stringify(detail.body),
      await get(`${ORDERS}/${orderId}/history`, tokens.other),
      await get(`${ORDERS}?pageSize=100`, tokens.other),
      await get(`/api/v1/ledger/orders?pageSize=100`, tokens.other),
      await get(`/api/v1/ledger/overview`, tokens.other),
      await get(`/api/v1/deadlines?pageSize=100`, tokens.other),
      await get(`${ORDERS}?text=${encodeURIComponent('养殖场')}`, tokens.other),
      await feedText(tokens.other),
      await exportedText(tokens.other),
    ];
    for (const text of texts) {
      containsNone(text, 'a reply to another department');
      expect(text).not.toContain('养殖场');
    }
    expect(JSON.parse(await get(`${ORDERS}?text=${encodeURIComponent('养殖场')}`, tokens.other)).total).toBe(0);
    expect(JSON.parse(await get(`${ORDERS}?text=${encodeURIComponent('养殖场')}`, tokens.office)).total).toBe(1);
  });

  it('publishes no personal data to the feed or Kafka', async () => {
    await settle();
    containsNone(await feedText(tokens.integrator), 'the HTTP feed');
    containsNone(await kafkaText(), 'Kafka');
  });

  it('is erased by leadership or the administrator only, audited, once', async () => {
    const listed = await t
      .http()
      .get(`/api/v1/personal-data/subjects?orderId=${orderId}`)
      .set('authorization', `Bearer ${tokens.admin}`)
      .expect(200);
    const subjects = listed.body.items as Array<{ subjectId: string; kind: string; erasedAt: string | null }>;
    expect(subjects.map((s) => s.kind).sort()).toEqual(['PETITIONER', 'RESPONSIBLE_PERSON']);
    expect(JSON.stringify(listed.body)).not.toContain(NAME);
    const petitioner = subjects.find((s) => s.kind === 'PETITIONER')!.subjectId;
    const responsible = subjects.find((s) => s.kind === 'RESPONSIBLE_PERSON')!.subjectId;
    const reason = { reason: '信访人依《个人信息保护法》第四十七条申请删除' };

    const refused = await post(`/api/v1/personal-data/subjects/${petitioner}/erasure`, tokens.office, reason, 403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    await post(`/api/v1/personal-data/subjects/${petitioner}/erasure`, tokens.admin, reason);
    await post(`/api/v1/personal-data/subjects/${responsible}/erasure`, tokens.leadership, { reason: '责任人调离，保存期限届满' });
    const again = await post(`/api/v1/personal-data/subjects/${petitioner}/erasure`, tokens.leadership, reason, 409);
    expect(again.body.code).toBe('PERSONAL_DATA_ALREADY_ERASED');

    const { rows } = await t.db.pool.query<{ type: string; data: { subjectId: string; erasedBy: string } }>(
      `SELECT type, data FROM event_store.events WHERE stream_id = $1`,
      [`personal-data-${petitioner}`],
    );
    expect(rows).toEqual([
      { type: 'PersonalDataErased', data: expect.objectContaining({ subjectId: petitioner, erasedBy: 'test-admin' }) },
    ]);
    const audit = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.audit === true);
    expect(audit).toContainEqual(expect.objectContaining({ event: 'personal-data.erased', userId: 'test-admin', status: 200 }));
    expect(audit).toContainEqual(expect.objectContaining({ event: 'access.denied', userId: 'test-supervision-office', status: 403 }));
  });

  it('after erasure, no answer, feed page, Kafka message or export contains the erased values', async () => {
    await settle();
    const detail = await t.http().get(`${ORDERS}/${orderId}`).set('authorization', `Bearer ${tokens.office}`).expect(200);
    expect(detail.body.petitionCase.petitioner).toEqual({
      name: ERASED_PLACEHOLDER,
      contact: ERASED_PLACEHOLDER,
      address: ERASED_PLACEHOLDER,
    });
    expect(detail.body.petitionCase.followUpVisits[0].summary).toBe(ERASED_PLACEHOLDER);
    expect(detail.body.petitionCase.findingSummary).toBe(ERASED_PLACEHOLDER);
    expect(detail.body.responsiblePerson).toBe(ERASED_PLACEHOLDER);

    const exported = await exportedText(tokens.office);
    expect(exported).toContain(ERASED_PLACEHOLDER);
    const texts: Array<[string, string]> = [
      ['the detail', JSON.stringify(detail.body)],
      ['the detail as of today', await get(`${ORDERS}/${orderId}?asOf=${today()}`, tokens.office)],
      ['the history', await get(`${ORDERS}/${orderId}/history`, tokens.office)],
      ['the list', await get(`${ORDERS}?pageSize=100`, tokens.office)],
      ['the ledger', await get(`/api/v1/ledger/orders?pageSize=100`, tokens.leadership)],
      ['the deadlines', await get(`/api/v1/deadlines`, tokens.office)],
      ['the lead department’s detail', await get(`${ORDERS}/${orderId}`, tokens.lead)],
      ['the export', exported],
      ['the HTTP feed', await feedText(tokens.integrator)],
      ['Kafka', await kafkaText()],
    ];
    for (const [where, text] of texts) containsNone(text, where);
    containsNone(logLines.join('\n'), 'the logs');
    // The log itself is untouched: still every event, in order.
    const { rows } = await t.db.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM event_store.events WHERE stream_id = $1`, [
      `rectification-order-${orderId}`,
    ]);
    expect(Number(rows[0].n)).toBe(4);
  });
});
