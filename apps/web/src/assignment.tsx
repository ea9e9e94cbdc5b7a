/**
 * 交办 of plan items in the web app: the 交办 and 重新交办 forms (offered when the detail view's
 * allowedActions allow them), the item's kind, source and 责任领导 on its page, and the 待交办 figure of
 * the cockpit. The words of an item follow its kind (`labels` of the detail view).
 */
import { Card, Descriptions, Statistic, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { CommandResult } from './api';
import { allows, type AllowedAction } from './domain';
import { fmtDate, fmtDateTime, todayShanghai, addDays } from './format';
import { useSession } from './session';
import { CommandButton, type FieldSpec } from './ui';
import type { AssignmentRecord as ApiAssignmentRecord, ResponsibleLeader as ApiResponsibleLeader } from './api';

export type ResponsibleLeader = ApiResponsibleLeader;

export type AssignmentRecord = ApiAssignmentRecord;

/** The fields of a plan item's detail view this module reads. */
export interface PlanItemView {
  id: string;
  allowedActions: AllowedAction[];
  planItemKind?: 'PROJECT' | 'TASK' | 'STRIVE';
  planItemKindLabel?: string;
  source?: string | null;
  awaitingAssignment?: boolean;
  responsibleLeader?: ResponsibleLeader | null;
  assignments?: AssignmentRecord[];
  labels?: {
    status: string;
    words: { item: string; start: string; complete: string; accept: string | null };
    commands: Record<string, string>;
  };
  milestones: Array<{ milestoneId: string; name: string; baselineDate: string | null; achievedOn: string | null }>;
}

export const planItemKindColors: Record<string, string> = { PROJECT: 'geekblue', TASK: 'purple', STRIVE: 'gold' };

const leaderText = (l: ResponsibleLeader | null | undefined) => (l ? `${l.name}（${l.title}）` : '—');

const assignmentFields: FieldSpec[] = [
  { name: 'leadDepartment', label: '牵头单位', type: 'department', required: true },
  { name: 'cooperatingDepartments', label: '配合单位', type: 'departments' },
  { name: 'leaderName', label: '责任领导姓名', type: 'text', required: true, placeholder: '如：王明' },
  { name: 'leaderTitle', label: '责任领导职务', type: 'text', required: true, placeholder: '如：副市长' },
  { name: 'responsiblePerson', label: '责任人', type: 'text', placeholder: '如：牵头单位分管负责同志' },
];

const responsible = (v: Record<string, unknown>) => ({
  leadDepartment: v.leadDepartment,
  cooperatingDepartments: (v.cooperatingDepartments as string[] | null) ?? [],
  responsibleLeader: { name: v.leaderName, title: v.leaderTitle },
  responsiblePerson: v.responsiblePerson,
});

/** 交办 and 重新交办, each drawn only when the domain allows it to this user now. */
export function AssignmentButtons({ p, onDone }: { p: PlanItemView; onDone: (r: CommandResult) => void }) {
  const base = `/api/v1/key-projects/${p.id}`;
  const open = p.milestones.filter((m) => !m.achievedOn);
  const today = todayShanghai();
  return (
    <>
      {allows(p.allowedActions, 'AssignKeyProject') && (
        <CommandButton
          label="交办"
          title="交办：明确牵头单位、责任领导和时限"
          path={`${base}/assign`}
          button={{ type: 'primary' }}
          intro={
            <Typography.Paragraph type="secondary">
              交办后由牵头单位办理开工（启动）、进度报送等；如需变更，请办理重新交办。
            </Typography.Paragraph>
          }
          fields={[
            ...assignmentFields,
            { name: 'plannedStart', label: '计划开始日期', type: 'date', required: true, initial: today },
            { name: 'plannedEnd', label: '计划完成日期', type: 'date', required: true },
            ...open.map((m, i): FieldSpec => ({
              name: `milestone${i}`,
              label: `里程碑“${m.name}”日期`,
              type: 'date',
              required: true,
              initial: m.baselineDate && m.baselineDate >= today ? m.baselineDate : addDays(today, 180),
            })),
          ]}
          transform={(v) => ({
            ...responsible(v),
            plannedStart: v.plannedStart,
            plannedEnd: v.plannedEnd,
            milestones: open.map((m, i) => ({ milestoneId: m.milestoneId, baselineDate: v[`milestone${i}`] })),
          })}
          onDone={onDone}
        />
      )}
      {allows(p.allowedActions, 'ReassignKeyProject') && (
        <CommandButton
          label="重新交办"
          title="重新交办：变更牵头单位、责任领导或责任人"
          path={`${base}/reassign`}
          fields={[...assignmentFields, { name: 'reason', label: '重新交办理由', type: 'textarea', required: true }]}
          transform={(v) => ({ ...responsible(v), reason: v.reason })}
          onDone={onDone}
        />
      )}
    </>
  );
}

/** The item's kind and source in the plan, its 责任领导, and every 交办 and 重新交办. */
export function PlanItemFacts({ p }: { p: PlanItemView }) {
  const { deptName } = useSession();
  const assignments = p.assignments ?? [];
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="plan-item-facts" style={{ marginTop: 12 }}>
      <Descriptions.Item label="事项类型">
        <Tag color={planItemKindColors[p.planItemKind ?? 'PROJECT']}>{p.planItemKindLabel ?? '工程项目'}</Tag>
        {p.labels && (
          <Typography.Text type="secondary">
            {p.labels.words.start} / {p.labels.words.complete}
            {p.labels.words.accept ? ` / ${p.labels.words.accept}` : '，不设验收'}
            {p.planItemKind === 'STRIVE' ? '；预警最高为黄色' : ''}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="规划出处">{p.source ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="责任领导">
        {p.awaitingAssignment ? <Tag color="orange">待交办</Tag> : leaderText(p.responsibleLeader)}
      </Descriptions.Item>
      <Descriptions.Item label="交办记录">
        {assignments.length === 0 ? (
          '—'
        ) : (
          <Timeline
            style={{ marginBottom: -24 }}
            items={assignments.map((a) => ({
              color: a.type === 'ASSIGNED' ? 'green' : 'blue',
              children: (
                <span>
                  {fmtDate(a.on)} {a.type === 'ASSIGNED' ? '交办' : '重新交办'}：{deptName(a.leadDepartment)}
                  {a.responsibleLeader ? `，责任领导 ${leaderText(a.responsibleLeader)}` : ''}
                  {a.reason ? `（理由：${a.reason}）` : ''}
                  <Typography.Text type="secondary"> {fmtDateTime(a.at)}</Typography.Text>
                </span>
              ),
            }))}
          />
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The cockpit's 待交办 figure: plan items no department answers for yet. */
export function AwaitingAssignmentStat({ count }: { count: number | undefined }) {
  return (
    <Link to="/projects/awaiting-assignment">
      <Card size="small" hoverable style={{ borderTop: '4px solid #fa8c16' }} data-testid="awaiting-assignment-count">
        <Statistic title="待交办事项" value={count ?? '—'} suffix="项" />
      </Card>
    </Link>
  );
}
