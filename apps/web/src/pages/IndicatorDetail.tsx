import { Alert, Breadcrumb, Card, Col, DatePicker, Descriptions, Empty, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import ReactECharts from 'echarts-for-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get, type CommandResult } from '../api';
import { allows } from '../domain';
import { fmtDate, fmtDateTime, todayShanghai } from '../format';
import {
  chartColors,
  fmtBaseline,
  fmtTarget,
  fmtValue,
  indicatorCommandLabels,
  indicatorStatusColors,
  periodLabel,
  reportablePeriods,
  type IndicatorDetailView,
} from '../indicators';
import { CommandButton, useShowError, WithheldActions, type FieldSpec } from '../ui';
import type { IndicatorHistoryEntry } from '../api';

type HistoryEntry = IndicatorHistoryEntry;

const eventLabels: Record<string, string> = {
  IndicatorRegistered: '登记指标（规划原文）',
  IndicatorAssigned: '交办',
  IndicatorReassigned: '重新交办',
  YearlyTargetsSet: '设定年度目标',
  IndicatorValueReported: '报送数值',
  IndicatorValueCorrected: '更正数值',
  ContributingProjectLinked: '关联支撑工程',
};

/** One line of plain text per event: what a reader of the audit trail looks for. */
function eventSummary(e: HistoryEntry, v: IndicatorDetailView, deptName: (id: unknown) => string): string {
  const d = e.data;
  const period = typeof d.period === 'string' ? periodLabel(d.period, v.reportingFrequency) : '';
  switch (e.type) {
    case 'IndicatorValueReported':
      return `${period}：${fmtValue(d.value as number, v.unit)}；来源：${String(d.source)}`;
    case 'IndicatorValueCorrected':
      return `${period}：${fmtValue(d.previousValue as number, v.unit)} → ${fmtValue(d.value as number, v.unit)}；理由：${String(d.reason)}`;
    case 'IndicatorAssigned':
    case 'IndicatorReassigned':
      return `牵头单位：${deptName(d.leadDepartment)}${d.reason ? `；理由：${String(d.reason)}` : ''}`;
    case 'YearlyTargetsSet':
      return `${(d.targets as Array<{ year: number; value: number }>).map((t) => `${t.year}年 ${t.value}${v.unit ?? ''}`).join('、')}；依据：${String(d.grounds)}`;
    case 'ContributingProjectLinked':
      return `${String(d.projectCode)} ${String(d.projectName)}`;
    default:
      return `${String(d.code ?? '')} ${String(d.name ?? '')}`;
  }
}

/** The reported values against the year's trajectory and the 2025 target; text only (canvas rich text, no HTML). */
function IndicatorChart({ v }: { v: IndicatorDetailView }) {
  const option = useMemo(() => {
    const unit = v.unit ?? '';
    const byYear = new Map(v.trajectory.map((t) => [t.year, t.value]));
    const numeric = v.series.filter((s) => typeof s.value === 'number');
    const points =
      numeric.length > 0
        ? numeric.map((s) => ({
            label: s.periodLabel,
            value: s.value as number,
            trajectory: byYear.get(Math.min(s.year, v.target.year)) ?? null,
          }))
        : v.trajectory.map((t) => ({ label: `${t.year}年`, value: null, trajectory: t.value }));
    return {
      animation: false,
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        valueFormatter: (x: number | null) => (x === null || x === undefined ? '—' : `${x}${unit}`),
      },
      legend: { top: 0 },
      grid: { left: 10, right: 30, top: 40, bottom: 20, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => p.label) },
      yAxis: { type: 'value', scale: true, name: unit },
      series: [
        {
          name: '报送数值',
          type: 'line',
          data: points.map((p) => p.value),
          symbolSize: 8,
          itemStyle: { color: chartColors.value },
          lineStyle: { width: 3 },
          markLine:
            v.target.value === null
              ? undefined
              : {
                  symbol: 'none',
                  lineStyle: { color: chartColors.target, type: 'solid' },
                  label: {
                    formatter: `${v.target.year}年目标 ${v.target.value}${unit}`,
                    position: 'insideEndTop',
                    color: chartColors.target,
                  },
                  data: [{ yAxis: v.target.value }],
                },
        },
        {
          name: '序时进度',
          type: 'line',
          data: points.map((p) => p.trajectory),
          step: 'middle',
          symbol: 'circle',
          symbolSize: 5,
          itemStyle: { color: chartColors.trajectory },
          lineStyle: { type: 'dashed', width: 2 },
        },
      ],
    };
  }, [v]);
  if (v.measure !== 'NUMERIC') return <Empty description="定性指标按“达到/未达到”判定，没有数值曲线" />;
  if (v.series.length === 0 && v.trajectory.length === 0) return <Empty description="尚未报送数值，也没有可推算的序时进度" />;
  return (
    <div data-testid="indicator-chart">
      <ReactECharts option={option} style={{ height: 320 }} notMerge />
    </div>
  );
}

function useDeptName() {
  // The view carries the names; this maps ids met in the history, which carries ids only.
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    get<{ items: Array<{ id: string; nameZh: string }> }>('/api/v1/reference/departments')
      .then((r) => setNames(Object.fromEntries(r.items.map((d) => [d.id, d.nameZh]))))
      .catch(() => setNames({}));
  }, []);
  return (id: unknown) => (typeof id === 'string' ? (names[id] ?? id) : '—');
}

export function IndicatorDetail() {
  const { id } = useParams();
  const showError = useShowError();
  const deptName = useDeptName();
  const [v, setV] = useState<IndicatorDetailView | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [snapshot, setSnapshot] = useState<IndicatorDetailView | null>(null);
  const base = `/api/v1/indicators/${id}`;

  const load = useCallback(
    (position?: string) => {
      get<IndicatorDetailView>(base, position ? { 'x-min-position': position } : {})
        .then(setV)
        .catch((e) => {
          setMissing(e instanceof Error ? e.message : String(e));
          showError(e);
        });
      get<{ items: HistoryEntry[] }>(`${base}/history`)
        .then((r) => setHistory(r.items))
        .catch(() => setHistory([]));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [base],
  );
  useEffect(() => load(), [load]);
  useEffect(() => {
    setSnapshot(null);
    if (!asOf) return;
    get<IndicatorDetailView>(`${base}?asOf=${encodeURIComponent(asOf.format('YYYY-MM-DDTHH:mm:ssZ'))}`)
      .then(setSnapshot)
      .catch(showError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asOf, base]);

  if (missing && !v) return <Alert type="warning" showIcon message={missing} />;
  if (!v) return <Spin size="large" />;

  const done = (r: CommandResult) => load(r.position);
  const can = (command: keyof typeof indicatorCommandLabels) => allows(v.allowedActions, command);
  const numeric = v.measure === 'NUMERIC';
  const valueField: FieldSpec = numeric
    ? { name: 'value', label: `数值（${v.unit ?? '无单位'}）`, type: 'number', required: true }
    : {
        name: 'value',
        label: '判定',
        type: 'select',
        required: true,
        options: [
          { value: 'MET', label: '达到' },
          { value: 'NOT_MET', label: '未达到' },
        ],
      };
  const reported = v.values.map((x) => x.period);
  const periodOptions = (periods: string[]) => periods.map((p) => ({ value: p, label: periodLabel(p, v.reportingFrequency) }));
  const assignmentFields: FieldSpec[] = [
    { name: 'leadDepartment', label: '牵头单位', type: 'department', required: true },
    { name: 'cooperatingDepartments', label: '配合单位', type: 'departments' },
    { name: 'leaderName', label: '责任领导姓名', type: 'text' },
    { name: 'leaderTitle', label: '责任领导职务', type: 'text', placeholder: '如：副市长' },
    { name: 'responsiblePerson', label: '责任人', type: 'text' },
  ];
  const assignment = (x: Record<string, unknown>) => ({
    leadDepartment: x.leadDepartment,
    cooperatingDepartments: x.cooperatingDepartments ?? [],
    leaderInCharge: x.leaderName && x.leaderTitle ? { name: x.leaderName, title: x.leaderTitle } : null,
    responsiblePerson: x.responsiblePerson ?? null,
  });
  const actions = [
    can('ReportIndicatorValue') && (
      <CommandButton
        key="report"
        label="报送数值"
        title={`报送数值：${v.name}`}
        path={`${base}/report-value`}
        button={{ type: 'primary' }}
        fields={[
          {
            name: 'period',
            label: '统计期',
            type: 'select',
            required: true,
            options: periodOptions(reportablePeriods(v.reportingFrequency, reported, todayShanghai())),
          },
          valueField,
          ...(numeric && v.unit ? [{ name: 'unit', label: '计量单位', type: 'text', initial: v.unit } as FieldSpec] : []),
          { name: 'source', label: '数据来源', type: 'text', required: true, placeholder: '如：国控站点自动监测、统计年鉴' },
          { name: 'note', label: '说明', type: 'textarea' },
        ]}
        onDone={done}
      />
    ),
    can('CorrectIndicatorValue') && (
      <CommandButton
        key="correct"
        label="更正数值"
        title={`更正数值：${v.name}`}
        path={`${base}/correct-value`}
        intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} message="更正为新的记录，原报送数值保留在历史中。" />}
        fields={[
          { name: 'period', label: '统计期', type: 'select', required: true, options: periodOptions([...reported].reverse()) },
          valueField,
          { name: 'source', label: '数据来源（不填沿用原来源）', type: 'text' },
          { name: 'reason', label: '更正理由', type: 'textarea', required: true },
        ]}
        onDone={done}
      />
    ),
    can('AssignIndicator') && (
      <CommandButton
        key="assign"
        label="交办"
        title={`交办指标：${v.name}`}
        path={`${base}/assign`}
        fields={assignmentFields}
        transform={assignment}
        onDone={done}
      />
    ),
    can('ReassignIndicator') && (
      <CommandButton
        key="reassign"
        label="重新交办"
        path={`${base}/reassign`}
        fields={[...assignmentFields, { name: 'reason', label: '重新交办理由', type: 'textarea', required: true }]}
        transform={(x) => ({ ...assignment(x), reason: x.reason })}
        onDone={done}
      />
    ),
    can('SetYearlyTargets') && (
      <CommandButton
        key="targets"
        label="设定年度目标"
        path={`${base}/set-yearly-targets`}
        fields={[
          {
            name: 'year',
            label: '年度',
            type: 'select',
            required: true,
            options: [2021, 2022, 2023, 2024, 2025].map((y) => ({ value: String(y), label: `${y}年` })),
          },
          { name: 'value', label: `目标值（${v.unit ?? '无单位'}）`, type: 'number', required: true },
          { name: 'grounds', label: '依据（如省下达目标文号）', type: 'text', required: true },
        ]}
        transform={(x) => ({ targets: [{ year: Number(x.year), value: x.value }], grounds: x.grounds })}
        onDone={done}
      />
    ),
  ].filter(Boolean);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/indicators">规划指标</Link> }, { title: v.code }]} />
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {v.code} {v.name}
            </Typography.Title>
            <Tag color={indicatorStatusColors[v.status]} data-testid="indicator-status">
              {v.statusLabel}
            </Tag>
            {v.attributeLabel && <Tag color={v.attribute === 'BINDING' ? 'red' : 'blue'}>{v.attributeLabel}</Tag>}
            <Tag>{v.assignmentStatusLabel}</Tag>
          </Space>
        }
        extra={
          <Space wrap data-testid="indicator-actions">
            {actions.length ? actions : <Typography.Text type="secondary">您可查看本指标</Typography.Text>}
            <WithheldActions actions={v.allowedActions} labels={indicatorCommandLabels} />
          </Space>
        }
      >
        <Typography.Paragraph>{v.statusReason}</Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label="2020年基准">{fmtBaseline(v)}</Descriptions.Item>
          <Descriptions.Item label="最新数值">
            {v.latest ? `${fmtValue(v.latest.value, v.unit)}（${v.latest.periodLabel}）` : '尚未报送'}
          </Descriptions.Item>
          <Descriptions.Item label="2025年目标">{fmtTarget(v)}</Descriptions.Item>
          <Descriptions.Item label="当年序时进度">
            {v.latestTrajectory ? `${v.latestTrajectory.value}${v.unit ?? ''}（${v.latestTrajectory.labelZh}）` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="类别">{v.categoryLabel ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="报送频次">{v.reportingFrequencyLabel}</Descriptions.Item>
          <Descriptions.Item label="牵头单位">
            <span data-testid="lead-department">{v.leadDepartmentName ?? '待交办'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="配合单位">{v.cooperatingDepartmentNames.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="责任领导">
            {v.leaderInCharge ? `${v.leaderInCharge.name}（${v.leaderInCharge.title}）` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="责任人">{v.responsiblePerson ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="交办日期">{fmtDate(v.assignedOn)}</Descriptions.Item>
          <Descriptions.Item label="规划出处">{v.source}</Descriptions.Item>
          {v.planText && (
            <Descriptions.Item label="规划原文" span={3}>
              {v.planText}
            </Descriptions.Item>
          )}
          {v.note && (
            <Descriptions.Item label="说明" span={3}>
              {v.note}
            </Descriptions.Item>
          )}
          {v.contributingProjects.length > 0 && (
            <Descriptions.Item label="支撑工程" span={3}>
              {v.contributingProjects.map((p) => (
                <Link key={p.projectId} to={`/projects/${p.projectId}`} style={{ marginRight: 12 }}>
                  {p.projectCode} {p.projectName}
                </Link>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title="数值与序时进度、2025年目标" size="small">
        <IndicatorChart v={v} />
      </Card>
      <Card title="各期数值" size="small">
        <Table
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="period"
          pagination={false}
          dataSource={[...v.series].reverse()}
          data-testid="indicator-series"
          locale={{ emptyText: '尚未报送数值' }}
          columns={[
            { title: '统计期', dataIndex: 'periodLabel', width: 140 },
            {
              title: '数值',
              key: 'value',
              width: 200,
              render: (_: unknown, s) =>
                s.corrected
                  ? `${fmtValue(s.value, v.unit)}（原报 ${fmtValue(s.reportedValue, v.unit)}，已更正）`
                  : fmtValue(s.value, v.unit),
            },
            {
              title: '对照',
              key: 'yardstick',
              render: (_: unknown, s) => (s.yardstick ? `${s.yardstick.labelZh} ${s.yardstick.value}${v.unit ?? ''}` : '—'),
            },
            {
              title: '判定',
              dataIndex: 'status',
              width: 100,
              render: (st: keyof typeof indicatorStatusColors, s) => <Tag color={indicatorStatusColors[st]}>{s.statusLabel}</Tag>,
            },
            {
              title: '来源',
              key: 'source',
              render: (_: unknown, s) => v.values.find((x) => x.period === s.period)?.source ?? '—',
            },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={13}>
          <Card title="操作记录（谁、何时、做了什么）" size="small" data-testid="indicator-history">
            {history === null ? (
              <Spin />
            ) : (
              <Timeline
                items={[...history].reverse().map((e) => ({
                  key: String(e.version),
                  children: (
                    <Space direction="vertical" size={0}>
                      <Typography.Text strong>
                        {eventLabels[e.type] ?? e.type} · {e.actor?.displayName ?? '系统'} · {fmtDateTime(e.recordedAt)}
                      </Typography.Text>
                      <Typography.Text type="secondary">{eventSummary(e, v, deptName)}</Typography.Text>
                    </Space>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card title="历史时点状态" size="small">
            <DatePicker
              showTime
              value={asOf}
              onChange={setAsOf}
              placeholder="请选择日期和时间"
              style={{ width: '100%', marginBottom: 12 }}
            />
            {asOf && !snapshot && <Spin />}
            {snapshot && (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="状态">
                  <Tag color={indicatorStatusColors[snapshot.status]}>{snapshot.statusLabel}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label="牵头单位">{snapshot.leadDepartmentName ?? '待交办'}</Descriptions.Item>
                <Descriptions.Item label="最新数值">
                  {snapshot.latest ? `${fmtValue(snapshot.latest.value, snapshot.unit)}（${snapshot.latest.periodLabel}）` : '尚未报送'}
                </Descriptions.Item>
                <Descriptions.Item label="已报送统计期">{snapshot.values.length}</Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
