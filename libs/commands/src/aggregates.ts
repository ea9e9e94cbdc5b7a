import {
  authorizeCircularCommand,
  authorizeDocumentRegisterCommand,
  authorizeEvaluationCommand,
  evaluationCommandRoles,
  evaluationDecider,
  evaluationEventTypes,
  evaluationStreamId,
  type EvaluationCommand,
  type EvaluationEvent,
  type EvaluationState,
  authorizeBulletinCommand,
  bulletinCommandRoles,
  bulletinDecider,
  bulletinEventTypes,
  bulletinStreamId,
  type BulletinCommand,
  type BulletinEvent,
  type BulletinState,
  authorizeTargetResponsibilityCommand,
  targetResponsibilityCommandRoles,
  targetResponsibilityDecider,
  targetResponsibilityEventTypes,
  targetResponsibilityStreamId,
  type TargetResponsibilityCommand,
  type TargetResponsibilityEvent,
  type TargetResponsibilityState,
  documentRegisterCommandRoles,
  documentRegisterDecider,
  documentRegisterEventTypes,
  documentRegisterStreamId,
  type DocumentRegisterCommand,
  type DocumentRegisterEvent,
  type DocumentRegisterState,
  authorizeEscalationCommand,
  authorizeIndicatorCommand,
  circularCommandRoles,
  circularDecider,
  circularEventTypes,
  circularStreamId,
  authorizeKeyProjectCommand,
  authorizeOrderCommand,
  createsOrder,
  escalationCommandRoles,
  escalationDecider,
  escalationEventTypes,
  escalationStreamId,
  indicatorCommandPolicies,
  indicatorDecider,
  indicatorEventTypes,
  indicatorStreamId,
  keyProjectCommandPolicies,
  keyProjectDecider,
  keyProjectEventTypes,
  keyProjectStreamId,
  orderCommandPolicies,
  authorizePersonalDataCommand,
  personalDataCommandRoles,
  personalDataDecider,
  personalDataEventTypes,
  personalDataStreamId,
  type PersonalDataCommand,
  type PersonalDataEvent,
  type PersonalDataState,
  rectificationOrderDecider,
  rectificationOrderEventTypes,
  rectificationOrderStreamId,
  type Actor,
  type CircularCommand,
  type CircularEvent,
  type CircularState,
  type Decider,
  type DomainEvent,
  type EscalationCommand,
  type EscalationEvent,
  type EscalationState,
  type IndicatorCommand,
  type IndicatorEvent,
  type IndicatorState,
  type KeyProjectCommand,
  type KeyProjectEvent,
  type KeyProjectState,
  type RectificationOrderCommand,
  type RectificationOrderEvent,
  type RectificationOrderState,
  type Role,
  authorizeReminderCommand,
  escalationReminderSubject,
  keyProjectReminderSubject,
  orderReminderSubject,
  reminderCommandRoles,
  reminderDecider,
  reminderEventTypes,
  reminderStreamId,
  upgradeKeyProjectState,
  type ReminderCommand,
  type ReminderEvent,
  type ReminderState,
  type ReminderSubject,
} from '@app/domain';
import { ProblemException } from '@app/platform';

/** A stream's current state, for facts a command needs from another stream. */
export interface StreamReader {
  read<S, C extends { type: string }, E extends DomainEvent>(
    aggregate: Aggregate<S, C, E>,
    id: string,
  ): Promise<{ state: S; version: number }>;
}

/**
 * Everything the command path needs to know about one kind of aggregate: its decider, where its
 * streams are, which command opens one, and who may send what (from the domain's tables).
 */
export interface Aggregate<S, C extends { type: string }, E extends DomainEvent> {
  /** Its name in messages: 未找到该{what}. */
  readonly what: string;
  readonly decider: Decider<S, C, E>;
  /** The event types its streams hold; anything else in one of them is a wiring error. */
  readonly eventTypes: readonly E['type'][];
  streamId(id: string): string;
  /** True for the command that starts a stream; every other command needs an existing one. */
  creates(command: C): boolean;
  /** True for a command that starts the stream when there is none and continues it otherwise (a register's next number). */
  opensOrContinues?(command: C): boolean;
  /** The role and department checks on the current state; throws the domain's NotPermitted. */
  authorize(command: C, state: S, actor: Actor): void;
  /** The roles that may ever send a command of this type: the route's role guard. */
  roles(type: C['type']): Role[];
  /** Completes a command with facts read from other streams, before its own stream is locked. */
  prepare?(command: C, reader: StreamReader): Promise<C>;
}

export type KeyProjects = Aggregate<KeyProjectState, KeyProjectCommand, KeyProjectEvent>;
export type RectificationOrders = Aggregate<RectificationOrderState, RectificationOrderCommand, RectificationOrderEvent>;
export type Escalations = Aggregate<EscalationState, EscalationCommand, EscalationEvent>;
export type Indicators = Aggregate<IndicatorState, IndicatorCommand, IndicatorEvent>;
export type Circulars = Aggregate<CircularState, CircularCommand, CircularEvent>;
export type Reminders = Aggregate<ReminderState, ReminderCommand, ReminderEvent>;
export type PersonalDataSubjects = Aggregate<PersonalDataState, PersonalDataCommand, PersonalDataEvent>;

export const keyProjects: KeyProjects = {
  what: '重点工程',
  decider: keyProjectDecider,
  eventTypes: keyProjectEventTypes,
  streamId: keyProjectStreamId,
  creates: (command) => command.type === 'RegisterKeyProject',
  authorize: authorizeKeyProjectCommand,
  roles: (type) => [...keyProjectCommandPolicies[type].roles],
};

export const rectificationOrders: RectificationOrders = {
  what: '整改任务',
  decider: rectificationOrderDecider,
  eventTypes: rectificationOrderEventTypes,
  streamId: rectificationOrderStreamId,
  creates: (command) => createsOrder(command.type),
  authorize: authorizeOrderCommand,
  roles: (type) => [...orderCommandPolicies[type].roles],
  /** Concluding in stages hands the remaining work to another order, whose current deadline the domain weighs. */
  async prepare(command, reader) {
    if (command.type !== 'ConcludeInStages') return command;
    const linkedOrderId = command.linkedOrderId.toLowerCase();
    const linked = await reader.read(rectificationOrders, linkedOrderId);
    if (linked.version === 0) {
      throw new ProblemException(
        422,
        'LINKED_ORDER_NOT_FOUND',
        'Unprocessable Entity',
        `关联的整改任务（编号 ${command.linkedOrderId}）不存在，请核对编号。`,
        { field: 'linkedOrderId' },
      );
    }
    return { ...command, linkedOrderId, linkedOrderDeadline: linked.state.currentDeadline };
  },
};

export const escalations: Escalations = {
  what: '督办预警',
  decider: escalationDecider,
  eventTypes: escalationEventTypes,
  streamId: escalationStreamId,
  creates: (command) => command.type === 'RaiseEscalation',
  authorize: authorizeEscalationCommand,
  roles: (type) => [...escalationCommandRoles[type]],
};

export const indicators: Indicators = {
  what: '指标',
  decider: indicatorDecider,
  eventTypes: indicatorEventTypes,
  streamId: indicatorStreamId,
  creates: (command) => command.type === 'RegisterIndicator',
  authorize: authorizeIndicatorCommand,
  roles: (type) => [...indicatorCommandPolicies[type].roles],
  /** A contributing project is named by its id; its code and name are the key project's own. */
  async prepare(command, reader) {
    if (command.type !== 'LinkContributingProject') return command;
    const projectId = command.projectId.toLowerCase();
    const project = await reader.read(keyProjects, projectId);
    if (project.version === 0) {
      throw new ProblemException(
        422,
        'PROJECT_NOT_FOUND',
        'Unprocessable Entity',
        `要关联的重点工程（编号 ${command.projectId}）不存在，请核对编号。`,
        { field: 'projectId', rule: 'IND-LINK-1' },
      );
    }
    return { ...command, projectId, projectCode: project.state.code, projectName: project.state.name };
  },
};

export const circulars: Circulars = {
  what: '通报',
  decider: circularDecider,
  eventTypes: circularEventTypes,
  streamId: circularStreamId,
  creates: (command) => command.type === 'IssueCircular',
  authorize: authorizeCircularCommand,
  roles: (type) => [...circularCommandRoles[type]],
  /** A circular on an escalation names what the escalation is about, read from its stream. */
  async prepare(command, reader) {
    if (command.subject.type !== 'ESCALATION') return command;
    const escalationId = command.subject.escalationId.toLowerCase();
    const { state, version } = await reader.read(escalations, escalationId);
    if (version === 0) {
      throw new ProblemException(422, 'ESCALATION_NOT_FOUND', 'Unprocessable Entity', '被通报的督办预警不存在，请核对预警编号。', {
        field: 'subject.escalationId',
      });
    }
    return {
      ...command,
      subject: { type: 'ESCALATION', escalationId, subjectCode: state.subjectCode, itemName: state.itemName, department: state.department },
    };
  },
};

export const reminders: Reminders = {
  what: '催办',
  decider: reminderDecider,
  eventTypes: reminderEventTypes,
  streamId: reminderStreamId,
  creates: (command) => command.type === 'SendReminder',
  authorize: authorizeReminderCommand,
  roles: (type) => [...reminderCommandRoles[type]],
  /** A 催办 names its item's code, name and lead department, and whether it is still open, read from the item's stream. */
  async prepare(command, reader) {
    const id = command.subjectId.toLowerCase();
    let subject: ReminderSubject | null = null;
    if (command.subjectType === 'RECTIFICATION_ORDER') {
      const { state, version } = await reader.read(rectificationOrders, id);
      if (version > 0) subject = orderReminderSubject(state);
    } else if (command.subjectType === 'KEY_PROJECT') {
      const { state, version } = await reader.read(keyProjects, id);
      if (version > 0) subject = keyProjectReminderSubject(upgradeKeyProjectState(state));
    } else {
      const { state, version } = await reader.read(escalations, id);
      if (version > 0) subject = escalationReminderSubject(state);
    }
    return { ...command, subjectId: id, subject };
  },
};

/** A data subject of the personal-data store; its stream records only its erasure (PD-ERASE-1). */
export const personalDataSubjects: PersonalDataSubjects = {
  what: '个人信息主体',
  decider: personalDataDecider,
  eventTypes: personalDataEventTypes,
  streamId: personalDataStreamId,
  creates: (command) => command.type === 'ErasePersonalData',
  authorize: authorizePersonalDataCommand,
  roles: (type) => [...personalDataCommandRoles[type]],
};

export type DocumentRegisters = Aggregate<DocumentRegisterState, DocumentRegisterCommand, DocumentRegisterEvent>;

/** 文号登记簿: one stream per kind and year (documentRegisterId); every command takes its next number. */
export const documentRegisters: DocumentRegisters = {
  what: '文号登记簿',
  decider: documentRegisterDecider,
  eventTypes: documentRegisterEventTypes,
  streamId: documentRegisterStreamId,
  creates: () => false,
  opensOrContinues: () => true,
  authorize: authorizeDocumentRegisterCommand,
  roles: (type) => [...documentRegisterCommandRoles[type]],
};

export type TargetResponsibilities = Aggregate<TargetResponsibilityState, TargetResponsibilityCommand, TargetResponsibilityEvent>;

/** 目标责任书: one stream per year (id: the year) holding every department's signed list. */
export const targetResponsibilities: TargetResponsibilities = {
  what: '目标责任书',
  decider: targetResponsibilityDecider,
  eventTypes: targetResponsibilityEventTypes,
  streamId: targetResponsibilityStreamId,
  creates: () => false,
  opensOrContinues: () => true,
  authorize: authorizeTargetResponsibilityCommand,
  roles: (type) => [...targetResponsibilityCommandRoles[type]],
};

export type Bulletins = Aggregate<BulletinState, BulletinCommand, BulletinEvent>;

/** 进展公报: one stream per year (id: the year of the period) of published bulletins. */
export const bulletins: Bulletins = {
  what: '进展公报',
  decider: bulletinDecider,
  eventTypes: bulletinEventTypes,
  streamId: bulletinStreamId,
  creates: () => false,
  opensOrContinues: () => true,
  authorize: authorizeBulletinCommand,
  roles: (type) => [...bulletinCommandRoles[type]],
};

export type Evaluations = Aggregate<EvaluationState, EvaluationCommand, EvaluationEvent>;

/** 第三方评估意见: one stream per evaluated year (id: the year). */
export const evaluations: Evaluations = {
  what: '评估意见',
  decider: evaluationDecider,
  eventTypes: evaluationEventTypes,
  streamId: evaluationStreamId,
  creates: () => false,
  opensOrContinues: () => true,
  authorize: authorizeEvaluationCommand,
  roles: (type) => [...evaluationCommandRoles[type]],
};
