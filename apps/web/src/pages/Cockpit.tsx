import { AlertOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Popconfirm,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import ReactECharts from 'echarts-for-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { get, getOptional, post, query, type Page } from '../api';
import {
  deadlineKindItemLabels,
  escalationLevelColors,
  escalationLevelLabels,
  hasRole,
  mayIssueDocument,
  timelinessColors,
  timelinessLabels,
} from '../domain';
import { AwaitingAssignmentStat } from '../assignment';
import { DocumentButton } from '../DocumentButton';
import { addDays, fmtDate, fmtDateTime, pct, todayShanghai } from '../format';
import { useLive } from '../live';
import { useSession } from '../session';
import { CommandButton, useShowError } from '../ui';
import type { DeadlineView, EscalationRow, LedgerDepartmentStat, LedgerOverview } from '../api';

export type Escalation = EscalationRow;

/** The league table: the ledger overview's department figures, by the one definition (docs/figures.md). */
type DepartmentStat = LedgerDepartmentStat;

type Deadline = DeadlineView;

type Overview = LedgerOverview;

/** The escalation engine's action event types (libs/domain/src/escalation/escalation.events.ts). */
const actionLabels: Record<string, string> = {
  EscalationAcknowledged: '已阅',
  LeadershipInstructed: '批示',
  SupervisionNoticeIssued: '督办单',
  SummonsIssued: '约谈',
  AccountabilityReferred: '问责',
};

export const subjectLink = (type: string, id: string) =>
  type === 'KEY_PROJECT' ? `/projects/${id}` : type === 'INDICATOR' ? `/indicators/${id}` : `/orders/${id}`;

export function Cockpit() {
  const { user, deptName } = useSession();
  const { notification } = App.useApp();
  const showError = useShowError();
  const [escalations, setEscalations] = useState<Escalation[] | null | undefined>(undefined);
  const [level, setLevel] = useState<string>('all');
  /** 已解除的预警（归档）, read when its tab is opened. */
  const [archive, setArchive] = useState<Escalation[] | null>(null);
  const openTab = (key: string) => {
    setLevel(key);
    if (key !== 'resolved') return;
    setArchive(null);
    get<Page<Escalation>>(`/api/v1/escalations${query({ status: 'RESOLVED', pageSize: 100 })}`)
      .then((page) => setArchive(page.items))
      .catch((e) => {
        setArchive([]);
        showError(e);
      });
  };
  const [overview, setOverview] = useState<Overview | null>(null);
  const [departments, setDepartments] = useState<DepartmentStat[] | null>(null);
  const [deadlines, setDeadlines] = useState<Deadline[] | null>(null);
  const [lastPoll, setLastPoll] = useState<string | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const seen = useRef<Set<string> | null>(null);
  const isLeader = hasRole(user, 'leadership');
  const mayNumberNotice = mayIssueDocument(user, 'SUPERVISION_NOTICE');

  const loadEscalations = useCallback(async () => {
    try {
      const page = await getOptional<Page<Escalation>>(`/api/v1/escalations${query({ status: 'OPEN', pageSize: 100 })}`);
      setLastPoll(new Date().toISOString());
      setPollError(null);
      if (!page) {
        setEscalations(null);
        return;
      }
      const items = [...page.items].sort((a, b) => b.level - a.level || b.daysOverdue - a.daysOverdue);
      if (seen.current) {
        const fresh = items.filter((e) => !seen.current!.has(e.id));
        for (const e of fresh.slice(0, 3)) {
          notification.warning({
            key: e.id,
            message: `新增${e.levelLabel ?? escalationLevelLabels[e.level] ?? '预警'}`,
            description: `${e.subjectCode} ${e.subjectName}（${deptName(e.department)}）${e.daysOverdue > 0 ? `已逾期 ${e.daysOverdue} 天` : ''}`,
            duration: 8,
          });
        }
      }
      seen.current = new Set(items.map((e) => e.id));
      setEscalations(items);
    } catch (e) {
      // Shown in the queue's card, not as a pop-up: the next change (or the fallback poll) loads again.
      setPollError(e instanceof Error ? e.message : String(e));
      setEscalations((prev) => (prev === undefined ? [] : prev));
    }
  }, [deptName, notification]);

  const loadFigures = useCallback(async () => {
    const today = todayShanghai();
    const [ov, dls] = await Promise.all([
      get<Overview>('/api/v1/ledger/overview').catch(() => null),
      getOptional<Page<Deadline>>(`/api/v1/deadlines${query({ from: today, to: addDays(today, 30), pageSize: 100 })}`).catch(() => null),
    ]);
    setOverview(ov);
    // The ledger's own figures (docs/figures.md), so that the table and the ledger never disagree.
    // Worst first: most overdue, then the lowest on-time rate, then most open.
    const league = [...(ov?.departments ?? [])].sort(
      (a, b) => b.overdue - a.overdue || (a.onTimeRateCurrent ?? 2) - (b.onTimeRateCurrent ?? 2) || b.open - a.open,
    );
    setDepartments(league);
    setDeadlines((dls?.items ?? []).filter((d) => d.timeliness !== 'DONE'));
  }, []);

  useEffect(() => {
    void loadEscalations();
    void loadFigures();
  }, [loadEscalations, loadFigures]);
  // Pushed by /api/v1/me/stream when an escalation changes; polled only while the stream is down.
  useLive(['escalation'], () => void loadEscalations());

  const refresh = () => {
    void loadEscalations();
    void loadFigures();
  };

  const counts = useMemo(() => {
    const c: Record<number, number> = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const e of escalations ?? []) c[e.level] = (c[e.level] ?? 0) + 1;
    return c;
  }, [escalations]);

  const archived = level === 'resolved';
  const shown = archived ? (archive ?? []) : (escalations ?? []).filter((e) => level === 'all' || String(e.level) === level);

  const chartOption = useMemo(() => {
    const byDept = overview?.overdueByMonth ?? {};
    const months = [...new Set(Object.values(byDept).flatMap((m) => Object.keys(m)))].sort();
    const totals = Object.entries(byDept)
      .map(([d, m]) => [d, Object.values(m).reduce((a, b) => a + b, 0)] as const)
      .sort((a, b) => b[1] - a[1]);
    const top = totals.slice(0, 8).map(([d]) => d);
    const rest = totals.slice(8).map(([d]) => d);
    const series = top.map((d) => ({
      name: deptName(d),
      type: 'bar',
      stack: 'overdue',
      emphasis: { focus: 'series' },
      data: months.map((m) => byDept[d]?.[m] ?? 0),
    }));
    if (rest.length) {
      series.push({
        name: '其他单位',
        type: 'bar',
        stack: 'overdue',
        emphasis: { focus: 'series' },
        data: months.map((m) => rest.reduce((a, d) => a + (byDept[d]?.[m] ?? 0), 0)),
      });
    }
    return {
      // Rich text drawn on the canvas: series are named after departments, and no data may become HTML.
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 40, right: 20, top: 30, bottom: 60 },
      xAxis: { type: 'category', data: months.map((m) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`) },
      yAxis: { type: 'value', minInterval: 1, name: '逾期件数' },
      series,
    };
  }, [overview, deptName]);

  const escalationActions = (e: Escalation) => {
    const path = `/api/v1/escalations/${e.id}`;
    const done = () => void loadEscalations();
    return (
      <Space wrap size={4}>
        <Popconfirm
          title="确认已阅此预警？"
          okText="确认"
          cancelText="取消"
          onConfirm={() => post(`${path}/acknowledge`, {}).then(done).catch(showError)}
        >
          <Button size="small">已阅</Button>
        </Popconfirm>
        <CommandButton
          label="批示"
          title={`领导批示：${e.subjectCode}`}
          path={`${path}/instruct`}
          button={{ size: 'small', type: 'primary' }}
          fields={[
            {
              name: 'text',
              label: '批示内容',
              type: 'textarea',
              required: true,
              placeholder: '如：请市生态环境局牵头，务必于月底前整改到位，按周报告进展。',
            },
          ]}
          onDone={done}
        />
        {e.department && (
          <CommandButton
            label="催办"
            title={`催办：${e.subjectCode}（${deptName(e.department)}）`}
            path="/api/v1/reminders"
            button={{ size: 'small' }}
            fields={[{ name: 'text', label: '催办内容', type: 'textarea', required: true, placeholder: '如：请于本周五前报送整改进展。' }]}
            transform={(v) => ({ subjectType: 'ESCALATION', subjectId: e.id, text: v.text })}
            onDone={done}
          />
        )}
        <CommandButton
          label="督办单"
          title={`下发督办单：${e.subjectCode}`}
          path={`${path}/supervision-notice`}
          button={{ size: 'small' }}
          fields={[
            { name: 'noticeNumber', label: '督办单编号（可不填）', type: 'text', placeholder: '牡督办〔2025〕号' },
            { name: 'text', label: '督办事项', type: 'textarea', required: true },
          ]}
          onDone={done}
        />
        <CommandButton
          label="约谈"
          title={`安排约谈：${e.subjectCode}`}
          path={`${path}/summon`}
          button={{ size: 'small' }}
          fields={[
            { name: 'date', label: '约谈日期', type: 'date', required: true },
            { name: 'attendee', label: '被约谈人', type: 'text', required: true, placeholder: '如：责任单位主要负责人' },
            { name: 'place', label: '地点', type: 'text' },
            { name: 'note', label: '备注', type: 'textarea' },
          ]}
          onDone={done}
        />
        <CommandButton
          label="问责"
          title={`移交问责：${e.subjectCode}`}
          path={`${path}/refer-accountability`}
          button={{ size: 'small', danger: true }}
          fields={[{ name: 'reason', label: '问责事由', type: 'textarea', required: true }]}
          onDone={done}
        />
      </Space>
    );
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        {[4, 3, 2, 1, 0].map((l) => (
          <Col xs={12} md={8} lg={4} key={l}>
            <Card
              size="small"
              hoverable
              onClick={() => setLevel(String(l))}
              style={{ borderTop: `4px solid ${{ 0: '#1677ff', 1: '#faad14', 2: '#f5222d', 3: '#d4380d', 4: '#c41d7f' }[l]}` }}
            >
              <Statistic title={escalationLevelLabels[l]} value={escalations ? counts[l] : '—'} suffix="件" />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} lg={4}>
          <Card size="small">
            <Statistic title="未来30天到期" value={deadlines?.length ?? '—'} suffix="项" />
          </Card>
        </Col>
        <Col xs={12} md={8} lg={4}>
          <AwaitingAssignmentStat count={overview?.awaitingAssignment?.count} />
        </Col>
      </Row>

      <Card
        title={
          <Space>
            <AlertOutlined style={{ color: '#f5222d' }} />
            预警督办队列
            {escalations && <Badge count={escalations.length} overflowCount={999} />}
          </Space>
        }
        extra={
          <Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              实时更新{lastPoll ? `，上次 ${fmtDateTime(lastPoll).slice(11)}` : ''}
            </Typography.Text>
            <Button icon={<ReloadOutlined />} size="small" onClick={refresh}>
              刷新
            </Button>
          </Space>
        }
        data-testid="escalation-queue"
      >
        {pollError && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`预警数据暂时无法获取：${pollError}（将自动重试）`} />
        )}
        {escalations === null ? (
          <Empty description="正在读取预警督办队列" />
        ) : (
          <>
            <Tabs
              activeKey={level}
              onChange={openTab}
              items={[
                { key: 'all', label: `全部（${escalations?.length ?? 0}）` },
                ...[4, 3, 2, 1, 0].map((l) => ({ key: String(l), label: `${escalationLevelLabels[l]}（${counts[l]}）` })),
                { key: 'resolved', label: '已解除（归档）' },
              ]}
            />
            <Table<Escalation>
              scroll={{ x: 'max-content' }}
              rowKey="id"
              size="middle"
              loading={archived ? archive === null : escalations === undefined}
              dataSource={shown}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={archived ? '暂无已解除的预警' : '暂无待处理的预警'} /> }}
              expandable={{
                rowExpandable: (e) => Boolean(e.actions?.length),
                expandedRowRender: (e) => (
                  <Space direction="vertical">
                    {(e.actions ?? []).map((a, i) => (
                      <span key={i}>
                        <Tag>{actionLabels[a.type] ?? a.type}</Tag>
                        {fmtDateTime(a.at)} {a.actor}：{a.text ?? ''}
                      </span>
                    ))}
                  </Space>
                ),
              }}
              columns={[
                {
                  title: '级别',
                  dataIndex: 'level',
                  width: 110,
                  render: (l: number, e) => <Tag color={escalationLevelColors[l]}>{e.levelLabel ?? escalationLevelLabels[l]}</Tag>,
                },
                {
                  title: '事项',
                  render: (_, e) => (
                    <Link to={subjectLink(e.subjectType, e.subjectId)}>
                      <Typography.Text strong>{e.subjectCode}</Typography.Text> {e.subjectName}
                    </Link>
                  ),
                },
                { title: '责任单位', dataIndex: 'department', width: 170, render: (d: string) => deptName(d) },
                { title: '时限', dataIndex: 'dueDate', width: 130, render: fmtDate },
                {
                  title: '逾期',
                  dataIndex: 'daysOverdue',
                  width: 90,
                  render: (d: number) => (d > 0 ? <Typography.Text type="danger">{d} 天</Typography.Text> : '未逾期'),
                },
                {
                  title: '已办',
                  width: 140,
                  render: (_, e) =>
                    e.actions?.length ? (
                      <>
                        {e.actions.map((a, i) => (
                          <Tag key={i}>{actionLabels[a.type] ?? a.type}</Tag>
                        ))}
                        {/* 督办单 (DOC-AUTH-1): numbered once the supervision notice was issued on this escalation. */}
                        {mayNumberNotice && e.actions.some((a) => a.type === 'SupervisionNoticeIssued') && (
                          <DocumentButton
                            label="下载督办单"
                            path="/api/v1/documents/supervision-notices"
                            body={{ escalationId: e.id }}
                            button={{ size: 'small', type: 'link' }}
                          />
                        )}
                      </>
                    ) : (
                      <Typography.Text type="secondary">待处理</Typography.Text>
                    ),
                },
                ...(archived
                  ? [
                      { title: '解除时间', width: 150, render: (_: unknown, e: Escalation) => fmtDateTime(e.resolvedAt ?? null) },
                      { title: '解除原因', width: 160, render: (_: unknown, e: Escalation) => e.resolution?.label ?? '—' },
                    ]
                  : []),
                ...(isLeader && !archived
                  ? [{ title: '领导处理', width: 330, render: (_: unknown, e: Escalation) => escalationActions(e) }]
                  : []),
              ]}
            />
          </>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title="责任单位排名（整改任务，逾期多者在前）" data-testid="league-table">
            <Table<DepartmentStat>
              rowKey="id"
              size="small"
              scroll={{ x: 'max-content' }}
              dataSource={departments ?? []}
              loading={departments === null}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: '序号', width: 60, render: (_, __, i) => i + 1 },
                { title: '责任单位', dataIndex: 'nameZh', width: 190 },
                { title: '在办', dataIndex: 'open', width: 70, sorter: (a, b) => a.open - b.open },
                {
                  title: '逾期',
                  dataIndex: 'overdue',
                  width: 70,
                  sorter: (a, b) => a.overdue - b.overdue,
                  render: (n: number) =>
                    n ? (
                      <Typography.Text type="danger" strong>
                        {n}
                      </Typography.Text>
                    ) : (
                      0
                    ),
                },
                { title: '已销号', dataIndex: 'closed', width: 80 },
                {
                  title: '按期率（原时限）',
                  dataIndex: 'onTimeRateOriginal',
                  width: 150,
                  sorter: (a, b) => (a.onTimeRateOriginal ?? -1) - (b.onTimeRateOriginal ?? -1),
                  render: (r: number | null) =>
                    r === null ? (
                      '—'
                    ) : (
                      <Progress
                        percent={Math.round(r * 100)}
                        size="small"
                        status={r < 0.8 ? 'exception' : 'normal'}
                        format={() => pct(r)}
                      />
                    ),
                },
                {
                  title: '按期率（现行时限）',
                  dataIndex: 'onTimeRateCurrent',
                  width: 150,
                  sorter: (a, b) => (a.onTimeRateCurrent ?? -1) - (b.onTimeRateCurrent ?? -1),
                  render: (r: number | null) =>
                    r === null ? (
                      '—'
                    ) : (
                      <Progress
                        percent={Math.round(r * 100)}
                        size="small"
                        status={r < 0.8 ? 'exception' : 'normal'}
                        format={() => pct(r)}
                      />
                    ),
                },
                { title: '平均逾期天数', dataIndex: 'avgDaysOverdue', width: 110 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="未来 30 天到期事项" data-testid="upcoming-deadlines">
            <Table<Deadline>
              scroll={{ x: 'max-content' }}
              rowKey={(d) => `${d.subjectId}-${d.kind}-${d.dueDate}-${d.subjectName}`}
              size="small"
              dataSource={deadlines ?? []}
              loading={deadlines === null}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description="未来 30 天没有到期事项" /> }}
              columns={[
                { title: '到期日', dataIndex: 'dueDate', width: 120, render: fmtDate },
                {
                  title: '事项',
                  render: (_, d) => (
                    <Link to={subjectLink(d.subjectType, d.subjectId)}>
                      <Tag>{deadlineKindItemLabels[d.kind] ?? d.kind}</Tag>
                      {d.subjectName}
                    </Link>
                  ),
                },
                { title: '单位', dataIndex: 'department', width: 140, render: (x: string) => deptName(x) },
                {
                  title: '',
                  dataIndex: 'timeliness',
                  width: 80,
                  render: (t: string) => <Tag color={timelinessColors[t]}>{timelinessLabels[t] ?? t}</Tag>,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Card title="逾期情况（按责任单位和到期月份）" data-testid="overdue-chart">
        {overview && Object.keys(overview.overdueByMonth).length > 0 ? (
          <ReactECharts option={chartOption} style={{ height: 360 }} notMerge />
        ) : (
          <Empty description="暂无逾期事项" />
        )}
      </Card>
    </Space>
  );
}
