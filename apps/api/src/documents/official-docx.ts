import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import JSZip from 'jszip';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * 公文 fonts (GB/T 9704-2012): title 方正小标宋简体, body 仿宋_GB2312, headings 黑体, page numbers 宋体.
 * Each is declared in word/fontTable.xml with an alternative that exists where the documents are
 * rendered here (Noto Sans CJK SC, Debian's fonts-noto-cjk); Word on a government PC has the originals.
 */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  pageNumber: '宋体',
} as const;
export const FALLBACK_FONT = 'Noto Sans CJK SC';

/** 二号 22 pt title, 三号 16 pt body, 四号 14 pt page number; in half-points. */
const SIZE = { title: 44, body: 32, small: 28, table: 24 } as const;
/** Fixed 28.95 pt lines: 22 lines on the page, the 公文 grid. */
const BODY_LINE = { line: 579, lineRule: LineRuleType.EXACT } as const;

export type DocBlock =
  | { kind: 'p'; text: string; indent?: boolean; bold?: boolean }
  | { kind: 'h'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] };

export interface OfficialDocument {
  /** 发文机关标志 (red, above the number). */
  issuer: string;
  /** 文号 */
  documentNumber: string;
  title: string;
  /** 主送机关 */
  addressee?: string;
  blocks: DocBlock[];
  /** 落款 */
  signature: string;
  /** 成文日期 in Chinese, e.g. 2026年3月5日 */
  dateText: string;
  /** Written into the file's properties and its zip entries, so the same document is the same bytes. */
  fixedTime: Date;
}

function font(name: string) {
  return { ascii: name, eastAsia: name, hAnsi: name, cs: name };
}

function run(text: string, options: { font?: string; size?: number; bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({
    text,
    font: font(options.font ?? FONTS.body),
    size: options.size ?? SIZE.body,
    bold: options.bold,
    color: options.color,
  });
}

function bodyParagraph(text: string, indent = true, bold = false): Paragraph {
  return new Paragraph({
    children: [run(text, { bold })],
    indent: indent ? { firstLine: 640 } : undefined,
    spacing: BODY_LINE,
    alignment: AlignmentType.JUSTIFIED,
  });
}

function cell(text: string, header: boolean, width: number | undefined): TableCell {
  return new TableCell({
    width: width ? { size: width, type: WidthType.PERCENTAGE } : undefined,
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, { size: SIZE.table, font: header ? FONTS.heading : FONTS.body })],
        }),
    ),
  });
}

function table(block: Extract<DocBlock, { kind: 'table' }>): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: block.header.map((h, i) => cell(h, true, block.widths?.[i])) }),
      ...block.rows.map((row) => new TableRow({ children: row.map((c, i) => cell(c, false, block.widths?.[i])) })),
    ],
  });
}

function blocks(list: DocBlock[]): Array<Paragraph | Table> {
  return list.map((b) => {
    if (b.kind === 'h')
      return new Paragraph({ children: [run(b.text, { font: FONTS.heading })], indent: { firstLine: 640 }, spacing: BODY_LINE });
    if (b.kind === 'table') return table(b);
    return bodyParagraph(b.text, b.indent ?? true, b.bold ?? false);
  });
}

/** The 版头 on one line: at most 26 pt, smaller for a long name (156 mm of text width ≈ 440 pt). */
function issuerSize(issuer: string): number {
  return Math.min(52, Math.floor((2 * 440) / issuer.length));
}

/** The document as a .docx in the 公文 layout: red 版头, 文号, red rule, title, body, 落款, page numbers. */
export async function renderOfficialDocument(doc: OfficialDocument): Promise<Buffer> {
  const document = new Document({
    creator: '牡丹江市生态环境保护规划实施管理平台',
    lastModifiedBy: '牡丹江市生态环境保护规划实施管理平台',
    title: doc.title,
    subject: doc.documentNumber,
    description: `${doc.documentNumber} ${doc.title}`,
    sections: [
      {
        properties: {
          page: {
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  run('— ', { font: FONTS.pageNumber, size: SIZE.small }),
                  new TextRun({ children: [PageNumber.CURRENT], font: font(FONTS.pageNumber), size: SIZE.small }),
                  run(' —', { font: FONTS.pageNumber, size: SIZE.small }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [run(doc.issuer, { font: FONTS.title, size: issuerSize(doc.issuer), color: 'C00000' })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 8 } },
            children: [run(doc.documentNumber)],
          }),
          new Paragraph({ spacing: { before: 240 }, children: [] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 360, line: 700, lineRule: LineRuleType.EXACT },
            children: [run(doc.title, { font: FONTS.title, size: SIZE.title })],
          }),
          ...(doc.addressee ? [bodyParagraph(`${doc.addressee}：`, false)] : []),
          ...blocks(doc.blocks),
          new Paragraph({ spacing: BODY_LINE, children: [] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: BODY_LINE, indent: { right: 1280 }, children: [run(doc.signature)] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: BODY_LINE, indent: { right: 1280 }, children: [run(doc.dateText)] }),
        ],
      },
    ],
  });
  return deterministicDocx(await Packer.toBuffer(document), doc.fixedTime, Object.values(FONTS));
}

const FONT_TABLE_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml';
const FONT_TABLE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable';

function fontTableXml(names: string[]): string {
  const fonts = names
    .map(
      (n) =>
        `<w:font w:name="${n}"><w:altName w:val="${FALLBACK_FONT}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

/**
 * The same bytes for the same document: the properties' created/modified times and every zip entry's
 * date are `fixedTime`, entries are written in name order; the 公文 fonts are declared with their fallback.
 */
export async function deterministicDocx(buffer: Buffer, fixedTime: Date, fontNames: string[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const stamp = fixedTime.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const out = new JSZip();
  const names = Object.keys(zip.files)
    .filter((n) => !zip.files[n].dir)
    .sort();
  let hasFontTable = false;
  for (const name of names) {
    let content = await zip.files[name].async('string');
    if (name === 'docProps/core.xml') {
      content = content
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
    }
    if (name === 'word/fontTable.xml') {
      hasFontTable = true;
      content = fontTableXml(fontNames);
    }
    out.file(name, content, { date: fixedTime, createFolders: false });
  }
  if (!hasFontTable) {
    out.file('word/fontTable.xml', fontTableXml(fontNames), { date: fixedTime, createFolders: false });
    const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
    if (!types.includes('/word/fontTable.xml')) {
      out.file(
        '[Content_Types].xml',
        types.replace('</Types>', `<Override PartName="/word/fontTable.xml" ContentType="${FONT_TABLE_TYPE}"/></Types>`),
        {
          date: fixedTime,
          createFolders: false,
        },
      );
    }
    const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
    if (!rels.includes('fontTable.xml')) {
      out.file(
        'word/_rels/document.xml.rels',
        rels.replace(
          '</Relationships>',
          `<Relationship Id="rIdFontTable" Type="${FONT_TABLE_REL}" Target="fontTable.xml"/></Relationships>`,
        ),
        { date: fixedTime, createFolders: false },
      );
    }
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** 2026-03-05 → 2026年3月5日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
