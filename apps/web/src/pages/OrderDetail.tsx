import { Alert, Breadcrumb, Card, Col, Descriptions, Row, Space, Spin, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { get, type CommandResult } from '../api';
import {
  allows,
  mayIssueDocument,
  needsProvincialSignOff,
  provincialSignOffKindLabels,
  orderStatusColors,
  orderStatusLabels,
  orderStatusPath,
  petitionFindingLabels,
  rectificationOrderCommandLabels,
  timelinessColors,
} from '../domain';
import { fmtDate, fmtDateTime, personal, personalInput, todayShanghai } from '../format';
import { DocumentButton } from '../DocumentButton';
import { EvidenceFiles } from '../EvidenceFiles';
import { HistoryPanel } from '../History';
import { useSession } from '../session';
import { CommandButton, useShowError, WithheldActions, type FieldSpec } from '../ui';
import type { OrderDetail as OrderDetailBody } from '../api';

type OrderView = OrderDetailBody;

function StateSteps({ o }: { o: OrderView }) {
  const path: readonly string[] = orderStatusPath;
  const status = path.includes(o.status ?? '') ? (o.status ?? '') : 'IN_PROGRESS';
  const current = path.indexOf(status);
  return (
    <Steps
      size="small"
      current={current}
      status={status !== o.status ? 'error' : current === path.length - 1 ? 'finish' : 'process'}
      items={path.map((s) => ({
        title: orderStatusLabels[s as keyof typeof orderStatusLabels],
        description:
          s === 'ISSUED'
            ? fmtDate(o.issuedOn)
            : s === 'CLOSED' && o.closedOn
              ? fmtDate(o.closedOn)
              : s === 'IN_PUBLIC_NOTICE' && o.publicNotice
                ? `至 ${fmtDate(o.publicNotice.endsOn)}`
                : s === 'IN_PROGRESS' && status !== o.status
                  ? o.statusLabel
                  : undefined,
      }))}
    />
  );
}

function OrderSnapshot({ o }: { o: OrderView }) {
  const { deptName } = useSession();
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label="状态">
        <Tag color={orderStatusColors[o.status ?? '']}>{o.statusLabel}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="牵头单位">{deptName(o.leadDepartment)}</Descriptions.Item>
      <Descriptions.Item label="整改时限">{fmtDate(o.currentDeadline)}</Descriptions.Item>
      <Descriptions.Item label="措施完成">
        {o.measures.filter((m) => m.status === 'DONE').length} / {o.measures.length}
      </Descriptions.Item>
    </Descriptions>
  );
}

export function OrderDetail() {
  const { id } = useParams();
  // Arriving from a command (下达 on the ledger): read at least that write, not an older state.
  const arrivedAfter = (useLocation().state as { position?: string } | null)?.position;
  const { deptName, user } = useSession();
  const showError = useShowError();
  const [o, setO] = useState<OrderView | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);

  const load = useCallback(
    (position?: string) => {
      get<OrderView>(`/api/v1/rectification-orders/${id}`, position ? { 'x-min-position': position } : {})
        .then(setO)
        .catch((e) => {
          setMissing(e instanceof Error ? e.message : String(e));
          showError(e);
        });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => load(arrivedAfter), [load]);
  const done = (r: CommandResult) => {
    load(r.position);
    setHistoryKey((k) => k + 1);
  };

  if (missing && !o) return <Alert type="warning" showIcon message={missing} />;
  if (!o) return <Spin size="large" />;
  const base = `/api/v1/rectification-orders/${o.id}`;
  const s = o.status ?? '';
  const openMeasures = o.measures
    .filter((m) => m.status === 'OPEN')
    .map((m) => ({ value: m.measureId, label: `${m.measureId} ${m.description}` }));
  const pendingExt = o.extensions.filter((x) => x.status === 'PENDING');
  const openObjections = (o.objections ?? []).filter((x) => x.status === 'OPEN');
  const can = (t: keyof typeof rectificationOrderCommandLabels) => allows(o.allowedActions, t);
  const today = todayShanghai();
  // 整改销号审批表 (DOC-AUTH-1): for a closed inspection order; a petition case ends as 已办结, without one.
  const closureApproval = s === 'CLOSED' && !o.petitionCase && mayIssueDocument(user, 'CLOSURE_APPROVAL');
  // ORD-PROV-1: a central or provincial inspection order's deadline is the province's; its extension needs the provincial office.
  const signOffFields: FieldSpec[] = needsProvincialSignOff(o as Parameters<typeof needsProvincialSignOff>[0])
    ? [
        {
          name: 'signOffKind',
          label: '省整改办意见',
          type: 'select',
          required: true,
          options: Object.entries(provincialSignOffKindLabels).map(([value, label]) => ({ value, label })),
        },
        { name: 'documentNumber', label: '省级批复文号', type: 'text', required: true, placeholder: '如：黑整改办函〔2025〕18号' },
        { name: 'approvedOn', label: '批复日期', type: 'date', required: true, disableFuture: true },
        {
          name: 'approverBody',
          label: '审批机关',
          type: 'text',
          required: true,
          initial: '黑龙江省生态环境保护督察整改工作领导小组办公室',
        },
      ]
    : [];
  const signOff = (v: Record<string, unknown>) =>
    v.documentNumber
      ? { kind: v.signOffKind, documentNumber: v.documentNumber, approvedOn: v.approvedOn, approverBody: v.approverBody }
      : null;
  const pendingPlan = (o.plans ?? []).find((p) => p.status === 'SUBMITTED');
  const assignmentFields = (withReason: boolean): FieldSpec[] => [
    { name: 'leadDepartment', label: '牵头单位', type: 'department', required: true, initial: o.leadDepartment },
    { name: 'cooperatingDepartments', label: '配合单位', type: 'departments', initial: o.cooperatingDepartments },
    { name: 'acceptanceDepartment', label: '验收单位', type: 'department', required: true, initial: o.acceptanceDepartment },
    { name: 'responsiblePerson', label: '责任人（职务）', type: 'text', initial: personalInput(o.responsiblePerson) },
    ...(withReason ? [{ name: 'reason', label: '重新交办原因', type: 'textarea', required: true } as FieldSpec] : []),
  ];

  const spec: Array<[boolean, string, string, FieldSpec[], ((v: Record<string, unknown>) => unknown)?, boolean?]> = [
    [
      can('ReviseMeasures'),
      '修改整改措施',
      'revise-measures',
      [
        { name: 'measures', label: '整改措施', type: 'measures', initial: o.measures },
        { name: 'reason', label: '修改原因', type: 'textarea' },
      ],
    ],
    [
      can('AssignOrder'),
      '交办',
      'assign',
      assignmentFields(false),
      (v) => ({ ...v, cooperatingDepartments: v.cooperatingDepartments ?? [] }),
      true,
    ],
    [
      can('ReassignOrder'),
      '重新交办',
      'reassign',
      assignmentFields(true),
      (v) => ({ ...v, cooperatingDepartments: v.cooperatingDepartments ?? [] }),
    ],
    [
      can('SubmitRectificationPlan'),
      '报送整改方案',
      'submit-plan',
      [
        { name: 'leaderInCharge', label: '责任领导', type: 'text', required: true, initial: o.leaderInCharge ?? undefined },
        {
          name: 'measures',
          label: '整改措施',
          type: 'measures',
          required: true,
          withResponsible: true,
          initial: o.measures.map((m) => ({ ...m, responsiblePerson: personalInput(o.responsiblePerson) })),
        },
        { name: 'note', label: '说明', type: 'textarea' },
      ],
    ],
    [
      can('ApproveRectificationPlan') && Boolean(pendingPlan),
      '审核通过整改方案',
      'approve-plan',
      [{ name: 'note', label: '审核意见', type: 'textarea' }],
      (v) => ({ planId: pendingPlan?.planId, note: v.note }),
    ],
    [
      can('ReturnRectificationPlan') && Boolean(pendingPlan),
      '退回整改方案',
      'return-plan',
      [{ name: 'reasons', label: '退回理由（每行一条）', type: 'textarea', required: true }],
      (v) => ({
        planId: pendingPlan?.planId,
        reasons: String(v.reasons ?? '')
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
      }),
    ],
    [can('StartRectification'), '开始整改', 'start', [], undefined, true],
    [
      can('ReportOrderProgress'),
      '报送进展',
      'report-progress',
      [
        { name: 'summary', label: '进展情况', type: 'textarea', required: true },
        { name: 'percentComplete', label: '完成百分比', type: 'number', min: 0, max: 100 },
      ],
      undefined,
      true,
    ],
    [
      can('CompleteMeasure'),
      '完成措施',
      'complete-measure',
      [
        { name: 'measureId', label: '整改措施', type: 'select', required: true, options: openMeasures },
        { name: 'completedOn', label: '完成日期', type: 'date', required: true, initial: today, disableFuture: true },
        { name: 'note', label: '备注', type: 'textarea' },
      ],
    ],
    [
      can('AttachEvidence'),
      '上传佐证',
      'attach-evidence',
      [
        { name: 'title', label: '材料名称', type: 'text', required: true },
        { name: 'uri', label: '链接或文号', type: 'text' },
        { name: 'lastingMechanism', label: '长效机制佐证', type: 'switch', initial: false },
      ],
    ],
    [
      can('RequestExtension'),
      '申请延期',
      'request-extension',
      [
        { name: 'requestedDeadline', label: '申请延期至', type: 'date', required: true },
        { name: 'reason', label: '延期理由', type: 'textarea', required: true },
        { name: 'progressSoFar', label: '目前进展', type: 'textarea', required: true },
      ],
    ],
    [can('RequestAcceptance'), '申请验收', 'request-acceptance', [{ name: 'note', label: '申请说明', type: 'textarea' }]],
    [
      can('RecordAcceptancePassed'),
      '验收通过',
      'record-acceptance-passed',
      [
        { name: 'checkedOn', label: '验收日期', type: 'date', required: true, initial: today, disableFuture: true },
        { name: 'summary', label: '验收意见', type: 'textarea', required: true },
        { name: 'documentRef', label: '验收文件编号', type: 'text', required: true },
      ],
    ],
    [
      can('RecordAcceptanceFailed'),
      '验收不通过',
      'record-acceptance-failed',
      [
        { name: 'checkedOn', label: '验收日期', type: 'date', required: true, initial: today, disableFuture: true },
        { name: 'reasons', label: '不通过原因（每行一条）', type: 'textarea', required: true },
      ],
      (v) => ({
        checkedOn: v.checkedOn,
        reasons: String(v.reasons ?? '')
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
      }),
    ],
    [can('PublishClosingNotice'), '发布拟销号公示', 'publish-closing-notice', []],
    [
      can('RecordObjection'),
      '登记异议',
      'record-objection',
      [
        { name: 'summary', label: '异议内容', type: 'textarea', required: true },
        { name: 'receivedOn', label: '收到日期', type: 'date', required: true, initial: today },
      ],
    ],
    [
      can('SettleObjection'),
      '处理异议',
      'settle-objection',
      [
        {
          name: 'objectionId',
          label: '异议',
          type: 'select',
          required: true,
          options: openObjections.map((x) => ({ value: x.objectionId, label: x.summary })),
        },
        {
          name: 'outcome',
          label: '结论',
          type: 'select',
          required: true,
          options: [
            { value: 'UPHELD', label: '异议成立' },
            { value: 'DISMISSED', label: '异议不成立' },
          ],
        },
        { name: 'resolution', label: '处理意见', type: 'textarea', required: true },
      ],
    ],
    [can('CloseOrder'), '销号', 'close', []],
    [
      can('ReopenOrder'),
      '退回重新整改',
      'reopen',
      [
        { name: 'reason', label: '原因', type: 'textarea', required: true },
        { name: 'newDeadline', label: '新的整改时限', type: 'date' },
      ],
    ],
    [
      can('ReportPetitionFinding'),
      '报送核实结果',
      'report-petition-finding',
      [
        {
          name: 'finding',
          label: '核实结论',
          type: 'select',
          required: true,
          options: Object.entries(petitionFindingLabels).map(([value, label]) => ({ value, label })),
        },
        { name: 'summary', label: '调查核实情况', type: 'textarea', required: true },
        {
          name: 'containsPersonalData',
          label: '含信访人个人信息（加密存放，仅整改办、领导小组和牵头单位可见，可依法删除）',
          type: 'switch',
        },
      ],
    ],
    [
      can('RecordSecondCheck'),
      '录入复核结果',
      'record-second-check',
      [
        { name: 'checkedOn', label: '复核日期', type: 'date', required: true, initial: today, disableFuture: true },
        {
          name: 'outcome',
          label: '复核结论',
          type: 'select',
          required: true,
          options: [
            { value: 'CONFIRMED', label: '维持原核实结论' },
            { value: 'REVISED', label: '改变核实结论' },
          ],
        },
        {
          name: 'revisedFinding',
          label: '复核后的核实结论',
          type: 'select',
          required: true,
          options: Object.entries(petitionFindingLabels).map(([value, label]) => ({ value, label })),
          visibleWhen: (v) => v.outcome === 'REVISED',
        },
        { name: 'summary', label: '复核情况', type: 'textarea', required: true },
      ],
    ],
    [
      can('SubmitPeriodicReport'),
      '报送定期进展',
      'submit-periodic-report',
      [{ name: 'summary', label: '定期进展情况', type: 'textarea', required: true }],
    ],
    [
      can('RecordFollowUpVisit'),
      '登记回访',
      'record-follow-up-visit',
      [
        { name: 'visitedOn', label: '回访日期', type: 'date', required: true, initial: today, disableFuture: true },
        { name: 'summary', label: '回访情况', type: 'textarea', required: true },
        {
          name: 'containsPersonalData',
          label: '含信访人个人信息（加密存放，仅整改办、领导小组和牵头单位可见，可依法删除）',
          type: 'switch',
        },
      ],
    ],
    [
      can('ConcludePetitionCase'),
      '办结并公开',
      'conclude-petition-case',
      [
        { name: 'result', label: '办理结果（将公开，请勿写入信访人个人信息）', type: 'textarea', required: true },
        { name: 'channel', label: '公开方式（媒体或网站）', type: 'text', required: true },
        { name: 'publishedOn', label: '公开日期', type: 'date', required: true, initial: today, disableFuture: true },
        { name: 'reference', label: '版面、网址或文号', type: 'text' },
      ],
      (v) => ({ result: v.result, publication: { channel: v.channel, publishedOn: v.publishedOn, reference: v.reference ?? null } }),
    ],
  ];

  const actions = spec
    .filter(([ok]) => ok)
    .map(([, label, action, fields, transform, primary]) => (
      <CommandButton
        key={action}
        label={label}
        path={`${base}/${action}`}
        fields={fields}
        transform={transform}
        onDone={done}
        button={{ type: primary ? 'primary' : 'default' }}
        confirmText={fields.length ? '提交' : '确认'}
        intro={
          fields.length ? undefined : (
            <p>
              确认对“{o.code}”执行“{label}”？
            </p>
          )
        }
      />
    ));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/orders">整改台账</Link> }, { title: o.code }]} />
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {o.code}
            </Typography.Title>
            <Tag color={orderStatusColors[s]} data-testid="order-status">
              {o.statusLabel}
            </Tag>
            <Tag>{o.sourceLabel}</Tag>
          </Space>
        }
        extra={
          <Space wrap data-testid="order-actions">
            {actions.length ? actions : !closureApproval && <Typography.Text type="secondary">当前无需您办理的操作</Typography.Text>}
            {closureApproval && (
              <DocumentButton label="整改销号审批表" path="/api/v1/documents/closure-approvals" body={{ orderId: o.id }} />
            )}
            <WithheldActions actions={o.allowedActions} labels={rectificationOrderCommandLabels} />
          </Space>
        }
      >
        <StateSteps o={o} />
        <Descriptions style={{ marginTop: 20 }} size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="督察意见（问题）" span={2}>
            {o.finding}
          </Descriptions.Item>
          <Descriptions.Item label="整改目标" span={2}>
            {o.target}
          </Descriptions.Item>
          <Descriptions.Item label="批次">{o.batch}</Descriptions.Item>
          <Descriptions.Item label="时限类型">{o.deadlineKindLabel}</Descriptions.Item>
          <Descriptions.Item label="整改时限（原）">{fmtDate(o.originalDeadline)}</Descriptions.Item>
          <Descriptions.Item label="整改时限（现行）">{fmtDate(o.currentDeadline)}</Descriptions.Item>
          <Descriptions.Item label="及时性">
            <Tag color={timelinessColors[o.timeliness]} data-testid="order-timeliness">
              {o.timelinessLabel}
            </Tag>
          </Descriptions.Item>
          {o.publicNotice && (
            <Descriptions.Item label="拟销号公示">
              <span data-testid="public-notice">
                {fmtDate(o.publicNotice.publishedOn)} 至 {fmtDate(o.publicNotice.endsOn)}
              </span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="牵头单位">{deptName(o.leadDepartment)}</Descriptions.Item>
          <Descriptions.Item label="配合单位">{o.cooperatingDepartments.map(deptName).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="验收单位">{deptName(o.acceptanceDepartment)}</Descriptions.Item>
          <Descriptions.Item label="责任人">{personal(o.responsiblePerson)}</Descriptions.Item>
          {o.petitionCase && (
            <Descriptions.Item label="信访件" span={2}>
              编号 {o.petitionCase.caseNumber ?? '—'}，{fmtDate(o.petitionCase.forwardedOn)} 转办，报告期限{' '}
              {fmtDate(o.petitionCase.reportDueOn)}
              {o.petitionCase.finding &&
                `，核实结论：${petitionFindingLabels[o.petitionCase.finding as keyof typeof petitionFindingLabels]}`}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {pendingExt.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message="延期申请待领导小组审批"
          description={pendingExt.map((x) => (
            <Space key={x.requestId} wrap>
              <span>
                {fmtDate(x.currentDeadline)} → <b>{fmtDate(x.requestedDeadline)}</b>（{x.reason}）
              </span>
              {can('ApproveExtension') && (
                <CommandButton
                  label="批准"
                  button={{ type: 'primary', size: 'small' }}
                  path={`${base}/approve-extension`}
                  fields={[{ name: 'note', label: '审批意见', type: 'textarea' }, ...signOffFields]}
                  transform={(v) => ({ requestId: x.requestId, note: v.note, provincialSignOff: signOff(v) })}
                  onDone={done}
                />
              )}
              {can('RejectExtension') && (
                <CommandButton
                  label="驳回"
                  button={{ danger: true, size: 'small' }}
                  path={`${base}/reject-extension`}
                  fields={[{ name: 'reason', label: '驳回理由', type: 'textarea', required: true }]}
                  transform={(v) => ({ requestId: x.requestId, reason: v.reason })}
                  onDone={done}
                />
              )}
            </Space>
          ))}
        />
      )}

      <Card>
        <Tabs
          items={[
            {
              key: 'measures',
              label: `整改措施（${o.measures.length}）`,
              children: (
                <Table
                  scroll={{ x: 'max-content' }}
                  rowKey="measureId"
                  size="small"
                  pagination={false}
                  dataSource={o.measures}
                  columns={[
                    { title: '编号', dataIndex: 'measureId', width: 70 },
                    { title: '措施', dataIndex: 'description' },
                    {
                      title: '完成时限',
                      dataIndex: 'dueDate',
                      width: 140,
                      render: (d: string, m) => (
                        <span style={{ color: m.status === 'OPEN' && d < today ? '#f5222d' : undefined }}>{fmtDate(d)}</span>
                      ),
                    },
                    {
                      title: '状态',
                      dataIndex: 'status',
                      width: 150,
                      render: (st: string, m) =>
                        st === 'DONE' ? <Tag color="success">已完成 {fmtDate(m.completedOn)}</Tag> : <Tag>进行中</Tag>,
                    },
                  ]}
                />
              ),
            },
            {
              key: 'reports',
              label: `进展与佐证`,
              children: (
                <Row gutter={16}>
                  <Col xs={24} lg={14}>
                    <Table
                      scroll={{ x: 'max-content' }}
                      rowKey="reportId"
                      size="small"
                      title={() => '进展报告'}
                      dataSource={[...(o.progressReports ?? [])].reverse()}
                      columns={[
                        { title: '日期', dataIndex: 'reportedOn', width: 130, render: fmtDate },
                        { title: '进展', dataIndex: 'summary' },
                        {
                          title: '完成',
                          dataIndex: 'percentComplete',
                          width: 70,
                          render: (v: number | null) => (v === null ? '—' : `${v}%`),
                        },
                      ]}
                    />
                  </Col>
                  <Col xs={24} lg={10}>
                    <Table
                      scroll={{ x: 'max-content' }}
                      rowKey="evidenceId"
                      size="small"
                      title={() => '佐证材料'}
                      dataSource={o.evidence ?? []}
                      columns={[
                        {
                          title: '材料',
                          dataIndex: 'title',
                          render: (t: string, e) =>
                            e.uri && /^https?:/.test(e.uri) ? (
                              <a href={e.uri} target="_blank" rel="noreferrer">
                                {t}
                              </a>
                            ) : (
                              `${t}${e.uri ? `（${e.uri}）` : ''}`
                            ),
                        },
                        { title: '时间', dataIndex: 'attachedAt', width: 150, render: fmtDateTime },
                      ]}
                    />
                    <EvidenceFiles
                      orderId={o.id}
                      evidence={o.evidence ?? []}
                      measures={o.measures}
                      canUpload={can('AttachEvidence')}
                      onUploaded={done}
                    />
                  </Col>
                </Row>
              ),
            },
            ...((o.plans ?? []).length
              ? [
                  {
                    key: 'plans',
                    label: `整改方案（${(o.plans ?? []).length}）`,
                    children: (
                      <Table
                        rowKey="planId"
                        size="small"
                        scroll={{ x: 'max-content' }}
                        dataSource={[...(o.plans ?? [])].reverse()}
                        columns={[
                          { title: '版本', dataIndex: 'version', render: (v: number) => `第 ${v} 版` },
                          { title: '报送日期', dataIndex: 'submittedOn', render: fmtDate },
                          { title: '责任领导', dataIndex: 'leaderInCharge' },
                          {
                            title: '措施',
                            dataIndex: 'measures',
                            render: (ms: Array<{ measureId: string; description: string; dueDate: string }>) =>
                              ms.map((m) => `${m.measureId} ${m.description}（${fmtDate(m.dueDate)}前）`).join('；'),
                          },
                          {
                            title: '审核',
                            dataIndex: 'status',
                            render: (x: string, p) =>
                              ({
                                SUBMITTED: '待审核',
                                APPROVED: '已通过',
                                RETURNED: `已退回：${p.returnReasons.join('；')}`,
                                SUPERSEDED: '已被新版本取代',
                              })[x] ?? x,
                          },
                        ]}
                      />
                    ),
                  },
                ]
              : []),
            {
              key: 'extensions',
              label: `延期（${o.extensions.length}）`,
              children: (
                <Table
                  scroll={{ x: 'max-content' }}
                  rowKey="requestId"
                  size="small"
                  dataSource={o.extensions}
                  columns={[
                    { title: '原时限', dataIndex: 'currentDeadline', render: fmtDate },
                    { title: '申请延至', dataIndex: 'requestedDeadline', render: fmtDate },
                    { title: '理由', dataIndex: 'reason' },
                    {
                      title: '状态',
                      dataIndex: 'status',
                      render: (x: string) => ({ PENDING: '待审批', APPROVED: '已批准', REJECTED: '已驳回' })[x] ?? x,
                    },
                    { title: '审批意见', dataIndex: 'decisionNote' },
                  ]}
                />
              ),
            },
            {
              key: 'history',
              label: '历史记录',
              children: (
                <HistoryPanel key={historyKey} basePath={base} renderState={(st) => <OrderSnapshot o={st as unknown as OrderView} />} />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
