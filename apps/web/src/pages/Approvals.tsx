import { Alert, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { get, query, type Page } from '../api';
import { fmtDate } from '../format';
import { useSession } from '../session';
import { useShowError } from '../ui';
import type { OrderRow } from './OrderLedger';
import type { ProjectSummary } from './ProjectList';

type OrderWithRequests = OrderRow & {
  extensions: Array<{ requestId: string; status: string; currentDeadline: string; requestedDeadline: string; reason: string }>;
  acceptanceDepartment: string | null;
};

interface Loaded {
  baseline: Page<ProjectSummary>;
  extensions: Page<OrderWithRequests>;
  acceptance: Page<OrderWithRequests>;
}

/**
 * 待审批: what waits on a decision of the leading group — baseline changes of projects, extension
 * requests of orders — and the orders awaiting their acceptance check. Each entry opens the page
 * where the decision is taken (its buttons follow the domain's allowed actions).
 */
export function Approvals() {
  const { deptName } = useSession();
  const showError = useShowError();
  const [data, setData] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([
      get<Page<ProjectSummary>>(`/api/v1/key-projects${query({ pendingBaselineChange: 'true', pageSize: 100 })}`),
      get<Page<OrderWithRequests>>(`/api/v1/ledger/orders${query({ awaiting: 'EXTENSION', pageSize: 100 })}`),
      get<Page<OrderWithRequests>>(`/api/v1/ledger/orders${query({ state: 'ACCEPTANCE_REQUESTED', pageSize: 100 })}`),
    ])
      .then(([baseline, extensions, acceptance]) => setData({ baseline, extensions, acceptance }))
      .catch((e) => {
        setFailed(e instanceof Error ? e.message : String(e));
        showError(e);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (failed) return <Alert type="error" showIcon message={failed} />;
  if (!data) return <Spin size="large" />;
  const { baseline, extensions, acceptance } = data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="approvals">
      <Typography.Title level={4} style={{ margin: 0 }}>
        待审批
      </Typography.Title>
      <Card title={`基线调整申请（${baseline.total}）`} size="small" data-testid="approvals-baseline">
        <List
          dataSource={baseline.items}
          locale={{ emptyText: <Empty description="暂无待审批的基线调整申请" /> }}
          renderItem={(p) => (
            <List.Item>
              <Space wrap>
                <Link to={`/projects/${p.id}`}>
                  {p.code} {p.name}
                </Link>
                <Tag color="orange">{p.pendingBaselineChanges} 项待审批</Tag>
                <Typography.Text type="secondary">牵头单位：{deptName(p.leadDepartment)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card title={`延期申请（${extensions.total}）`} size="small" data-testid="approvals-extensions">
        <List
          dataSource={extensions.items}
          locale={{ emptyText: <Empty description="暂无待审批的延期申请" /> }}
          renderItem={(o) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <Link to={`/orders/${o.id}`}>{o.code}</Link>
                  <Typography.Text type="secondary">牵头单位：{deptName(o.leadDepartment)}</Typography.Text>
                </Space>
                {o.extensions
                  .filter((x) => x.status === 'PENDING')
                  .map((x) => (
                    <Typography.Text key={x.requestId}>
                      {fmtDate(x.currentDeadline)} 延至 {fmtDate(x.requestedDeadline)}：{x.reason}
                    </Typography.Text>
                  ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card title={`待验收的整改任务（${acceptance.total}）`} size="small" data-testid="approvals-acceptance">
        <List
          dataSource={acceptance.items}
          locale={{ emptyText: <Empty description="暂无待验收的整改任务" /> }}
          renderItem={(o) => (
            <List.Item>
              <Space wrap>
                <Link to={`/orders/${o.id}`}>{o.code}</Link>
                <Typography.Text type="secondary">
                  牵头单位：{deptName(o.leadDepartment)}；验收单位：{deptName(o.acceptanceDepartment)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
