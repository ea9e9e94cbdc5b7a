import { Alert, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { escalationLevelColors } from '../domain';
import { fmtDate } from '../format';
import { useTodos, type Todo } from '../todos';

const subjectLabels: Record<Todo['subjectType'], string> = {
  KEY_PROJECT: '重点工程',
  RECTIFICATION_ORDER: '整改任务',
  ESCALATION: '督办预警',
};

function due(dueOn: string | null, days: number | null) {
  if (!dueOn || days === null) return null;
  if (days < 0)
    return (
      <Tag color="red">
        已逾期 {-days} 天（{fmtDate(dueOn)}）
      </Tag>
    );
  if (days <= 7)
    return (
      <Tag color="gold">
        {days === 0 ? '今天到期' : `${days} 天后到期`}（{fmtDate(dueOn)}）
      </Tag>
    );
  return <Tag>期限 {fmtDate(dueOn)}</Tag>;
}

/** 待办: what waits on the signed-in user, each with the page where it is done. Updated live. */
export default function Todos() {
  const { items, error } = useTodos();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {error ? <Alert type="error" showIcon message="待办加载失败，请稍后刷新" /> : null}
      <Card title={`我的待办（${items ? items.length : '…'}）`} data-testid="todo-list">
        <List<Todo>
          loading={!items && !error}
          dataSource={items ?? []}
          locale={{ emptyText: <Empty description="暂无待办事项" /> }}
          renderItem={(t) => (
            <List.Item key={t.key} data-testid="todo-item">
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    {t.level !== null && <Tag color={escalationLevelColors[t.level]}>预警</Tag>}
                    <Link to={t.link}>{t.title}</Link>
                  </Space>
                }
                description={
                  <Space wrap size={4}>
                    <Typography.Text type="secondary">
                      {subjectLabels[t.subjectType]} {t.subjectCode}：{t.subjectName}
                    </Typography.Text>
                    {due(t.dueOn, t.daysLeft)}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
