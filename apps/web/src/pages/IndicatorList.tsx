import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { get, query, type Page } from '../api';
import {
  chartColors,
  fmtBaseline,
  fmtTarget,
  fmtValue,
  indicatorAttributeLabels,
  indicatorCategoryLabels,
  indicatorStatusColors,
  indicatorStatusLabels,
  type IndicatorSummary,
} from '../indicators';
import { useSession } from '../session';
import { useShowError } from '../ui';

/** The values reported so far as a small line (numeric indicators); no axes, no tooltip. */
function Sparkline({ indicator }: { indicator: IndicatorSummary }) {
  const points = indicator.sparkline.filter((p) => typeof p.value === 'number');
  if (indicator.measure !== 'NUMERIC' || points.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const option = {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    xAxis: { type: 'category', show: false, data: points.map((p) => p.period) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        data: points.map((p) => p.value),
        symbol: points.length === 1 ? 'circle' : 'none',
        lineStyle: { width: 2, color: chartColors.value },
        itemStyle: { color: chartColors.value },
      },
    ],
  };
  return <ReactECharts option={option} style={{ height: 32, width: 120 }} opts={{ renderer: 'svg' }} notMerge />;
}

export function IndicatorList() {
  const { departments } = useSession();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<Page<IndicatorSummary> | null>(null);
  const showError = useShowError();
  const filters = Object.fromEntries(params.entries());

  useEffect(() => {
    setData(null);
    get<Page<IndicatorSummary>>(`/api/v1/indicators${query({ ...filters, pageSize: 100 })}`)
      .then(setData)
      .catch((e) => {
        showError(e);
        setData({ items: [], total: 0, page: 1, pageSize: 100 });
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.toString()]);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  return (
    <Card title="规划指标（表2 主要指标及正文所列2025年目标）" data-testid="indicator-list">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          placeholder="请选择属性"
          allowClear
          style={{ width: 150 }}
          value={filters.attribute}
          onChange={(v) => set('attribute', v)}
          options={[
            ...Object.entries(indicatorAttributeLabels).map(([value, label]) => ({ value, label })),
            { value: 'NONE', label: '未标明（正文目标）' },
          ]}
        />
        <Select
          placeholder="请选择类别"
          allowClear
          style={{ width: 180 }}
          value={filters.category}
          onChange={(v) => set('category', v)}
          options={[
            ...Object.entries(indicatorCategoryLabels).map(([value, label]) => ({ value, label })),
            { value: 'NONE', label: '未归类' },
          ]}
        />
        <Select
          placeholder="请选择序时进度状态"
          allowClear
          style={{ width: 150 }}
          value={filters.status}
          onChange={(v) => set('status', v)}
          options={Object.entries(indicatorStatusLabels).map(([value, label]) => ({ value, label }))}
        />
        <Select
          placeholder="请选择责任单位"
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 240 }}
          value={filters.department}
          onChange={(v) => set('department', v)}
          options={[{ value: 'unassigned', label: '待交办' }, ...departments.map((d) => ({ value: d.id, label: d.nameZh }))]}
        />
      </Space>
      <Table<IndicatorSummary>
        rowKey="id"
        size="middle"
        loading={data === null}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1200 }}
        columns={[
          { title: '代码', dataIndex: 'code', width: 80 },
          {
            title: '指标',
            dataIndex: 'name',
            render: (name: string, i) => (
              <Space direction="vertical" size={0}>
                <Link to={`/indicators/${i.id}`}>{name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[i.categoryLabel, i.unit].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '属性',
            dataIndex: 'attributeLabel',
            width: 80,
            render: (label: string | null, i) =>
              label ? (
                <Tag color={i.attribute === 'BINDING' ? 'red' : 'blue'}>{label}</Tag>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          { title: '2020年基准', key: 'baseline', width: 110, render: (_: unknown, i) => fmtBaseline(i) },
          {
            title: '最新数值',
            key: 'latest',
            width: 150,
            render: (_: unknown, i) =>
              i.latest ? (
                <Space direction="vertical" size={0}>
                  <span>{fmtValue(i.latest.value, i.unit)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.latest.periodLabel}
                    {i.latest.corrected ? '（已更正）' : ''}
                  </Typography.Text>
                </Space>
              ) : (
                <Typography.Text type="secondary">尚未报送</Typography.Text>
              ),
          },
          { title: '2025年目标', key: 'target', width: 170, render: (_: unknown, i) => fmtTarget(i) },
          {
            title: '序时进度',
            dataIndex: 'status',
            width: 100,
            render: (s: IndicatorSummary['status'], i) => <Tag color={indicatorStatusColors[s]}>{i.statusLabel}</Tag>,
          },
          { title: '走势', key: 'sparkline', width: 140, render: (_: unknown, i) => <Sparkline indicator={i} /> },
          {
            title: '牵头单位',
            dataIndex: 'leadDepartmentName',
            width: 180,
            render: (name: string | null) => name ?? <Typography.Text type="secondary">待交办</Typography.Text>,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        共 {data?.total ?? 0}{' '}
        项。序时进度：按2020年基准值至2025年目标逐年推算，或按录入的年度目标（省定目标）；“待定目标”表示已有数值但尚无判定依据。
      </Typography.Paragraph>
    </Card>
  );
}
