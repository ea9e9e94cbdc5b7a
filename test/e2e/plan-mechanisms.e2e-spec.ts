import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { createHash } from 'node:crypto';
import { PUBLIC_FIELDS, shanghaiDate } from '@app/domain';
import { MinPositionInterceptor } from '../../apps/api/src/shared/min-position.interceptor';
import { EscalationScheduler } from '../../apps/worker/src/scheduler/escalation.scheduler';
import { createTestApp, type TestApp } from '../support/app';

/**
 * Official documents (公文) on the sample data: each gets its 文号 from the register of its kind and
 * year, is downloadable as .docx, and the file (read back with a zip reader) says the 文号, the title and
 * the figures it is about; downloading it again gives the same bytes.
 */

const DOCS = '/api/v1/documents';
const OUTPUT = join(__dirname, '../../test-output/documents');
let t: TestApp;
const tokens: Record<string, string> = {};
const year = Number(shanghaiDate(new Date()).slice(0, 4));

beforeAll(async () => {
  t = await createTestApp({ SEED_PLAN: 'true', SEED_SAMPLES: 'true' });
  tokens.supervision = await t.token('supervision-office');
  tokens.leadership = await t.token('leadership', null, 'leader-zhang');
  tokens.lead = await t.token('project-lead', 'ning-an-city');
  tokens.integrator = await t.token('integrator');
  // The samples' overdue orders raise escalations on the scheduler's first tick.
  await settle();
  await t.app.get(EscalationScheduler).tick();
  await settle();
});
afterAll(() => t.close());

async function settle(): Promise<void> {
  const { rows } = await t.db.pool.query<{ max: string | null }>('SELECT max(position) FROM event_store.events');
  if (rows[0].max) await t.app.get(MinPositionInterceptor).waitFor(BigInt(rows[0].max));
}

async function post(path: string, token: string, body: object, expected: number) {
  const res = await t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  if (res.status !== expected) throw new Error(`${path} → ${res.status} (expected ${expected}): ${JSON.stringify(res.body)}`);
  return res;
}

async function download(url: string): Promise<Buffer> {
  const res = await t
    .http()
    .get(url)
    .set('authorization', `Bearer ${tokens.integrator}`)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(res.headers['content-type']).toMatch(/wordprocessingml|spreadsheetml/);
  expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
  // Kept for a look (and for rendering to PNG): test-output/documents/<register>-<n>.docx
  mkdirSync(OUTPUT, { recursive: true });
  const [, kind] = /\/(docx|xlsx)$/.exec(url) ?? [];
  writeFileSync(join(OUTPUT, `${url.split('/').slice(-3, -1).join('-')}.${kind}`), res.body as Buffer);
  return res.body as Buffer;
}

/** The document's text, as a docx reader sees it: word/document.xml without its markup. */
async function docxText(file: Buffer): Promise<{ text: string; xml: string; fonts: string }> {
  const zip = await JSZip.loadAsync(file);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const fonts = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
  return { text: xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, ''), xml, fonts };
}

describe('督办单 from an escalation’s supervision notice', () => {
  let escalationId: string;
  let subjectCode: string;

  beforeAll(async () => {
    const res = await t
      .http()
      .get('/api/v1/escalations')
      .query({ status: 'OPEN' })
      .set('authorization', `Bearer ${tokens.leadership}`)
      .expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    const first = res.body.items.find((e: { dueDate: string | null }) => e.dueDate) ?? res.body.items[0];
    escalationId = first.id;
    subjectCode = first.subjectCode;
  });

  it('is refused while no supervision notice was issued, saying what to do', async () => {
    const res = await post(`${DOCS}/supervision-notices`, tokens.supervision, { escalationId }, 422);
    expect(res.body).toMatchObject({ code: 'NO_SUPERVISION_NOTICE' });
    expect(res.body.detail).toContain('督办单');
  });

  it('numbers it once, and its .docx says the 文号, the title, the department and the days overdue', async () => {
    await post(
      `/api/v1/escalations/${escalationId}/supervision-notice`,
      tokens.supervision,
      { text: '请于10日内完成整改并书面报告。' },
      200,
    );
    await post(`${DOCS}/supervision-notices`, tokens.lead, { escalationId }, 403);
    const first = await post(`${DOCS}/supervision-notices`, tokens.supervision, { escalationId }, 201);
    expect(first.body).toMatchObject({ kind: 'SUPERVISION_NOTICE', sequence: 1, documentNumber: `牡生态督〔${year}〕1号`, created: true });
    expect(first.headers.location).toBe(first.body.downloadUrl);
    const again = await post(`${DOCS}/supervision-notices`, tokens.leadership, { escalationId }, 200);
    expect(again.body).toMatchObject({ documentNumber: first.body.documentNumber, created: false });

    const file = await download(first.body.downloadUrl);
    const { text, xml, fonts } = await docxText(file);
    expect(text).toContain(`牡生态督〔${year}〕1号`);
    expect(text).toContain(first.body.title);
    expect(first.body.title).toContain(subjectCode);
    expect(text).toContain('请于10日内完成整改并书面报告。');
    expect(text).toMatch(/已逾期\d+天/);
    expect(text).toContain('牡丹江市生态环境保护督察整改工作领导小组办公室');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(fonts).toContain('<w:altName w:val="Noto Sans CJK SC"/>');
    // Frozen at numbering: the same bytes every time.
    expect((await download(first.body.downloadUrl)).equals(file)).toBe(true);
  });
});

describe('督办通报 for a period', () => {
  it('lists the overdue items and departments of the period, by leadership only', async () => {
    const from = `${year}-01-01`;
    const to = shanghaiDate(new Date());
    await post(`${DOCS}/overdue-circulars`, tokens.supervision, { from, to }, 403);
    expect((await post(`${DOCS}/overdue-circulars`, tokens.leadership, { from: to, to: '2021-01-01' }, 422)).body.code).toBe(
      'PERIOD_INVALID',
    );
    const res = await post(`${DOCS}/overdue-circulars`, tokens.leadership, { from: `${year - 1}-01-01`, to }, 201);
    expect(res.body.documentNumber).toMatch(new RegExp(`^牡生态通〔${year}〕\\d+号$`));
    const { rows } = await t.db.pool.query<{ n: string; departments: string }>(
      `SELECT count(*) AS n, count(DISTINCT coalesce(department, '')) AS departments FROM read_models.deadlines
       WHERE due_date BETWEEN $1::date AND $2::date AND due_date < $2::date AND (done_on IS NULL OR done_on > due_date)
         AND subject_status <> 'CANCELLED'`,
      [`${year - 1}-01-01`, to],
    );
    expect(Number(rows[0].n)).toBeGreaterThan(0);
    const { text } = await docxText(await download(res.body.downloadUrl));
    expect(text).toContain(res.body.documentNumber);
    expect(text).toContain(res.body.title);
    expect(text).toContain(`共有${rows[0].n}项事项逾期，涉及${rows[0].departments}个责任单位`);
  });
});

describe('整改销号审批表 for a closed order', () => {
  it('is only for a closed order, and says its code, departments and closing date', async () => {
    const closed = await t.db.pool.query<{ id: string; code: string; closed_on: string }>(
      `SELECT id, code, (data->>'closedOn') AS closed_on FROM read_models.rectification_orders o
       JOIN event_store.events e ON e.stream_id = 'rectification-order-' || o.id::text AND e.type = 'OrderClosed'
       WHERE o.status = 'CLOSED' ORDER BY code LIMIT 1`,
    );
    expect(closed.rows).toHaveLength(1);
    const open = await t.db.pool.query<{ id: string }>(
      `SELECT id FROM read_models.rectification_orders WHERE status = 'IN_PROGRESS' LIMIT 1`,
    );
    const refused = await post(`${DOCS}/closure-approvals`, tokens.supervision, { orderId: open.rows[0].id }, 422);
    expect(refused.body.code).toBe('ORDER_NOT_CLOSED');
    await post(`${DOCS}/closure-approvals`, tokens.leadership, { orderId: closed.rows[0].id }, 403);
    const res = await post(`${DOCS}/closure-approvals`, tokens.supervision, { orderId: closed.rows[0].id }, 201);
    expect(res.body).toMatchObject({ documentNumber: `牡整改销〔${year}〕1号`, title: `整改销号审批表（${closed.rows[0].code}）` });
    const { text } = await docxText(await download(res.body.downloadUrl));
    expect(text).toContain(`牡整改销〔${year}〕1号`);
    expect(text).toContain(closed.rows[0].code);
    expect(text).toContain(closed.rows[0].closed_on);
    expect(text).toContain('同意销号');
  });
});

describe('年度考核 and its 考核结果', () => {
  it('scores every department with a breakdown whose figures add up, and as of an earlier day as the log stood then', async () => {
    const res = await t.http().get(`/api/v1/assessments/${year}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    expect(res.body.asOf).toBe(shanghaiDate(new Date()));
    expect(res.body.config.weights).toEqual({ onTimeOriginal: 30, onTimeCurrent: 20, indicators: 25, milestones: 25 });
    const departments = res.body.departments as Array<{
      department: string;
      departmentName: string;
      score: number;
      base: number;
      rank: number;
      components: Array<{ total: number; met: number; points: number; items: Array<{ ok: boolean; link: string }> }>;
      deductions: Array<{ points: number; items: unknown[] }>;
    }>;
    expect(departments.length).toBeGreaterThan(1);
    for (const d of departments) {
      expect(d.departmentName).not.toBe(d.department);
      for (const c of d.components) {
        expect(c.items).toHaveLength(c.total);
        expect(c.items.filter((i) => i.ok)).toHaveLength(c.met);
        for (const i of c.items) expect(i.link).toMatch(/^\/(projects|orders|indicators)\//);
      }
      const deducted = d.deductions.reduce((s, x) => s + x.points, 0);
      expect(d.score).toBeCloseTo(Math.max(0, d.base - deducted), 1);
    }
    expect(departments.map((d) => d.rank)).toEqual(departments.map((_, i) => i + 1));
    const one = await t
      .http()
      .get(`/api/v1/assessments/${year}/departments/${departments[0].department}`)
      .set('authorization', `Bearer ${tokens.lead}`)
      .expect(200);
    expect(one.body.score).toBe(departments[0].score);
    // Before anything was recorded the log held nothing to assess.
    const before = await t
      .http()
      .get(`/api/v1/assessments/${year}`)
      .query({ asOf: `${year}-01-01` })
      .set('authorization', `Bearer ${tokens.integrator}`);
    if (shanghaiDate(new Date()) > `${year}-01-01`) expect(before.body.departments).toEqual([]);
    await t
      .http()
      .get(`/api/v1/assessments/${year}`)
      .query({ asOf: '2020-01-01' })
      .set('authorization', `Bearer ${tokens.integrator}`)
      .expect(422);
  });

  it('numbers the 年度考核结果, whose .docx ranks the departments with their scores', async () => {
    await post(`${DOCS}/assessment-results`, tokens.supervision, { year }, 403);
    const res = await post(`${DOCS}/assessment-results`, tokens.leadership, { year }, 201);
    expect(res.body).toMatchObject({ documentNumber: `牡生态考〔${year}〕1号`, kind: 'ASSESSMENT_RESULT' });
    const assessment = await t.http().get(`/api/v1/assessments/${year}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    const { text } = await docxText(await download(res.body.downloadUrl));
    expect(text).toContain(`牡生态考〔${year}〕1号`);
    expect(text).toContain(res.body.title);
    const first = assessment.body.departments[0];
    expect(text).toContain(`${first.departmentName}\n${first.score.toFixed(1)}\n${first.grade}`);
    expect(text).toContain('按原定时限完成率30分');
  });
});

describe('目标责任书', () => {
  const LIST = `/api/v1/target-responsibility`;

  it('derives each department’s list, leadership signs it, and a later order shows as a change against it', async () => {
    const res = await t.http().get(`${LIST}/${year}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    const lists = res.body.departments as Array<{
      department: string;
      departmentName: string;
      entries: Array<{ kind: string; key: string }>;
      signed: unknown;
    }>;
    expect(lists.length).toBeGreaterThan(1);
    const mine = lists.find((l) => l.department === 'ning-an-city')!;
    expect(mine.departmentName).toBe('宁安市人民政府');
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.signed).toBeNull();

    await post(`${LIST}/${year}/departments/ning-an-city/sign`, tokens.supervision, {}, 403);
    const signed = await post(`${LIST}/${year}/departments/ning-an-city/sign`, tokens.leadership, { note: '经领导小组会议审定' }, 200);
    expect(signed.body).toMatchObject({ year, department: 'ning-an-city', entries: mine.entries.length });
    const refused = await post(`${LIST}/${year}/departments/nowhere/sign`, tokens.leadership, {}, 422);
    expect(refused.body.code).toBe('UNKNOWN_DEPARTMENT');

    // A new order of the department, due this year, after the signing.
    const order = await post(
      '/api/v1/rectification-orders',
      tokens.supervision,
      {
        code: `督察-目标-${year}`,
        source: 'CENTRAL_INSPECTION',
        batch: '第二轮中央生态环境保护督察',
        finding: '牡丹江干流部分排污口未完成整治。',
        target: '排污口全部完成整治。',
        deadlineKind: 'BY_DATE',
        deadline: `${year}-12-30`,
        measures: [],
      },
      201,
    );
    await post(
      `/api/v1/rectification-orders/${order.body.id}/assign`,
      tokens.supervision,
      {
        leadDepartment: 'ning-an-city',
        responsiblePerson: '宁安市人民政府市长',
        cooperatingDepartments: [],
        acceptanceDepartment: 'city-eco-env-bureau',
      },
      200,
    );
    await settle();
    const after = await t.http().get(`${LIST}/${year}/departments/ning-an-city`).set('authorization', `Bearer ${tokens.lead}`).expect(200);
    expect(after.body.signed).toMatchObject({ note: '经领导小组会议审定', signedByName: '测试用户 leadership' });
    expect(after.body.signed.entries).toHaveLength(mine.entries.length);
    expect(after.body.changes.added.map((e: { code: string }) => e.code)).toEqual([`督察-目标-${year}`]);
    expect(after.body.changes.removed).toEqual([]);
  });
});

describe('信息公开 (public bulletin)', () => {
  /** Every object of a public answer has only whitelisted fields (PUB-FIELDS-1). */
  function leaks(body: unknown): string[] {
    const found: string[] = [];
    const check = (obj: Record<string, unknown>, allowed: readonly string[], where: string) => {
      for (const key of Object.keys(obj)) if (!allowed.includes(key)) found.push(`${where}.${key}`);
    };
    const progress = (p: Record<string, unknown>, where: string) => {
      check(p, PUBLIC_FIELDS.progress, where);
      (p.keyProjects as Array<Record<string, unknown>>).forEach((k, i) => check(k, PUBLIC_FIELDS.keyProject, `${where}.keyProjects[${i}]`));
      (p.indicators as Array<Record<string, unknown>>).forEach((k, i) => check(k, PUBLIC_FIELDS.indicator, `${where}.indicators[${i}]`));
      check(p.rectification as Record<string, unknown>, PUBLIC_FIELDS.rectification, `${where}.rectification`);
    };
    const b = body as Record<string, unknown>;
    if ('keyProjects' in b) progress(b, 'progress');
    else if ('items' in b) {
      check(b, ['items', 'total'], 'list');
      (b.items as Array<Record<string, unknown>>).forEach((x, i) => check(x, PUBLIC_FIELDS.bulletin, `items[${i}]`));
    } else {
      check(b, [...PUBLIC_FIELDS.bulletin, 'content'], 'bulletin');
      progress(b.content as Record<string, unknown>, 'bulletin.content');
    }
    return found;
  }

  it('serves the progress without login, whitelisted fields only, and no person’s name or unassigned item', async () => {
    const res = await t.http().get('/api/public/v1/progress').expect(200);
    expect(res.body.rectification.total).toBeGreaterThan(0);
    // The plan's items as seeded are mostly 待交办: only assigned ones are public.
    const { rows } = await t.db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM read_models.key_projects WHERE lead_department IS NOT NULL AND status <> 'CANCELLED'`,
    );
    expect(res.body.keyProjects).toHaveLength(Number(rows[0].n));
    expect(res.body.keyProjects.length).toBeGreaterThan(0);
    expect(res.body.indicators.length).toBeGreaterThan(0);
    expect(leaks(res.body)).toEqual([]);
    // The samples' responsible people (宁安市人民政府市长 …) and the supervision notes stay inside.
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/市长|responsiblePerson|leadDepartment|note|narrative|petition/i);
    // The whitelist check itself fails on an extra field.
    expect(leaks({ ...res.body, internalNote: 'x' })).toEqual(['progress.internalNote']);
  });

  it('leadership publishes a bulletin that freezes its content with a hash, listed and downloadable without login', async () => {
    const period = shanghaiDate(new Date()).slice(0, 7);
    await post('/api/v1/bulletins', tokens.supervision, { period }, 403);
    const published = await post('/api/v1/bulletins', tokens.leadership, { period }, 201);
    expect(published.body.title).toContain('进展公报');
    const again = await post('/api/v1/bulletins', tokens.leadership, { period }, 409);
    expect(again.body.code).toBe('BULLETIN_ALREADY_PUBLISHED');
    await post('/api/v1/bulletins', tokens.leadership, { period: '2099-01' }, 422);

    const list = await t.http().get('/api/public/v1/bulletins').expect(200);
    expect(list.body.items.map((b: { id: string }) => b.id)).toContain(published.body.id);
    expect(leaks(list.body)).toEqual([]);
    const one = await t.http().get(`/api/public/v1/bulletins/${published.body.id}`).expect(200);
    expect(leaks(one.body)).toEqual([]);
    expect(createHash('sha256').update(JSON.stringify(one.body.content)).digest('hex')).toBe(one.body.contentHash);

    const file = await t
      .http()
      .get(`/api/public/v1/bulletins/${published.body.id}/docx`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, `bulletin-${period}.docx`), file.body as Buffer);
    const { text } = await docxText(file.body as Buffer);
    expect(text).toContain(one.body.title);
    expect(text).toContain(one.body.contentHash);
    expect(text).toContain(`整改任务${one.body.content.rectification.total}项，已销号${one.body.content.rectification.closed}项`);
  });

  it('is rate-limited per address like every anonymous request', async () => {
    const limited = await createTestApp({ RATE_LIMIT_IP_PER_MINUTE: '2' });
    try {
      await limited.http().get('/api/public/v1/bulletins').expect(200);
      await limited.http().get('/api/public/v1/bulletins').expect(200);
      const res = await limited.http().get('/api/public/v1/bulletins').expect(429);
      expect(res.body.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('评估资料包', () => {
  it('lists every kind as of 12-31 (or today) in one sheet each, and gives the same files twice', async () => {
    const summary = await t.http().get(`/api/v1/evaluations/${year}`).set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    expect(summary.body.asOf).toBe(shanghaiDate(new Date()));
    expect(Object.keys(summary.body.counts)).toEqual(['重点工程', '规划指标', '整改任务', '督办预警']);
    const xlsx = await download(summary.body.xlsxUrl);
    expect((await download(summary.body.xlsxUrl)).equals(xlsx)).toBe(true);
    const docx = await download(summary.body.docxUrl);
    expect((await download(summary.body.docxUrl)).equals(docx)).toBe(true);

    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => [w.name, w.rowCount - 1])).toEqual(Object.entries(summary.body.counts));
    const { rows } = await t.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM read_models.rectification_orders`);
    expect(summary.body.counts['整改任务']).toBe(Number(rows[0].n));
    const { text } = await docxText(docx);
    expect(text).toContain(`督察整改任务${rows[0].n}项`);

    await t.http().get('/api/v1/evaluations/2020').set('authorization', `Bearer ${tokens.integrator}`).expect(404);
    await t
      .http()
      .get(`/api/v1/evaluations/${year + 1}`)
      .set('authorization', `Bearer ${tokens.integrator}`)
      .expect(404);
  });
});

describe('第三方评估 (assessor)', () => {
  it('reads what an integrator reads, records findings as events, and sends no other command', async () => {
    const assessor = await t.token('assessor', null, 'assessor-1');
    await t.http().get(`/api/v1/evaluations/${year}`).set('authorization', `Bearer ${assessor}`).expect(200);
    await t.http().get('/api/v1/rectification-orders').set('authorization', `Bearer ${assessor}`).expect(200);
    await t.http().get(`/api/v1/assessments/${year}`).set('authorization', `Bearer ${assessor}`).expect(200);
    await post('/api/v1/bulletins', assessor, { period: `${year}-01` }, 403);
    await post(
      `/api/v1/evaluations/${year}/findings`,
      tokens.integrator,
      { subjectType: 'GENERAL', rating: 'GOOD', text: '总体较好' },
      403,
    );
    const missing = await post(
      `/api/v1/evaluations/${year}/findings`,
      assessor,
      { subjectType: 'INDICATOR', rating: 'CONCERN', text: '冬季偏高' },
      422,
    );
    expect(missing.body.code).toBe('SUBJECT_REQUIRED');
    const recorded = await post(
      `/api/v1/evaluations/${year}/findings`,
      assessor,
      { subjectType: 'INDICATOR', subjectCode: 'IND-06', rating: 'CONCERN', text: 'PM2.5 冬季浓度仍偏高。' },
      201,
    );
    const list = await t.http().get(`/api/v1/evaluations/${year}/findings`).set('authorization', `Bearer ${tokens.leadership}`).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        findingId: recorded.body.id,
        subjectCode: 'IND-06',
        ratingLabel: '存在问题',
        recordedByName: '测试用户 assessor',
      }),
    ]);
  });
});

describe('the register', () => {
  it('lists every numbered document, and answers 404 for a number never given', async () => {
    const res = await t.http().get(DOCS).set('authorization', `Bearer ${tokens.integrator}`).expect(200);
    const kinds = (res.body.items as Array<{ kind: string }>).map((d) => d.kind);
    expect(new Set(kinds)).toEqual(new Set(['SUPERVISION_NOTICE', 'OVERDUE_CIRCULAR', 'CLOSURE_APPROVAL', 'ASSESSMENT_RESULT']));
    const missing = await t.http().get(`${DOCS}/notice${year}/99/docx`).set('authorization', `Bearer ${tokens.integrator}`).expect(404);
    expect(missing.body.detail).toContain('未找到该公文');
    await t.http().get(`${DOCS}/nonsense/1/docx`).set('authorization', `Bearer ${tokens.integrator}`).expect(404);
  });
});
