import type { Actor, Role } from '../shared/actor';
import { shanghaiDate, type CalendarDate } from '../shared/dates';
import type { CommandContext, Decider, DomainEvent } from '../shared/decider';
import { InvalidValue, NotPermitted, RuleViolation } from '../shared/errors';

/**
 * 文号登记簿: the register that gives every official document (公文) its number. One stream per
 * year and kind of document; a number is the stream's next sequence, so numbers run 1, 2, 3 … with
 * no gap and no duplicate (the command path appends at the version it read: two writers never get
 * the same number, and a number exists only once its event does). The event also freezes what the
 * document says, so the same number always prints the same document.
 */

export type DocumentKind = 'SUPERVISION_NOTICE' | 'OVERDUE_CIRCULAR' | 'CLOSURE_APPROVAL' | 'ASSESSMENT_RESULT';

export const documentKinds: readonly DocumentKind[] = ['SUPERVISION_NOTICE', 'OVERDUE_CIRCULAR', 'CLOSURE_APPROVAL', 'ASSESSMENT_RESULT'];

export interface DocumentKindInfo {
  /** The document's name in Chinese. */
  label: string;
  /** 发文机关代字: the part of the 文号 before 〔年份〕. */
  prefix: string;
  /** The command that numbers a document of this kind. */
  command: NumberDocumentType;
  /** Who may issue one (DOC-AUTH-1). */
  roles: Role[];
}

export const documentKindInfo: Record<DocumentKind, DocumentKindInfo> = {
  SUPERVISION_NOTICE: {
    label: '督办单',
    prefix: '牡生态督',
    command: 'NumberSupervisionNotice',
    roles: ['supervision-office', 'leadership'],
  },
  OVERDUE_CIRCULAR: { label: '督办通报', prefix: '牡生态通', command: 'NumberOverdueCircular', roles: ['leadership'] },
  CLOSURE_APPROVAL: { label: '整改销号审批表', prefix: '牡整改销', command: 'NumberClosureApproval', roles: ['supervision-office'] },
  ASSESSMENT_RESULT: { label: '年度考核结果', prefix: '牡生态考', command: 'NumberAssessmentResult', roles: ['leadership'] },
};

/** 文号 in the 公文 form: 牡生态督〔2026〕3号. */
export function documentNumber(kind: DocumentKind, year: number, sequence: number): string {
  return `${documentKindInfo[kind].prefix}〔${year}〕${sequence}号`;
}

/** Register ids are one lower-case word, so every register's stream is in the category `document-register`. */
const registerCodes: Record<DocumentKind, string> = {
  SUPERVISION_NOTICE: 'notice',
  OVERDUE_CIRCULAR: 'circular',
  CLOSURE_APPROVAL: 'closure',
  ASSESSMENT_RESULT: 'assessment',
};

/** `notice2026`: the register of 督办单 of 2026 (stream `document-register-notice2026`). */
export function documentRegisterId(kind: DocumentKind, year: number): string {
  return `${registerCodes[kind]}${year}`;
}

export function parseDocumentRegisterId(id: string): { kind: DocumentKind; year: number } | null {
  const m = /^([a-z]+)(\d{4})$/.exec(id);
  const kind = m && documentKinds.find((k) => registerCodes[k] === m[1]);
  return kind ? { kind, year: Number(m[2]) } : null;
}

export function documentRegisterStreamId(id: string): string {
  return `document-register-${id}`;
}

/** What a document says, built by the API from the records it is about and frozen in the event. */
export type DocumentContent = Record<string, unknown>;

interface NumberDocumentBase {
  year: number;
  /** What the document is about, e.g. `escalation:<id>`, `order:<id>`, `period:2026-01-01..2026-03-31`: one number per subject and register. */
  subjectKey: string;
  title: string;
  content: DocumentContent;
}

export interface NumberSupervisionNotice extends NumberDocumentBase {
  type: 'NumberSupervisionNotice';
}
export interface NumberOverdueCircular extends NumberDocumentBase {
  type: 'NumberOverdueCircular';
}
export interface NumberClosureApproval extends NumberDocumentBase {
  type: 'NumberClosureApproval';
}
export interface NumberAssessmentResult extends NumberDocumentBase {
  type: 'NumberAssessmentResult';
}

export type DocumentRegisterCommand = NumberSupervisionNotice | NumberOverdueCircular | NumberClosureApproval | NumberAssessmentResult;
export type NumberDocumentType = DocumentRegisterCommand['type'];

export function documentKindOfCommand(type: NumberDocumentType): DocumentKind {
  return documentKinds.find((k) => documentKindInfo[k].command === type) as DocumentKind;
}

export type DocumentAllocation = {
  kind: DocumentKind;
  year: number;
  sequence: number;
  documentNumber: string;
  subjectKey: string;
  title: string;
  content: DocumentContent;
  issuedOn: CalendarDate;
  issuedBy: string;
  issuedByName: string;
  occurredAt: string;
};

export type DocumentNumberAllocated = DomainEvent<'DocumentNumberAllocated', DocumentAllocation>;
export type DocumentRegisterEvent = DocumentNumberAllocated;
export const documentRegisterEventTypes: readonly DocumentRegisterEvent['type'][] = ['DocumentNumberAllocated'];

export interface DocumentRegisterState {
  allocations: DocumentAllocation[];
  version: number;
}

export const documentRegisterCommandRoles: Record<NumberDocumentType, Role[]> = Object.fromEntries(
  documentKinds.map((k) => [documentKindInfo[k].command, [...documentKindInfo[k].roles]]),
) as Record<NumberDocumentType, Role[]>;

/** DOC-AUTH-1: 督办单 by the supervision office or leadership, 督办通报 and 考核结果 by leadership, 销号审批表 by the supervision office. */
export function authorizeDocumentRegisterCommand(command: DocumentRegisterCommand, _state: DocumentRegisterState, actor: Actor): void {
  const info = documentKindInfo[documentKindOfCommand(command.type)];
  if (actor.roles.some((r) => info.roles.includes(r))) return;
  throw new NotPermitted({
    code: 'ROLE_NOT_PERMITTED',
    titleEn: `${command.type} needs one of the roles: ${info.roles.join(', ')}`,
    detail: `您的角色无权印发${info.label}。`,
    rule: 'DOC-AUTH-1',
  });
}

/**
 * DOC-NUM-1: a number is taken from the register of the year of issue (Asia/Shanghai), the next
 * after the last one: no gap, no duplicate.
 * DOC-NUM-2: one subject gets one number per register; asking again is refused, naming the number it has.
 */
function decide(command: DocumentRegisterCommand, state: DocumentRegisterState, ctx: CommandContext): DocumentRegisterEvent[] {
  const kind = documentKindOfCommand(command.type);
  const info = documentKindInfo[kind];
  const issuedOn = shanghaiDate(ctx.now);
  const year = Number(issuedOn.slice(0, 4));
  if (command.year !== year) {
    throw new InvalidValue({
      code: 'REGISTER_YEAR_MISMATCH',
      titleEn: 'A number is taken from the register of the current year',
      detail: `文号只能在发文当年（${year}年）的登记簿中编号，不能编入${command.year}年。`,
      field: 'year',
      rule: 'DOC-NUM-1',
    });
  }
  const title = command.title.trim();
  if (!title) {
    throw new InvalidValue({
      code: 'TEXT_REQUIRED',
      titleEn: 'title must not be empty',
      detail: `请填写${info.label}标题。`,
      field: 'title',
    });
  }
  const existing = state.allocations.find((a) => a.subjectKey === command.subjectKey);
  if (existing) {
    throw new RuleViolation({
      code: 'DOCUMENT_ALREADY_NUMBERED',
      titleEn: 'The subject already has a document of this kind this year',
      detail: `该事项本年度已印发${info.label}（${existing.documentNumber}），请直接下载原文件。`,
      rule: 'DOC-NUM-2',
    });
  }
  const sequence = state.allocations.length + 1;
  return [
    {
      type: 'DocumentNumberAllocated',
      data: {
        kind,
        year,
        sequence,
        documentNumber: documentNumber(kind, year, sequence),
        subjectKey: command.subjectKey,
        title,
        content: command.content,
        issuedOn,
        issuedBy: ctx.actor.userId,
        issuedByName: ctx.actor.displayName,
        occurredAt: ctx.now.toISOString(),
      },
    },
  ];
}

export const documentRegisterDecider: Decider<DocumentRegisterState, DocumentRegisterCommand, DocumentRegisterEvent> = {
  initialState: () => ({ allocations: [], version: 0 }),
  decide,
  evolve: (state, event) => ({ allocations: [...state.allocations, event.data], version: state.version + 1 }),
};
