import { escalationLevelLabels } from '../escalation/timeliness';
import type { EscalationState } from '../escalation/escalation.state';
import type { KeyProjectState } from '../key-project/key-project.state';
import type { RectificationOrderState } from '../rectification-order/rectification-order.state';
import type { ReminderSent } from '../reminder/reminder';
import type { Actor, Role } from '../shared/actor';
import { escalationSubjectLink } from '../todo/todos';

/**
 * 消息中心: who is told what (MSG-TO-1). A message goes to recipients, each an address: a department
 * (`department:<id>`, read by that department's project leads) or a role (`role:<role>`, read by
 * everyone holding it). Messages are derived from the log only; whether a person has read one is that
 * person's own state, kept beside the messages, not an event (MSG-READ-1).
 */
export type MessageKind =
  'ESCALATION_RAISED' | 'INSTRUCTION' | 'SUPERVISION_NOTICE' | 'SUMMONS' | 'ACCOUNTABILITY' | 'REMINDER' | 'APPROVED' | 'REFUSED';

export const messageKindLabels: Record<MessageKind, string> = {
  ESCALATION_RAISED: '预警',
  INSTRUCTION: '领导批示',
  SUPERVISION_NOTICE: '督办单',
  SUMMONS: '约谈',
  ACCOUNTABILITY: '问责',
  REMINDER: '催办',
  APPROVED: '审批通过',
  REFUSED: '审批未通过',
};

export interface MessageDraft {
  kind: MessageKind;
  recipients: string[];
  title: string;
  body: string;
  /** The web page the message is about. */
  link: string;
  subjectType: 'RECTIFICATION_ORDER' | 'KEY_PROJECT' | 'ESCALATION' | 'INDICATOR';
  subjectId: string;
}

export const departmentRecipient = (department: string) => `department:${department}`;
export const roleRecipient = (role: Role) => `role:${role}`;

/** The addresses whose messages a person reads: each of their roles, and a project lead's department. */
export function recipientsOf(actor: Actor): string[] {
  const addresses = actor.roles.map(roleRecipient);
  if (actor.roles.includes('project-lead') && actor.department) addresses.push(departmentRecipient(actor.department));
  return addresses;
}

/** Level from which the supervision office and the leadership group are told of a new escalation (MSG-TO-1). */
export const ESCALATION_MESSAGE_CITY_LEVEL = 2;

/** A name as part of a sentence: without its own closing full stop. */
const bare = (text: string) => text.replace(/[。；;.\s]+$/u, '');

interface LogEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * Messages of an escalation event, given the escalation's state after it: a new escalation goes to
 * its department (to the supervision office when it has none, as for an item waiting for 交办) and,
 * red and higher, also to the supervision office and the leadership group; 批示, 督办单, 约谈 and 问责
 * go to the department, 批示 and 问责 also to the office, which follows them up.
 */
export function escalationMessages(event: LogEvent, s: EscalationState): MessageDraft[] {
  const dept = s.department ? [departmentRecipient(s.department)] : [];
  const office = roleRecipient('supervision-office');
  const base = { link: escalationSubjectLink(s), subjectType: 'ESCALATION' as const, subjectId: s.escalationId };
  const about = `${s.subjectCode}“${bare(s.itemName)}”`;
  const d = event.data;
  switch (event.type) {
    case 'EscalationRaised': {
      const recipients = [...dept];
      if (!s.department || s.level >= ESCALATION_MESSAGE_CITY_LEVEL) recipients.push(office);
      if (s.level >= ESCALATION_MESSAGE_CITY_LEVEL) recipients.push(roleRecipient('leadership'));
      return [
        {
          ...base,
          kind: 'ESCALATION_RAISED',
          recipients,
          title: `${escalationLevelLabels[s.level]}：${bare(s.itemName)}`,
          body: `${bare(s.subjectName)}（${s.subjectCode}）：“${bare(s.itemName)}”期限 ${s.dueDate ?? '—'}。`,
        },
      ];
    }
    case 'LeadershipInstructed':
      return [
        {
          ...base,
          kind: 'INSTRUCTION',
          recipients: [...dept, office],
          title: `领导批示：${bare(s.itemName)}`,
          body: `${d.byName}批示：“${bare(String(d.text))}”（${about}）`,
        },
      ];
    case 'SupervisionNoticeIssued':
      return [
        {
          ...base,
          kind: 'SUPERVISION_NOTICE',
          recipients: dept.length ? dept : [office],
          title: `督办单${d.noticeNumber ? `（${d.noticeNumber}）` : ''}：${bare(s.itemName)}`,
          body: `督办要求：“${bare(String(d.text))}”（${about}）`,
        },
      ];
    case 'SummonsIssued':
      return [
        {
          ...base,
          kind: 'SUMMONS',
          recipients: dept.length ? dept : [office],
          title: `约谈通知：${bare(s.itemName)}`,
          body: `约谈${d.attendee}，时间 ${d.date}${d.place ? `，地点 ${d.place}` : ''}。（${about}）`,
        },
      ];
    case 'AccountabilityReferred':
      return [
        {
          ...base,
          kind: 'ACCOUNTABILITY',
          recipients: [...dept, office],
          title: `移交问责：${bare(s.itemName)}`,
          body: `问责事由：“${bare(String(d.reason))}”（${about}）`,
        },
      ];
    default:
      return [];
  }
}

/** Approvals and refusals of a rectification order, to its lead department. */
export function orderMessages(event: LogEvent, s: RectificationOrderState): MessageDraft[] {
  if (!s.leadDepartment) return [];
  const base = {
    recipients: [departmentRecipient(s.leadDepartment)],
    link: `/orders/${s.orderId}`,
    subjectType: 'RECTIFICATION_ORDER' as const,
    subjectId: s.orderId,
  };
  const about = `整改任务 ${s.code}`;
  const d = event.data;
  switch (event.type) {
    case 'RectificationPlanApproved':
      return [
        { ...base, kind: 'APPROVED', title: `整改方案审核通过：${s.code}`, body: `${about}的整改方案已审核通过，请按方案组织整改。` },
      ];
    case 'RectificationPlanReturned':
      return [
        {
          ...base,
          kind: 'REFUSED',
          title: `整改方案被退回：${s.code}`,
          body: `${about}的整改方案被退回：${(d.reasons as string[]).join('；')}。请修改后重新报送。`,
        },
      ];
    case 'ExtensionApproved':
      return [
        {
          ...base,
          kind: 'APPROVED',
          title: `延期申请已批准：${s.code}`,
          body: `${about}的整改期限由 ${d.previousDeadline} 延至 ${d.newDeadline}。`,
        },
      ];
    case 'ExtensionRejected':
      return [{ ...base, kind: 'REFUSED', title: `延期申请未获批准：${s.code}`, body: `${about}的延期申请未获批准：${d.reason}` }];
    case 'AcceptancePassed':
      return [{ ...base, kind: 'APPROVED', title: `验收通过：${s.code}`, body: `${about}于 ${d.checkedOn} 验收通过。` }];
    case 'AcceptanceFailed':
      return [
        {
          ...base,
          kind: 'REFUSED',
          title: `验收未通过：${s.code}`,
          body: `${about}于 ${d.checkedOn} 验收未通过：${(d.reasons as string[]).join('；')}。请继续整改后重新申请验收。`,
        },
      ];
    default:
      return [];
  }
}

/** Approvals and refusals of a key project, to its lead department. */
export function keyProjectMessages(event: LogEvent, s: KeyProjectState): MessageDraft[] {
  if (!s.leadDepartment) return [];
  const base = {
    recipients: [departmentRecipient(s.leadDepartment)],
    link: `/projects/${s.projectId}`,
    subjectType: 'KEY_PROJECT' as const,
    subjectId: s.projectId,
  };
  const d = event.data;
  switch (event.type) {
    case 'BaselineChangeApproved':
      return [
        { ...base, kind: 'APPROVED', title: `基线变更已批准：${s.code}`, body: `${s.name}的里程碑基线日期改为 ${d.newBaselineDate}。` },
      ];
    case 'BaselineChangeRejected':
      return [{ ...base, kind: 'REFUSED', title: `基线变更未获批准：${s.code}`, body: `${s.name}的基线变更申请未获批准：${d.reason}` }];
    case 'KeyProjectAccepted':
      return [{ ...base, kind: 'APPROVED', title: `项目验收通过：${s.code}`, body: `${s.name}已验收通过。` }];
    default:
      return [];
  }
}

const reminderLinks: Record<ReminderSent['data']['subjectType'], (id: string) => string> = {
  RECTIFICATION_ORDER: (id) => `/orders/${id}`,
  KEY_PROJECT: (id) => `/projects/${id}`,
  ESCALATION: () => '/todos',
};

/** A 催办 goes to the item's lead department. */
export function reminderMessages(event: ReminderSent): MessageDraft[] {
  const d = event.data;
  return [
    {
      kind: 'REMINDER',
      recipients: [departmentRecipient(d.department)],
      title: `催办：${d.subjectCode} ${bare(d.subjectName)}`,
      body: `${d.sentByName}催办：“${bare(d.text)}”`,
      link: reminderLinks[d.subjectType](d.subjectId),
      subjectType: d.subjectType,
      subjectId: d.subjectId,
    },
  ];
}
