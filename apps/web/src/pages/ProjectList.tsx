import { Card, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { get, query, type Page } from '../api';
import { keyProjectStatusColors, keyProjectStatusLabels } from '../domain';
import { fmtDate } from '../format';
import { useSession } from '../session';
import { useShowError } from '../ui';
import type { KeyProjectSummary } from '../api';

export type ProjectSummary = KeyProjectSummary;

const CATEGORIES: Record<string, string> = {
  water: '水环境',
  air: '大气',
  soil: '土壤',
  ecology: '生态',
  risk: '环境风险',
  rural: '农村环境',
  climate: '应对气候变化',
  capacity: '能力建设',
};

export function ProjectList() {
  const { departments, deptName, user } = useSession();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<Page<ProjectSummary> | null>(null);
  const showError = useShowError();
  const filters = Object.fromEntries(params.entries());
  const page = Number(params.get('page') ?? 1);

  useEffect(() => {
    setData(null);
    get<Page<ProjectSummary>>(`/api/v1/key-projects${query({ ...filters, page, pageSize: 20 })}`)
      .then(setData)
      .catch((e) => {
        showError(e);
        setData({ items: [], total: 0, page: 1, pageSize: 20 });
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.toString()]);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };

  return (
    <Card
      title="重点工程"
      extra={
        user?.department && (
          <a onClick={() => set('department', params.get('department') ? undefined : user.department!)} data-testid="mine-filter">
            {params.get('department') ? '查看全部' : '只看本单位'}
          </a>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="代码、名称、里程碑关键词"
          allowClear
          defaultValue={filters.text}
          onSearch={(v) => set('text', v)}
          style={{ width: 260 }}
        />
        <Select
          placeholder="请选择责任单位"
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 240 }}
          value={filters.department}
          onChange={(v) => set('department', v)}
          options={[{ value: 'unassigned', label: '尚未明确牵头单位' }, ...departments.map((d) => ({ value: d.id, label: d.nameZh }))]}
        />
        <Select
          placeholder="请选择状态"
          allowClear
          style={{ width: 130 }}
          value={filters.state}
          onChange={(v) => set('state', v)}
          options={Object.entries(keyProjectStatusLabels).map(([value, label]) => ({ value, label }))}
        />
        <Select
          placeholder="所属专栏"
          allowClear
          style={{ width: 130 }}
          value={filters.planBox}
          onChange={(v) => set('planBox', v)}
          options={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: String(n), label: `专栏 ${n}` }))}
        />
        <Select
          placeholder="请选择类别"
          allowClear
          style={{ width: 140 }}
          value={filters.category}
          onChange={(v) => set('category', v)}
          options={Object.entries(CATEGORIES).map(([value, label]) => ({ value, label }))}
        />
        <Select
          placeholder="类型"
          allowClear
          style={{ width: 150 }}
          value={filters.kind}
          onChange={(v) => set('kind', v)}
          options={[
            { value: 'KEY_PROJECT', label: '重点工程' },
            { value: 'COMMITMENT', label: '规划承诺事项' },
          ]}
        />
      </Space>
      <Table<ProjectSummary>
        scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={data === null}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          showTotal: (t) => `共 ${t} 项`,
          showSizeChanger: false,
          onChange: (p) => set('page', String(p)),
        }}
        columns={[
          { title: '代码', dataIndex: 'code', width: 100 },
          { title: '工程名称', dataIndex: 'name', render: (n: string, p) => <Link to={`/projects/${p.id}`}>{n}</Link> },
          {
            title: '牵头单位',
            dataIndex: 'leadDepartment',
            width: 200,
            render: (d: string | null) => (d ? deptName(d) : <Typography.Text type="secondary">尚未明确</Typography.Text>),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (s: string, p) => (
              <Tag color={keyProjectStatusColors[s]}>
                {p.statusLabel ?? keyProjectStatusLabels[s as keyof typeof keyProjectStatusLabels]}
              </Tag>
            ),
          },
          {
            title: '进度',
            dataIndex: 'progress',
            width: 170,
            render: (v: number) => <Progress percent={Math.round(Number(v))} size="small" />,
          },
          { title: '计划完工', dataIndex: 'plannedEnd', width: 140, render: fmtDate },
        ]}
      />
    </Card>
  );
}
