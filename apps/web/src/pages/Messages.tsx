import { Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { fmtDateTime } from '../format';
import { useMessages } from '../messages';
import { useShowError } from '../ui';

const kindColors: Record<string, string> = {
  ESCALATION_RAISED: 'red',
  INSTRUCTION: 'volcano',
  SUPERVISION_NOTICE: 'orange',
  SUMMONS: 'magenta',
  ACCOUNTABILITY: 'purple',
  REMINDER: 'gold',
  APPROVED: 'green',
  REFUSED: 'default',
};

/** 消息中心: messages to the user's roles and department, newest first; opening one marks it read. */
export default function Messages() {
  const { items, unread, markRead, markAllRead } = useMessages();
  const showError = useShowError();
  return (
    <Card
      title={`消息中心（未读 ${unread}）`}
      data-testid="message-list"
      extra={
        <Button size="small" disabled={unread === 0} onClick={() => markAllRead().catch(showError)}>
          全部标为已读
        </Button>
      }
    >
      <List
        loading={!items}
        dataSource={items ?? []}
        locale={{ emptyText: <Empty description="暂无消息" /> }}
        renderItem={(m) => (
          <List.Item key={m.id} data-testid="message-item" style={{ opacity: m.read ? 0.65 : 1 }}>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  {!m.read && <Badge status="processing" />}
                  <Tag color={kindColors[m.kind]}>{m.kindLabel}</Tag>
                  <Link to={m.link} onClick={() => (m.read ? undefined : void markRead(m.id).catch(() => undefined))}>
                    {m.title}
                  </Link>
                </Space>
              }
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text>{m.body}</Typography.Text>
                  <Typography.Text type="secondary">{fmtDateTime(m.createdAt)}</Typography.Text>
                </Space>
              }
            />
            {!m.read && (
              <Button size="small" type="link" onClick={() => markRead(m.id).catch(showError)}>
                标为已读
              </Button>
            )}
          </List.Item>
        )}
      />
    </Card>
  );
}
