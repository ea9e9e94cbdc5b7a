import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { get, query, type Page } from '../api';
import { planItemKindColors } from '../assignment';
import { hasRole } from '../domain';
import { daysBetween, fmtDateTime, todayShanghai } from '../format';
import { useSession } from '../session';
import { useShowError } from '../ui';
import type { KeyProjectSummary } from '../api';

type AwaitingItem = KeyProjectSummary;

/** 待交办: the plan items no department answers for yet, oldest registration first. */
export function AwaitingAssignment() {
  const { user } = useSession();
  const showError = useShowError();
  const [data, setData] = useState<Page<AwaitingItem> | null>(null);

  useEffect(() => {
    get<Page<AwaitingItem>>(`/api/v1/key-projects${query({ awaitingAssignment: 'true', pageSize: 100, sort: 'code' })}`)
      .then(setData)
      .catch((e) => {
        showError(e);
        setData({ items: [], total: 0, page: 1, pageSize: 100 });
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const today = todayShanghai();
  const isOffice = hasRole(user, 'supervision-office');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message="待交办事项"
        description={
          isOffice
            ? '规划未明确牵头单位的事项，须由整改办交办（明确牵头单位、配合单位、责任领导、责任人、计划起止和里程碑日期）后方可办理。点击事项进入详情页办理交办。'
            : '规划未明确牵头单位的事项，待整改办交办后由牵头单位办理；交办前不对任何单位预警。'
        }
      />
      <Card title={`待交办（${data?.total ?? '…'}）`}>
        <Table<AwaitingItem>
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={!data}
          dataSource={data?.items}
          pagination={false}
          data-testid="awaiting-assignment-table"
          columns={[
            { title: '代码', dataIndex: 'code', width: 90, render: (c: string, r) => <Link to={`/projects/${r.id}`}>{c}</Link> },
            { title: '名称', dataIndex: 'name', render: (n: string, r) => <Link to={`/projects/${r.id}`}>{n}</Link> },
            {
              title: '类型',
              dataIndex: 'planItemKindLabel',
              width: 100,
              render: (l: string, r) => <Tag color={planItemKindColors[r.planItemKind]}>{l}</Tag>,
            },
            { title: '规划出处', dataIndex: 'source', width: 220, render: (s: string | null) => s ?? '—' },
            { title: '登记时间', dataIndex: 'registeredAt', width: 170, render: fmtDateTime },
            {
              title: '已等待',
              dataIndex: 'registeredAt',
              width: 90,
              render: (at: string | null) =>
                at ? <Typography.Text>{daysBetween(fmtDateTime(at).slice(0, 10), today)} 天</Typography.Text> : '—',
            },
          ]}
        />
      </Card>
    </Space>
  );
}
