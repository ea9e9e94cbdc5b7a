import { KeyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Divider, Input, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { getOptional } from '../api';
import { useSession } from '../session';
import type { DemoUser as ApiDemoUser } from '../api';

type DemoUser = ApiDemoUser;

const ROLE_HINTS: Record<string, string> = {
  'demo-lead-ningan': '报送工程进度、确认里程碑、申请调整基线、办理本单位整改任务',
  'demo-supervision': '下达、交办、验收、销号整改任务，导入导出台账',
  'demo-leader': '查看驾驶舱，批示、督办、约谈、问责，审批基线调整和延期',
  'demo-integrator': '只读查看（对接系统）',
  'demo-admin': '只读查看（系统管理员）',
};

/** Sign-in: pick a demo user (embedded default only) or paste a bearer token. */
export function Login() {
  const { signIn, signInAsDemoUser } = useSession();
  const { message } = App.useApp();
  const [demo, setDemo] = useState<DemoUser[] | null | undefined>(undefined);
  const [pasted, setPasted] = useState('');

  useEffect(() => {
    getOptional<{ items: DemoUser[] }>('/api/v1/auth/demo-users')
      .then((r) => setDemo(r?.items ?? null))
      .catch(() => setDemo(null));
  }, []);

  const enter = (signingIn: Promise<{ displayName: string }>) =>
    signingIn
      .then((u) => message.success(`欢迎，${u.displayName}`))
      .catch((e: unknown) => message.error(e instanceof Error ? e.message : String(e)));
  const use = (token: string) => enter(signIn(token));

  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(160deg,#134e33,#2d8a5f)', padding: '48px 16px' }}>
      <Card style={{ maxWidth: 960, margin: '0 auto' }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4 }}>
          牡丹江市“十四五”生态环境保护规划
        </Typography.Title>
        <Typography.Title level={4} type="secondary" style={{ textAlign: 'center', marginTop: 0 }}>
          重点工程与督察整改工作平台
        </Typography.Title>
        {demo && demo.length > 0 && (
          <>
            <Divider>选择演示用户登录</Divider>
            <Row gutter={[16, 16]}>
              {demo.map((u) => (
                <Col xs={24} md={12} lg={8} key={u.userId}>
                  <Card hoverable size="small" onClick={() => enter(signInAsDemoUser(u.userId))} data-testid={`demo-user-${u.userId}`}>
                    <Space direction="vertical" size={4}>
                      <Space>
                        <UserOutlined />
                        <Typography.Text strong>{u.displayName}</Typography.Text>
                      </Space>
                      <Space wrap>
                        <Tag color="gold">{u.roleLabel}</Tag>
                        {u.departmentName && <Tag color="green">{u.departmentName}</Tag>}
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {ROLE_HINTS[u.userId] ?? ''}
                      </Typography.Text>
                      <Button type="primary" size="small">
                        以此身份进入
                      </Button>
                    </Space>
                  </Card>
                </Col>
              ))}
            </Row>
          </>
        )}
        {demo === null && <Alert style={{ marginTop: 16 }} type="info" showIcon message="请粘贴管理员发放的登录令牌（Bearer JWT）。" />}
        <Divider>粘贴令牌登录</Divider>
        <Space.Compact style={{ width: '100%' }}>
          <Input.Password
            prefix={<KeyOutlined />}
            placeholder="粘贴登录令牌（eyJ 开头）"
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            onPressEnter={() => pasted && use(pasted)}
            data-testid="token-input"
          />
          <Button type="primary" onClick={() => use(pasted)} disabled={!pasted.trim()} data-testid="token-submit">
            登录
          </Button>
        </Space.Compact>
      </Card>
    </div>
  );
}
