import { Alert, Button, Card, Col, DatePicker, Empty, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { get } from './api';
import { keyProjectCommandLabels, rectificationOrderCommandLabels, roleLabels, type Role } from './domain';
import { fmtDateTime } from './format';
import { useSession } from './session';
import { useShowError } from './ui';
import type {
  IndicatorHistory,
  IndicatorHistoryEntry,
  KeyProjectHistory,
  KeyProjectHistoryEntry,
  OrderHistory,
  OrderHistoryEntry,
} from './api';

type HistoryEntry = OrderHistoryEntry | KeyProjectHistoryEntry | IndicatorHistoryEntry;

const commandLabels: Record<string, string> = {
  ...keyProjectCommandLabels,
  ...rectificationOrderCommandLabels,
  ImportOrders: '从台账导入',
  RaiseEscalation: '系统预警',
};

function show(key: string, value: unknown, deptName: (id: string) => string): string {
  if (key === 'percentComplete') return `${String(value)}%`;
  if (key === 'leadDepartment') return deptName(String(value));
  if (key === 'responsibleLeader') {
    const leader = value as { name: string; title: string };
    return `${leader.name}（${leader.title}）`;
  }
  return String(value);
}

/** Short Chinese summary of what an event carried (the fields officials look for). */
function summary(data: Record<string, unknown>, deptName: (id: string) => string): string {
  const keys: Array<[string, string]> = [
    ['narrative', '说明'],
    ['summary', '情况'],
    ['reason', '理由'],
    ['percentComplete', '完成'],
    ['achievedOn', '完成日期'],
    ['forecastDate', '预计'],
    ['proposedBaselineDate', '拟调整基线'],
    ['requestedDeadline', '申请延期至'],
    ['newDeadline', '新时限'],
    ['leadDepartment', '牵头单位'],
    ['responsibleLeader', '责任领导'],
    ['completedOn', '完成日期'],
    ['note', '备注'],
    ['title', '材料'],
  ];
  return keys
    .filter(([k]) => data[k] !== undefined && data[k] !== null && data[k] !== '')
    .map(([k, label]) => `${label}：${show(k, data[k], deptName)}`)
    .join('；');
}

/** The audit trail (who, what, when) and the state as of a chosen date, for a project or an order. */
export function HistoryPanel(props: { basePath: string; renderState: (state: Record<string, unknown>) => ReactNode }) {
  const [items, setItems] = useState<HistoryEntry[] | null>(null);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  /** The state just before one change of the trail: `asOf` one millisecond before it was recorded. */
  const [before, setBefore] = useState<HistoryEntry | null>(null);
  const [snapshot, setSnapshot] = useState<Record<string, unknown> | null>(null);
  const [snapshotError, setSnapshotError] = useState<string | null>(null);
  const showError = useShowError();
  const { deptName } = useSession();

  useEffect(() => {
    // Orders answer { events }, projects and indicators { items } (the generated types say which).
    get<OrderHistory | KeyProjectHistory | IndicatorHistory>(`${props.basePath}/history`)
      .then((r) => setItems('events' in r ? r.events : r.items))
      .catch((e) => {
        setItems([]);
        showError(e);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.basePath]);

  useEffect(() => {
    setSnapshot(null);
    setSnapshotError(null);
    const at = before ? new Date(Date.parse(before.recordedAt) - 1).toISOString() : asOf?.format('YYYY-MM-DD');
    if (!at) return;
    get<Record<string, unknown>>(`${props.basePath}?asOf=${encodeURIComponent(at)}`)
      .then(setSnapshot)
      .catch((e) => setSnapshotError(e instanceof Error ? e.message : String(e)));
  }, [asOf, before, props.basePath]);
  const chooseDay = (day: Dayjs | null) => {
    setBefore(null);
    setAsOf(day);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={13}>
        <Card title="操作记录（谁、何时、做了什么）" size="small" data-testid="audit-trail">
          {items === null ? (
            <Spin />
          ) : items.length === 0 ? (
            <Empty description="暂无记录" />
          ) : (
            <Timeline
              items={[...items].reverse().map((e) => ({
                color:
                  e.type.includes('Reject') || e.type.includes('Fail')
                    ? 'red'
                    : e.type.includes('Achieved') || e.type.includes('Closed')
                      ? 'green'
                      : 'blue',
                children: (
                  <div>
                    <Space wrap>
                      <Typography.Text strong>{commandLabels[e.command ?? ''] ?? e.type}</Typography.Text>
                      <Tag>第 {e.version} 版</Tag>
                      {e.version > 1 && (
                        <Button type="link" size="small" data-testid={`before-v${e.version}`} onClick={() => setBefore(e)}>
                          此前状态
                        </Button>
                      )}
                    </Space>
                    <div>
                      <Typography.Text type="secondary">
                        {fmtDateTime(e.recordedAt)} ·{' '}
                        {e.actor
                          ? `${e.actor.displayName}（${(e.actor.roles ?? []).map((r) => roleLabels[r as Role] ?? r).join('、')}）`
                          : '系统'}
                      </Typography.Text>
                    </div>
                    {summary(e.data, deptName) && <div style={{ color: '#555' }}>{summary(e.data, deptName)}</div>}
                  </div>
                ),
              }))}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={11}>
        <Card
          title="查看某日状态"
          size="small"
          extra={
            <DatePicker
              placeholder="请选择日期"
              value={before ? null : asOf}
              onChange={chooseDay}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="as-of"
            />
          }
        >
          {!asOf && !before ? (
            <Typography.Text type="secondary">
              选择一个日期，查看当日 24 时（北京时间）的状态；或点击操作记录中的“此前状态”，查看该项变更之前的状态。
            </Typography.Text>
          ) : snapshotError ? (
            <Alert type="info" showIcon message={snapshotError} />
          ) : !snapshot ? (
            <Spin />
          ) : (
            <div data-testid="as-of-state">
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                message={
                  before
                    ? `${fmtDateTime(before.recordedAt)}“${commandLabels[before.command ?? ''] ?? before.type}”之前的状态（第 ${String(snapshot.version)} 版）`
                    : `${asOf?.format('YYYY年M月D日')} 结束时的状态（第 ${String(snapshot.version)} 版）`
                }
              />
              {props.renderState(snapshot)}
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}
