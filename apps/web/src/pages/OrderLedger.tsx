import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, download, get, post, query, request, type CommandResult, type Page, type RowError } from '../api';
import {
  deadlineKindLabels,
  hasRole,
  orderCommandPolicies,
  orderSourceLabels,
  orderStatusColors,
  orderStatusLabels,
  timelinessColors,
} from '../domain';
import { fmtDate } from '../format';
import { useSession } from '../session';
import { CommandButton, useShowError, type FieldSpec } from '../ui';
import type { LedgerRow } from '../api';

export type OrderRow = LedgerRow;

const COMPLETION_COLORS: Record<string, string> = {
  COMPLETED: 'green',
  BASICALLY_COMPLETED: 'cyan',
  ON_SCHEDULE: 'blue',
  BEHIND_SCHEDULE: 'red',
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TIMELINESS: Record<string, string> = {
  ON_TRACK: '正常推进',
  DUE_SOON: '即将到期（30日内）',
  OVERDUE: '已逾期',
  DONE_ON_TIME: '按期销号',
  DONE_LATE: '逾期销号',
  NO_DEADLINE: '长期坚持',
};
const FILTER_KEYS = ['source', 'batch', 'department', 'state', 'timeliness', 'deadlineKind', 'text'] as const;

/** 下达整改任务: the order, its measures and its deadline; with a lead department it is 交办 at once. */
const issueFields: FieldSpec[] = [
  { name: 'code', label: '任务编号', type: 'text', required: true, placeholder: '如：第三轮中央督察-12' },
  {
    name: 'source',
    label: '问题来源',
    type: 'select',
    required: true,
    options: Object.entries(orderSourceLabels).map(([value, label]) => ({ value, label })),
  },
  { name: 'batch', label: '批次', type: 'text', required: true, placeholder: '如：第三轮中央生态环境保护督察' },
  { name: 'finding', label: '督察发现的问题', type: 'textarea', required: true },
  { name: 'target', label: '整改目标', type: 'textarea', required: true },
  {
    name: 'deadlineKind',
    label: '时限类型',
    type: 'select',
    required: true,
    options: Object.entries(deadlineKindLabels).map(([value, label]) => ({ value, label })),
  },
  { name: 'deadline', label: '整改时限', type: 'date', required: true, visibleWhen: (v) => v.deadlineKind !== 'ONGOING' },
  {
    name: 'forwardedOn',
    label: '信访件转办日期',
    type: 'date',
    required: true,
    disableFuture: true,
    visibleWhen: (v) => v.source === 'PETITION',
  },
  { name: 'caseNumber', label: '信访件编号', type: 'text', visibleWhen: (v) => v.source === 'PETITION' },
  { name: 'measures', label: '整改措施', type: 'measures' },
  { name: 'leadDepartment', label: '牵头单位（填写则下达后即交办）', type: 'department' },
  { name: 'cooperatingDepartments', label: '配合单位', type: 'departments', visibleWhen: (v) => Boolean(v.leadDepartment) },
  { name: 'acceptanceDepartment', label: '验收单位', type: 'department', required: true, visibleWhen: (v) => Boolean(v.leadDepartment) },
];

async function issueOrder(body: unknown): Promise<CommandResult> {
  const v = body as Record<string, unknown>;
  const issued = await post<CommandResult>('/api/v1/rectification-orders', {
    code: v.code,
    source: v.source,
    batch: v.batch,
    finding: v.finding,
    target: v.target,
    deadlineKind: v.deadlineKind,
    deadline: v.deadline ?? null,
    measures: v.measures ?? [],
    petition: v.source === 'PETITION' ? { forwardedOn: v.forwardedOn, caseNumber: v.caseNumber ?? null } : null,
  });
  if (!v.leadDepartment) return issued;
  return post<CommandResult>(`/api/v1/rectification-orders/${issued.id}/assign`, {
    leadDepartment: v.leadDepartment,
    cooperatingDepartments: v.cooperatingDepartments ?? [],
    acceptanceDepartment: v.acceptanceDepartment,
  });
}

export function OrderLedger() {
  const navigate = useNavigate();
  const { user, departments, deptName } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<(Page<OrderRow> & { today?: string }) | null>(null);
  /** Why the last load failed: shown instead of the table, never as an empty ledger. */
  const [loadError, setLoadError] = useState<string | null>(null);
  const [batches, setBatches] = useState<string[]>([]);
  const [importErrors, setImportErrors] = useState<{ detail: string; errors: RowError[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]));
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);

  const paramsKey = params.toString();
  const load = useCallback(() => {
    setData(null);
    setLoadError(null);
    get<Page<OrderRow>>(`/api/v1/ledger/orders${query({ ...filters, page, pageSize })}`)
      .then(setData)
      .catch((e) => setLoadError(e instanceof Error ? e.message : String(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [paramsKey]);
  useEffect(load, [load]);
  useEffect(() => {
    get<{ items: string[] }>('/api/v1/ledger/batches')
      .then((r) => setBatches(r.items))
      .catch(() => setBatches([]));
  }, []);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next);
  };

  const exportXlsx = async () => {
    setBusy(true);
    try {
      const n = await download(`/api/v1/rectification-orders/export.xlsx${query(filters)}`, '整改台账.xlsx');
      message.success(`已导出 ${n} 条（与当前筛选结果一致）`);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const importXlsx = async (file: File) => {
    setBusy(true);
    try {
      const r = await request<{ imported: number }>('POST', '/api/v1/rectification-orders/import', file, { 'content-type': XLSX });
      message.success(`已导入 ${r.imported} 条整改任务`);
      load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setImportErrors({ detail: e.detail, errors: e.errors });
      else showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="整改台账"
      extra={
        <Space wrap>
          {user?.roles.some((r) => orderCommandPolicies.IssueOrder.roles.includes(r)) && (
            <CommandButton
              label="下达整改任务"
              path="/api/v1/rectification-orders"
              fields={issueFields}
              transform={(v) => v}
              send={issueOrder}
              button={{ type: 'primary' }}
              onDone={(r) => navigate(`/orders/${r.id}`, { state: { position: r.position } })}
            />
          )}
          <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={busy} data-testid="export-xlsx">
            导出 Excel
          </Button>
          {hasRole(user, 'supervision-office') && (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void importXlsx(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} type="primary" loading={busy} data-testid="import-xlsx">
                导入 Excel
              </Button>
            </Upload>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} data-testid="ledger-filters">
        <Input.Search
          placeholder="编码、问题、目标、责任人"
          allowClear
          defaultValue={filters.text}
          onSearch={(v) => set('text', v)}
          style={{ width: 230 }}
        />
        <Select
          placeholder="请选择问题来源"
          allowClear
          style={{ width: 200 }}
          value={filters.source}
          onChange={(v) => set('source', v)}
          options={Object.entries(orderSourceLabels).map(([value, label]) => ({ value, label }))}
          data-testid="filter-source"
        />
        <Select
          placeholder="请选择批次"
          allowClear
          showSearch
          style={{ width: 230 }}
          value={filters.batch}
          onChange={(v) => set('batch', v)}
          options={batches.map((b) => ({ value: b, label: b }))}
        />
        <Select
          placeholder="请选择责任单位"
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: 220 }}
          value={filters.department}
          onChange={(v) => set('department', v)}
          options={departments.map((d) => ({ value: d.id, label: d.nameZh }))}
        />
        <Select
          placeholder="请选择状态"
          allowClear
          style={{ width: 140 }}
          value={filters.state}
          onChange={(v) => set('state', v)}
          options={Object.entries(orderStatusLabels).map(([value, label]) => ({ value, label }))}
        />
        <Select
          placeholder="请选择及时性"
          allowClear
          style={{ width: 150 }}
          value={filters.timeliness}
          onChange={(v) => set('timeliness', v)}
          options={Object.entries(TIMELINESS).map(([value, label]) => ({ value, label }))}
          data-testid="filter-timeliness"
        />
        <Select
          placeholder="请选择时限类型"
          allowClear
          style={{ width: 120 }}
          value={filters.deadlineKind}
          onChange={(v) => set('deadlineKind', v)}
          options={Object.entries(deadlineKindLabels).map(([value, label]) => ({ value, label }))}
        />
        {FILTER_KEYS.some((k) => filters[k]) && <Button onClick={() => setParams(new URLSearchParams())}>清除筛选</Button>}
      </Space>
      {loadError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`台账未能加载：${loadError}`}
          data-testid="ledger-load-error"
          action={
            <Button size="small" onClick={load}>
              重试
            </Button>
          }
        />
      )}
      {!loadError && (
        <Table<OrderRow>
          rowKey="id"
          size="middle"
          loading={data === null}
          dataSource={data?.items ?? []}
          data-testid="ledger-table"
          scroll={{ x: 2000 }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showTotal: (t) => <span data-testid="ledger-total">共 {t} 条</span>,
            onChange: (p, s) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              next.set('pageSize', String(s));
              setParams(next);
            },
          }}
          columns={[
            { title: '序号', dataIndex: 'index', width: 64, fixed: 'left' },
            {
              title: '任务编码',
              dataIndex: 'code',
              width: 170,
              fixed: 'left',
              render: (c: string, o) => <Link to={`/orders/${o.id}`}>{c}</Link>,
            },
            { title: '问题来源', dataIndex: 'sourceLabel', width: 150 },
            {
              title: '督察意见（问题）',
              dataIndex: 'finding',
              ellipsis: true,
              render: (f: string, o) => (
                <>
                  {o.isSample && <Tag>示例</Tag>}
                  {o.backfill && <Tag title={`${o.backfill.enteredByName} 于 ${o.backfill.enteredOn} 补录`}>补录</Tag>}
                  {f}
                </>
              ),
            },
            {
              title: '牵头单位',
              dataIndex: 'leadDepartment',
              width: 170,
              render: (d: string | null) => (d ? deptName(d) : <Typography.Text type="secondary">待交办</Typography.Text>),
            },
            {
              title: '整改时限',
              dataIndex: 'currentDeadline',
              width: 150,
              render: (d: string | null, o) => (
                <>
                  {o.deadlineKind === 'ONGOING' ? '长期坚持' : fmtDate(d)}
                  {o.originalDeadline && o.originalDeadline !== d && (
                    <div style={{ fontSize: 12, color: '#999' }}>原：{fmtDate(o.originalDeadline)}</div>
                  )}
                </>
              ),
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 120,
              render: (s: string, o) => <Tag color={orderStatusColors[s]}>{o.statusLabel}</Tag>,
            },
            {
              title: '及时性',
              dataIndex: 'timeliness',
              width: 130,
              render: (t: string) => <Tag color={timelinessColors[t]}>{TIMELINESS[t] ?? t}</Tag>,
            },
            { title: '责任人', dataIndex: 'responsiblePerson', width: 140, render: (r: string | null) => r ?? '—' },
            { title: '责任领导（包保市领导）', dataIndex: 'leaderInCharge', width: 160, render: (r: string | null) => r ?? '—' },
            { title: '整改进展', dataIndex: 'latestProgress', width: 220, ellipsis: true, render: (p: string | null) => p ?? '—' },
            {
              title: '完成情况',
              dataIndex: 'completion',
              width: 130,
              render: (c: string, o) => <Tag color={COMPLETION_COLORS[c]}>{o.completionLabel}</Tag>,
            },
            { title: '逾期天数', dataIndex: 'daysOverdue', width: 100, render: (d: number | null) => (d ? `${d} 天` : '—') },
          ]}
        />
      )}
      <Modal
        open={importErrors !== null}
        title="导入未成功，未写入任何数据"
        onCancel={() => setImportErrors(null)}
        onOk={() => setImportErrors(null)}
        okText="知道了"
        cancelButtonProps={{ style: { display: 'none' } }}
        width={760}
      >
        <div data-testid="import-errors">
          <Alert type="error" showIcon message={importErrors?.detail} style={{ marginBottom: 12 }} />
          <Table
            scroll={{ x: 'max-content' }}
            size="small"
            rowKey={(e) => `${e.row}-${e.field}`}
            pagination={false}
            dataSource={importErrors?.errors ?? []}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80, render: (r: number) => `第 ${r} 行` },
              { title: '列', dataIndex: 'field', width: 180 },
              { title: '问题', dataIndex: 'messages', render: (m: string[]) => m.join('；') },
            ]}
          />
        </div>
      </Modal>
    </Card>
  );
}
