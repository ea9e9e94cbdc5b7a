import { renderOfficialDocument } from '../documents/official-docx';
import { packWorkbook, type PackSheet } from './evaluation-pack';

/**
 * Reproducible files: made on two different days (the clock moved by a day between them), the same
 * content gives the same bytes, because every date inside the file is the as-of day's.
 */

const sheets: PackSheet[] = [
  {
    name: '重点工程',
    columns: [
      { header: '编号', width: 10 },
      { header: '名称', width: 30 },
    ],
    rows: [['GC-01', '镜泊湖污水处理']],
  },
  { name: '整改任务', columns: [{ header: '编号', width: 10 }], rows: [['DC-01'], ['DC-02']] },
];
const fixedTime = new Date('2025-12-31T00:00:00+08:00');

async function onTwoDays<T>(make: () => Promise<T>): Promise<[T, T]> {
  jest.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'] });
  try {
    const first = await make();
    jest.setSystemTime(new Date('2026-01-06T17:31:07Z'));
    return [first, await make()];
  } finally {
    jest.useRealTimers();
  }
}

it('gives the same .xlsx bytes for the same content on another day', async () => {
  const [a, b] = await onTwoDays(() => packWorkbook(sheets, '2025-12-31', fixedTime));
  expect(a.equals(b)).toBe(true);
});

it('gives the same .docx bytes for the same document on another day', async () => {
  const doc = {
    issuer: '牡丹江市生态环境保护督察整改工作领导小组办公室',
    documentNumber: '牡生态督〔2025〕1号',
    title: '督办单',
    blocks: [{ kind: 'p' as const, text: '请于10日内完成整改。' }],
    signature: '领导小组办公室',
    dateText: '2025年12月31日',
    fixedTime,
  };
  const [a, b] = await onTwoDays(() => renderOfficialDocument(doc));
  expect(a.equals(b)).toBe(true);
});
