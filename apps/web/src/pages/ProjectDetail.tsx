import { Alert, Breadcrumb, Card, Col, Descriptions, Empty, Progress, Row, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get, type CommandResult } from '../api';
import { WithheldActions } from '../ui';
import { allows, keyProjectCommandLabels, keyProjectStatusColors, keyProjectStatusLabels } from '../domain';
import { fmtDate, fmtDateTime, todayShanghai } from '../format';
import { AssignmentButtons, PlanItemFacts } from '../assignment';
import { HistoryPanel } from '../History';
import { useSession } from '../session';
import { CommandButton, useShowError } from '../ui';
import type { BaselineChange as KeyProjectBaselineChange, KeyProjectDetail } from '../api';

type Milestone = KeyProjectDetail['milestones'][number];

type BaselineChange = KeyProjectBaselineChange;

export type ProjectDetailView = KeyProjectDetail;

/** A readable code for a new milestone: the next free M1, M2… of the project. */
function nextMilestoneId(milestones: Milestone[]): string {
  const taken = new Set(milestones.map((m) => m.milestoneId));
  let n = 1;
  while (taken.has(`M${n}`)) n++;
  return `M${n}`;
}

const changeStatus: Record<string, { label: string; color: string }> = {
  PENDING: { label: '待审批', color: 'orange' },
  APPROVED: { label: '已批准', color: 'green' },
  REJECTED: { label: '已驳回', color: 'red' },
};

/** Baseline (original and current), forecast and achieved dates of every milestone on one time axis. */
function MilestoneChart({ milestones }: { milestones: Milestone[] }) {
  const option = useMemo(() => {
    const names = milestones.map((m) => (m.name.length > 16 ? `${m.name.slice(0, 16)}…` : m.name));
    const point = (pick: (m: Milestone) => string | null) => milestones.map((m, i) => (pick(m) ? [pick(m), i] : null)).filter(Boolean);
    const today = todayShanghai();
    return {
      // Rich text drawn on the canvas: a milestone name is user data and must never become HTML.
      tooltip: {
        trigger: 'item',
        renderMode: 'richText',
        formatter: (p: { seriesName: string; value: [string, number] }) =>
          `${milestones[p.value[1]].name}\n${p.seriesName}：${fmtDate(p.value[0])}`,
      },
      legend: { top: 0 },
      grid: { left: 10, right: 30, top: 36, bottom: 30, containLabel: true },
      xAxis: { type: 'time', axisLabel: { formatter: '{yyyy}年{M}月' } },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        {
          name: '原基线',
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#bfbfbf' },
          data: point((m) => m.originalBaselineDate),
        },
        {
          name: '现基线',
          type: 'scatter',
          symbol: 'rect',
          symbolSize: 12,
          itemStyle: { color: '#1677ff' },
          data: point((m) => m.baselineDate),
        },
        {
          name: '预测',
          type: 'scatter',
          symbol: 'circle',
          symbolSize: 12,
          itemStyle: { color: '#fa8c16' },
          data: point((m) => m.forecastDate),
        },
        {
          name: '实际完成',
          type: 'scatter',
          symbol: 'pin',
          symbolSize: 22,
          itemStyle: { color: '#389e0d' },
          data: point((m) => m.achievedOn),
          markLine: {
            symbol: 'none',
            label: { formatter: '今天' },
            lineStyle: { color: '#f5222d', type: 'dashed' },
            data: [{ xAxis: today }],
          },
        },
      ],
    };
  }, [milestones]);
  if (milestones.length === 0) return <Empty description="尚未制定里程碑" />;
  return <ReactECharts option={option} style={{ height: Math.max(180, 60 + milestones.length * 44) }} notMerge />;
}

export function ProjectSnapshot({ p }: { p: ProjectDetailView }) {
  const { deptName } = useSession();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="状态">
          <Tag color={keyProjectStatusColors[p.status]}>
            {p.statusLabel ?? keyProjectStatusLabels[p.status as keyof typeof keyProjectStatusLabels]}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="总体进度">{Math.round(Number(p.progress))}%</Descriptions.Item>
        <Descriptions.Item label="牵头单位">{deptName(p.leadDepartment)}</Descriptions.Item>
      </Descriptions>
      <Table
        scroll={{ x: 'max-content' }}
        size="small"
        rowKey="milestoneId"
        pagination={false}
        dataSource={p.milestones}
        columns={[
          { title: '里程碑', dataIndex: 'name' },
          { title: '现基线', dataIndex: 'baselineDate', render: fmtDate },
          { title: '完成', dataIndex: 'achievedOn', render: (d: string | null) => (d ? fmtDate(d) : `${'—'}`) },
        ]}
      />
    </Space>
  );
}

export function ProjectDetail() {
  const { id } = useParams();
  const { deptName } = useSession();
  const showError = useShowError();
  const [p, setP] = useState<ProjectDetailView | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);

  const load = useCallback(
    (position?: string) => {
      get<ProjectDetailView>(`/api/v1/key-projects/${id}`, position ? { 'x-min-position': position } : {})
        .then(setP)
        .catch((e) => {
          setMissing(e instanceof Error ? e.message : String(e));
          showError(e);
        });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id],
  );
  useEffect(() => load(), [load]);
  const done = (r: CommandResult) => {
    load(r.position);
    setHistoryKey((k) => k + 1);
  };

  if (missing && !p) return <Alert type="warning" showIcon message={missing} />;
  if (!p) return <Spin size="large" />;
  const base = `/api/v1/key-projects/${p.id}`;
  const open = p.milestones.filter((m) => !m.achievedOn);
  const msOptions = (list: Milestone[]) => list.map((m) => ({ value: m.milestoneId, label: `${m.milestoneId} ${m.name}` }));
  const pending = p.baselineChanges.filter((c) => c.status === 'PENDING');
  const can = (t: keyof typeof keyProjectCommandLabels) => allows(p.allowedActions, t);
  const msName = (mid: string | null) => p.milestones.find((m) => m.milestoneId === mid)?.name ?? mid ?? '—';
  const words = p.labels?.commands ?? keyProjectCommandLabels;

  const approveButtons = (c: BaselineChange) =>
    can('ApproveBaselineChange') && (
      <Space>
        <CommandButton
          label="批准"
          title={`批准基线调整：${msName(c.milestoneId)} → ${fmtDate(c.proposedBaselineDate)}`}
          path={`${base}/approve-baseline-change`}
          button={{ type: 'primary', size: 'small' }}
          fields={[{ name: 'note', label: '审批意见', type: 'textarea', initial: '同意调整，请按新基线抓紧推进。' }]}
          transform={(v) => ({ requestId: c.requestId, note: v.note })}
          onDone={done}
        />
        <CommandButton
          label="驳回"
          title="驳回基线调整"
          path={`${base}/reject-baseline-change`}
          button={{ danger: true, size: 'small' }}
          fields={[{ name: 'reason', label: '驳回理由', type: 'textarea', required: true }]}
          transform={(v) => ({ requestId: c.requestId, reason: v.reason })}
          onDone={done}
        />
      </Space>
    );

  const actions = [
    <AssignmentButtons key="assignment" p={p} onDone={done} />,
    can('ReportProjectProgress') && (
      <CommandButton
        key="report"
        label="报送进展"
        path={`${base}/report-progress`}
        button={{ type: 'primary' }}
        fields={[
          { name: 'milestoneId', label: '推进中的里程碑', type: 'select', options: msOptions(open) },
          { name: 'percentComplete', label: '该里程碑完成百分比', type: 'number', min: 0, max: 100 },
          { name: 'forecastDate', label: '预计完成日期', type: 'date' },
          { name: 'narrative', label: '进展情况', type: 'textarea', required: true, placeholder: '如：主体工程完成 60%，设备已招标。' },
        ]}
        onDone={done}
      />
    ),
    can('AchieveMilestone') && (
      <CommandButton
        key="achieve"
        label="确认里程碑完成"
        path={`${base}/achieve-milestone`}
        fields={[
          { name: 'milestoneId', label: '里程碑', type: 'select', required: true, options: msOptions(open) },
          { name: 'achievedOn', label: '实际完成日期', type: 'date', required: true, initial: todayShanghai(), disableFuture: true },
          { name: 'evidenceTitle', label: '佐证材料名称', type: 'text', required: true, placeholder: '如：竣工验收单' },
          { name: 'evidenceUri', label: '文号或链接', type: 'text', placeholder: '如：牡环发〔2025〕12号' },
        ]}
        transform={(v) => ({
          milestoneId: v.milestoneId,
          achievedOn: v.achievedOn,
          evidence: [{ evidenceId: `EV-${Date.now()}`, title: v.evidenceTitle, uri: v.evidenceUri ?? null }],
        })}
        onDone={done}
      />
    ),
    can('RequestBaselineChange') && (
      <CommandButton
        key="baseline"
        label="申请调整基线"
        path={`${base}/request-baseline-change`}
        fields={[
          { name: 'milestoneId', label: '里程碑', type: 'select', required: true, options: msOptions(open) },
          { name: 'proposedBaselineDate', label: '拟调整为', type: 'date', required: true },
          { name: 'reason', label: '调整理由', type: 'textarea', required: true },
        ]}
        onDone={done}
      />
    ),
    can('StartKeyProject') && (
      <CommandButton
        key="start"
        label={`确认${words.StartKeyProject}`}
        path={`${base}/start`}
        fields={[
          {
            name: 'startedOn',
            label: `实际${words.StartKeyProject}日期`,
            type: 'date',
            required: true,
            initial: todayShanghai(),
            disableFuture: true,
          },
        ]}
        onDone={done}
      />
    ),
    can('PlanMilestone') && (
      <CommandButton
        key="plan"
        label="制定里程碑"
        path={`${base}/plan-milestone`}
        fields={[
          { name: 'name', label: '里程碑名称', type: 'text', required: true },
          { name: 'weight', label: '权重', type: 'number', required: true, min: 1, initial: 10 },
          { name: 'baselineDate', label: '基线日期', type: 'date' },
        ]}
        transform={(v) => ({
          ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null)),
          milestoneId: nextMilestoneId(p.milestones),
        })}
        onDone={done}
      />
    ),
    can('SuspendKeyProject') && (
      <CommandButton
        key="suspend"
        label="暂停"
        path={`${base}/suspend`}
        fields={[{ name: 'reason', label: '暂停原因', type: 'textarea', required: true }]}
        onDone={done}
      />
    ),
    can('ResumeKeyProject') && (
      <CommandButton
        key="resume"
        label="恢复实施"
        path={`${base}/resume`}
        fields={[{ name: 'note', label: '复工说明', type: 'textarea' }]}
        onDone={done}
      />
    ),
    can('CompleteKeyProject') && (
      <CommandButton
        key="complete"
        label={words.CompleteKeyProject}
        path={`${base}/complete`}
        fields={[
          {
            name: 'completedOn',
            label: `${p.labels?.words.complete ?? '完工'}日期`,
            type: 'date',
            required: true,
            initial: todayShanghai(),
            disableFuture: true,
          },
        ]}
        onDone={done}
      />
    ),
    can('AcceptKeyProject') && (
      <CommandButton
        key="accept"
        label="录入验收"
        path={`${base}/accept`}
        fields={[
          { name: 'recordId', label: '验收记录编号', type: 'text', required: true },
          { name: 'acceptedOn', label: '验收日期', type: 'date', required: true, disableFuture: true },
          { name: 'acceptingBody', label: '验收单位', type: 'text', required: true },
          { name: 'documentRef', label: '验收文件编号', type: 'text', required: true },
          { name: 'summary', label: '验收结论', type: 'textarea' },
        ]}
        transform={(v) => ({ acceptanceRecord: Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null)) })}
        onDone={done}
      />
    ),
    can('CancelKeyProject') && (
      <CommandButton
        key="cancel"
        label={words.CancelKeyProject}
        button={{ danger: true }}
        path={`${base}/cancel`}
        fields={[{ name: 'reason', label: '取消原因', type: 'textarea', required: true }]}
        onDone={done}
      />
    ),
  ].filter(Boolean);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/projects">重点工程</Link> }, { title: p.code }]} />
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {p.code} {p.name}
            </Typography.Title>
            <Tag color={keyProjectStatusColors[p.status]}>{p.statusLabel}</Tag>
          </Space>
        }
        extra={
          <Space wrap data-testid="project-actions">
            {p.allowedActions.some((a) => a.allowed) ? actions : <Typography.Text type="secondary">您可查看本工程</Typography.Text>}
            <WithheldActions actions={p.allowedActions} labels={words} />
          </Space>
        }
      >
        <Row gutter={24}>
          <Col xs={24} md={6}>
            <Progress type="dashboard" percent={Math.round(Number(p.progress))} format={(v) => `${v}%`} />
            <div style={{ textAlign: 'center', color: '#888' }}>按里程碑权重计算的总体进度</div>
          </Col>
          <Col xs={24} md={18}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="牵头单位">{deptName(p.leadDepartment)}</Descriptions.Item>
              <Descriptions.Item label="配合单位">{p.cooperatingDepartments.map(deptName).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="实施单位">{p.implementingUnit ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="责任人">{p.responsiblePerson ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="计划工期">
                {fmtDate(p.plannedStart)} 至 {fmtDate(p.plannedEnd)}
              </Descriptions.Item>
              <Descriptions.Item label="计划投资">{p.plannedInvestment !== null ? `${p.plannedInvestment} 万元` : '—'}</Descriptions.Item>
              <Descriptions.Item label="所属专栏">{p.planBox ? `专栏 ${p.planBox}` : '—'}</Descriptions.Item>
              <Descriptions.Item label={`${p.labels?.words.start ?? '开工'} / ${p.labels?.words.complete ?? '完工'}`}>
                {fmtDate(p.startedOn)} / {fmtDate(p.completedOn)}
              </Descriptions.Item>
              <Descriptions.Item label="简介" span={2}>
                {p.description || '—'}
              </Descriptions.Item>
            </Descriptions>
            <PlanItemFacts p={p} />
          </Col>
        </Row>
      </Card>

      {pending.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="pending-baseline"
          message={`有 ${pending.length} 项基线调整申请待领导小组审批`}
          description={
            <Space direction="vertical">
              {pending.map((c) => (
                <Space key={c.requestId} wrap>
                  <span>
                    {msName(c.milestoneId)}：{fmtDate(c.currentBaselineDate)} → <b>{fmtDate(c.proposedBaselineDate)}</b>（{c.reason}）
                  </span>
                  {approveButtons(c)}
                </Space>
              ))}
            </Space>
          }
        />
      )}

      <Card>
        <Tabs
          items={[
            {
              key: 'milestones',
              label: '里程碑时间轴',
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <MilestoneChart milestones={p.milestones} />
                  <Table<Milestone>
                    scroll={{ x: 'max-content' }}
                    rowKey="milestoneId"
                    size="small"
                    pagination={false}
                    dataSource={p.milestones}
                    data-testid="milestone-table"
                    columns={[
                      { title: '编号', dataIndex: 'milestoneId', width: 70 },
                      {
                        title: '里程碑',
                        dataIndex: 'name',
                        render: (n: string, m) => (
                          <>
                            {n} {!m.mandatory && <Tag>非必须</Tag>}
                          </>
                        ),
                      },
                      { title: '原基线', dataIndex: 'originalBaselineDate', width: 130, render: fmtDate },
                      {
                        title: '现基线',
                        dataIndex: 'baselineDate',
                        width: 130,
                        render: (d: string | null, m) => (
                          <span style={{ color: d !== m.originalBaselineDate ? '#1677ff' : undefined }}>{fmtDate(d)}</span>
                        ),
                      },
                      { title: '预测', dataIndex: 'forecastDate', width: 130, render: fmtDate },
                      {
                        title: '实际完成',
                        dataIndex: 'achievedOn',
                        width: 140,
                        render: (d: string | null) =>
                          d ? <Tag color="success">{fmtDate(d)}</Tag> : <Typography.Text type="secondary">未完成</Typography.Text>,
                      },
                      {
                        title: '偏差（天）',
                        dataIndex: 'varianceDays',
                        width: 100,
                        render: (v: number | null) =>
                          v === null || v === undefined ? '—' : v > 0 ? <Typography.Text type="danger">+{v}</Typography.Text> : v,
                      },
                      {
                        title: '完成度',
                        dataIndex: 'latestPercentComplete',
                        width: 140,
                        render: (v: number | null, m) => <Progress size="small" percent={m.achievedOn ? 100 : (v ?? 0)} />,
                      },
                      {
                        title: '佐证',
                        dataIndex: 'evidence',
                        width: 160,
                        render: (ev: Milestone['evidence']) => ev.map((e) => <div key={e.evidenceId}>{e.title}</div>),
                      },
                    ]}
                  />
                </Space>
              ),
            },
            {
              key: 'reports',
              label: `进度报告（${p.progressReports.length}）`,
              children: (
                <Table
                  scroll={{ x: 'max-content' }}
                  rowKey="reportId"
                  size="small"
                  dataSource={[...p.progressReports].reverse()}
                  data-testid="progress-reports"
                  columns={[
                    { title: '报送时间', dataIndex: 'reportedAt', width: 170, render: fmtDateTime },
                    { title: '里程碑', dataIndex: 'milestoneId', width: 200, render: msName },
                    { title: '完成', dataIndex: 'percentComplete', width: 80, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
                    { title: '预计完成', dataIndex: 'forecastDate', width: 130, render: fmtDate },
                    { title: '进展情况', dataIndex: 'narrative' },
                    { title: '报送人', dataIndex: 'reportedBy', width: 140 },
                  ]}
                />
              ),
            },
            {
              key: 'baseline',
              label: `基线调整（${p.baselineChanges.length}）`,
              children: (
                <Table<BaselineChange>
                  scroll={{ x: 'max-content' }}
                  rowKey="requestId"
                  size="small"
                  dataSource={p.baselineChanges}
                  columns={[
                    { title: '申请时间', dataIndex: 'requestedAt', width: 170, render: fmtDateTime },
                    { title: '里程碑', dataIndex: 'milestoneId', render: msName },
                    { title: '原基线', dataIndex: 'currentBaselineDate', width: 130, render: fmtDate },
                    { title: '拟调整为', dataIndex: 'proposedBaselineDate', width: 130, render: fmtDate },
                    { title: '理由', dataIndex: 'reason' },
                    {
                      title: '状态',
                      dataIndex: 'status',
                      width: 90,
                      render: (s: string) => <Tag color={changeStatus[s].color}>{changeStatus[s].label}</Tag>,
                    },
                    {
                      title: '审批',
                      width: 170,
                      render: (_, c) => (c.status === 'PENDING' ? approveButtons(c) || '待领导小组审批' : (c.decisionNote ?? '')),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'history',
              label: '历史记录',
              children: (
                <HistoryPanel
                  key={historyKey}
                  basePath={`/api/v1/key-projects/${p.id}`}
                  renderState={(s) => <ProjectSnapshot p={s as unknown as ProjectDetailView} />}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
