import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { shanghaiDate, addDays } from '@app/domain';
import { EVIDENCE_FILE_STORE, type EvidenceFileStore } from '../../apps/api/src/evidence/evidence-file.store';
import { createTestApp, eventCount, type TestApp } from '../support/app';
import { samplePdf, samplePng } from '../support/sample-files';

/**
 * 佐证材料 files (issue 15, item 2): upload, download with the hash verified, and every rejected upload
 * changing nothing.
 */

const ORDERS = '/api/v1/rectification-orders';
const LEAD = 'ning-an-city';
const COOPERATING = 'city-eco-env-bureau';
const MAX = 64 * 1024;

jest.setTimeout(60_000);

let t: TestApp;
let orderId: string;
const tokens: Record<string, string> = {};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const today = () => shanghaiDate(new Date());

beforeAll(async () => {
  t = await createTestApp({ EVIDENCE_MAX_FILE_BYTES: String(MAX) });
  tokens.office = await t.token('supervision-office');
  tokens.lead = await t.token('project-lead', LEAD);
  tokens.cooperating = await t.token('project-lead', COOPERATING);
  tokens.other = await t.token('project-lead', 'hailin-city');
  tokens.leadership = await t.token('leadership');
  const send = (path: string, token: string, body: object) => t.http().post(path).set('authorization', `Bearer ${token}`).send(body);
  const issued = await send(ORDERS, tokens.office, {
    code: `佐证-${Math.random().toString(36).slice(2, 8)}`,
    source: 'CENTRAL_INSPECTION',
    batch: '第三轮中央生态环境保护督察',
    finding: '宁安市某河段岸边垃圾堆放。',
    target: '清理到位。',
    deadlineKind: 'BY_DATE',
    deadline: addDays(today(), 60),
    measures: [{ measureId: 'M1', description: '清理岸边垃圾', dueDate: addDays(today(), 30) }],
    sector: 'DOMESTIC_WASTE',
  });
  orderId = issued.body.id;
  await send(`${ORDERS}/${orderId}/assign`, tokens.office, { leadDepartment: LEAD, cooperatingDepartments: [COOPERATING] }).expect(200);
  await send(`${ORDERS}/${orderId}/start`, tokens.lead, {}).expect(200);
});
afterAll(() => t.close());

async function fileRows(): Promise<number> {
  return Number((await t.db.pool.query('SELECT count(*) FROM files.evidence_files')).rows[0].count);
}

function upload(token: string, file: { content: Buffer; name: string } | null, fields: Record<string, string> = {}, id = orderId) {
  let req = t.http().post(`${ORDERS}/${id}/evidence-files`).set('authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  if (file) req = req.attach('file', file.content, file.name);
  else req = req.field('note', 'no file');
  return req;
}

function download(token: string, evidenceId: string) {
  return t
    .http()
    .get(`${ORDERS}/${orderId}/evidence/${evidenceId}/file`)
    .set('authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

describe('evidence files', () => {
  const png = samplePng();
  const pdf = samplePdf();
  let photoId: string;
  let reportId: string;

  it('uploads a photo and a PDF, recording SHA-256, size, type and name in the event', async () => {
    const photo = await upload(tokens.lead, { content: png, name: '整改前-岸边垃圾.png' }, { measureId: 'M1', phase: 'BEFORE' }).expect(
      201,
    );
    expect(photo.body).toMatchObject({
      id: orderId,
      evidenceId: expect.any(String),
      file: { fileName: '整改前-岸边垃圾.png', contentType: 'image/png', size: png.length, sha256: sha256(png) },
    });
    photoId = photo.body.evidenceId;
    // A cooperating department may attach evidence too; the type is read from the content, not from the name.
    const report = await upload(tokens.cooperating, { content: pdf, name: '监测报告.bin' }, { title: '水质监测报告' }).expect(201);
    expect(report.body.file).toMatchObject({ contentType: 'application/pdf', fileName: '监测报告.bin' });
    reportId = report.body.evidenceId;

    const { rows } = await t.db.pool.query(
      `SELECT data FROM event_store.events WHERE stream_id = $1 AND type = 'EvidenceAttached' ORDER BY version`,
      [`rectification-order-${orderId}`],
    );
    expect(rows.map((r) => r.data)).toEqual([
      expect.objectContaining({
        evidenceId: photoId,
        title: '整改前-岸边垃圾',
        measureId: 'M1',
        phase: 'BEFORE',
        file: {
          fileId: expect.any(String),
          fileName: '整改前-岸边垃圾.png',
          contentType: 'image/png',
          size: png.length,
          sha256: sha256(png),
        },
      }),
      expect.objectContaining({ evidenceId: reportId, title: '水质监测报告', file: expect.objectContaining({ sha256: sha256(pdf) }) }),
    ]);
    expect(await fileRows()).toBe(2);
  });

  it('downloads each file as recorded, to the departments of the order and to the office, not to another department', async () => {
    const photo = await download(tokens.office, photoId).expect(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['x-content-sha256']).toBe(sha256(png));
    expect(photo.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('整改前-岸边垃圾.png')}`);
    expect(Buffer.compare(photo.body as Buffer, png)).toBe(0);
    const report = await download(tokens.lead, reportId).expect(200);
    expect(report.headers['content-type']).toBe('application/pdf');
    expect(sha256(report.body as Buffer)).toBe(sha256(pdf));
    await download(tokens.cooperating, photoId).expect(200);
    const refused = await download(tokens.other, photoId).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    await download(tokens.office, randomUUID()).expect(404);
  });

  it('refuses to serve a file whose stored content no longer matches its recorded hash', async () => {
    await t.db.pool.query(`UPDATE files.evidence_files SET content = $1 WHERE sha256 = $2`, [Buffer.from('tampered'), sha256(pdf)]);
    const res = await download(tokens.office, reportId).expect(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse((res.body as Buffer).toString('utf8'))).toMatchObject({ code: 'FILE_INTEGRITY_CHECK_FAILED' });
  });

  describe('a rejected upload stores nothing and records nothing', () => {
    let before: { events: number; files: number };
    beforeEach(async () => {
      before = { events: await eventCount(t), files: await fileRows() };
    });
    afterEach(async () => {
      expect({ events: await eventCount(t), files: await fileRows() }).toEqual(before);
    });

    it('413 for a file over the limit', async () => {
      const big = Buffer.concat([samplePng(), Buffer.alloc(MAX)]);
      const res = await upload(tokens.lead, { content: big, name: '大照片.png' }).expect(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'FILE_TOO_LARGE' });
      expect(res.body.detail).toContain('0.1 MB');
    });

    it('415 for content that is not an accepted type, whatever its name says', async () => {
      const text = await upload(tokens.lead, { content: Buffer.from('这不是 PDF，只是一段文字。'), name: '报告.pdf' }).expect(415);
      expect(text.body).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE' });
      expect(text.body.detail).toContain('报告.pdf');
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]);
      await upload(tokens.lead, { content: exe, name: '照片.jpg' }).expect(415);
    });

    it('422 for an empty file or none', async () => {
      const empty = await upload(tokens.lead, { content: Buffer.alloc(0), name: '空.png' }).expect(422);
      expect(empty.body).toMatchObject({ code: 'EMPTY_FILE' });
      const none = await upload(tokens.lead, null).expect(422);
      expect(none.body).toMatchObject({ code: 'FILE_REQUIRED' });
    });

    it('the refusal of the order (an unknown measure, another department) after or before the file is read', async () => {
      await upload(tokens.lead, { content: png, name: 'a.png' }, { measureId: 'M9' }).expect(404);
      await upload(tokens.other, { content: png, name: 'a.png' }).expect(403);
      await upload(tokens.lead, { content: png, name: 'a.png' }, { phase: 'DURING' }).expect(400);
    });

    it('415 for a multipart body sent to a JSON route', async () => {
      const res = await t
        .http()
        .post(`${ORDERS}/${orderId}/report-progress`)
        .set('authorization', `Bearer ${tokens.lead}`)
        .field('summary', '进展')
        .expect(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  it('accepts an .xlsx of monitoring data (detected by content)', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('监测数据').addRow(['日期', '总磷']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(tokens.lead, { content: xlsx, name: '监测数据' }).expect(201);
    expect(res.body.file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('a file put by an upload that died before its event is never served, and is swept', async () => {
    const fileId = randomUUID();
    await t.db.pool.query(
      `INSERT INTO files.evidence_files (file_id, order_id, file_name, content_type, size, sha256, content, created_at)
       VALUES ($1, $2, 'orphan.png', 'image/png', $3, $4, $5, now() - interval '2 hours')`,
      [fileId, orderId, png.length, sha256(png), png],
    );
    const order = await t.http().get(`${ORDERS}/${orderId}`).set('authorization', `Bearer ${tokens.office}`).expect(200);
    expect(JSON.stringify(order.body.evidence)).not.toContain(fileId);
    const store = t.app.get<EvidenceFileStore>(EVIDENCE_FILE_STORE);
    expect(await store.sweep(new Date(Date.now() - 60 * 60 * 1000))).toBe(1);
    expect(await store.get(fileId)).toBeNull();
    // Recorded files are kept by the sweep.
    expect(await fileRows()).toBe(3);
  });
});
