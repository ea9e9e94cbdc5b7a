import { Alert, Card, Empty, List, Progress, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { get, getOptional, query, type Page } from '../api';
import { escalationLevelColors, escalationLevelLabels, keyProjectStatusColors, orderStatusColors, timelinessColors } from '../domain';
import { fmtDate } from '../format';
import { useSession } from '../session';
import { useShowError } from '../ui';
import type { Escalation } from './Cockpit';
import type { OrderRow } from './OrderLedger';
import type { ProjectSummary } from './ProjectList';

interface Loaded {
  projects: Page<ProjectSummary>;
  orders: Page<OrderRow>;
  escalations: Page<Escalation> | null;
}

/**
 * 本单位工作台: what a department answers for, on one page that reads well on a phone — its projects,
 * its rectification orders (with the ledger's 及时性) and its open escalations. Lists, not tables:
 * each entry is a card that wraps at 390 px.
 */
export function Workbench() {
  const { user, deptName } = useSession();
  const showError = useShowError();
  const [data, setData] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const department = user?.department ?? null;

  useEffect(() => {
    if (!department) return;
    Promise.all([
      get<Page<ProjectSummary>>(`/api/v1/key-projects${query({ department, pageSize: 100, sort: 'code' })}`),
      get<Page<OrderRow>>(`/api/v1/ledger/orders${query({ department, pageSize: 100 })}`),
      getOptional<Page<Escalation>>(`/api/v1/escalations${query({ department, status: 'OPEN', pageSize: 100 })}`),
    ])
      .then(([projects, orders, escalations]) => setData({ projects, orders, escalations }))
      .catch((e) => {
        setFailed(e instanceof Error ? e.message : String(e));
        showError(e);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [department]);

  if (!department) return <Alert type="info" showIcon message="本单位工作台供各责任单位使用；您的账号未关联单位。" />;
  if (failed) return <Alert type="error" showIcon message={failed} />;
  if (!data) return <Spin size="large" />;
  const { projects, orders, escalations } = data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="workbench">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {deptName(department)} · 本单位工作台
      </Typography.Title>

      <Card title={`本单位重点工程（${projects.total}）`} size="small" data-testid="workbench-projects">
        <List
          dataSource={projects.items}
          locale={{ emptyText: <Empty description="本单位暂无牵头或配合的重点工程" /> }}
          renderItem={(p) => (
            <List.Item>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Link to={`/projects/${p.id}`}>
                    {p.code} {p.name}
                  </Link>
                  <Tag color={keyProjectStatusColors[p.status]}>{p.statusLabel}</Tag>
                  {p.pendingBaselineChanges ? <Tag color="orange">基线调整待审批</Tag> : null}
                </Space>
                <Progress percent={Math.round(Number(p.progress))} size="small" />
                <Typography.Text type="secondary">
                  {p.leadDepartment === department ? '本单位牵头' : `配合（牵头：${deptName(p.leadDepartment)}）`} · 计划完成{' '}
                  {fmtDate(p.plannedEnd)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Card title={`本单位整改任务（${orders.total}）`} size="small" data-testid="workbench-orders">
        <List
          dataSource={orders.items}
          locale={{ emptyText: <Empty description="本单位暂无整改任务" /> }}
          renderItem={(o) => (
            <List.Item>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Link to={`/orders/${o.id}`}>{o.code}</Link>
                  <Tag color={orderStatusColors[o.status ?? '']}>{o.statusLabel}</Tag>
                  <Tag color={timelinessColors[o.timeliness]}>{o.timelinessLabel}</Tag>
                </Space>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {o.finding}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {o.leadDepartment === department ? '本单位牵头' : `配合（牵头：${deptName(o.leadDepartment)}）`} · 整改时限{' '}
                  {fmtDate(o.currentDeadline)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      {escalations && (
        <Card title={`本单位预警督办（${escalations.total}）`} size="small" data-testid="workbench-escalations">
          <List
            dataSource={escalations.items}
            locale={{ emptyText: <Empty description="本单位暂无未解除的预警" /> }}
            renderItem={(e) => (
              <List.Item>
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <Tag color={escalationLevelColors[e.level]}>{e.levelLabel ?? escalationLevelLabels[e.level]}</Tag>
                    <Link to={e.subjectType === 'KEY_PROJECT' ? `/projects/${e.subjectId}` : `/orders/${e.subjectId}`}>
                      {e.subjectCode}
                    </Link>
                  </Space>
                  <Typography.Text>{e.subjectName}</Typography.Text>
                  <Typography.Text type="secondary">
                    期限 {fmtDate(e.dueDate)}
                    {e.daysOverdue > 0 ? `，已逾期 ${e.daysOverdue} 天` : ''}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
