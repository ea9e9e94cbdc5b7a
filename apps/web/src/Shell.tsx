import {
  AuditOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  HomeOutlined,
  LineChartOutlined,
  LogoutOutlined,
  ProjectOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { hasRole, roleLabels } from './domain';
import { Approvals } from './pages/Approvals';
import { Workbench } from './pages/Workbench';
import { AwaitingAssignment } from './pages/AwaitingAssignment';
import { Cockpit } from './pages/Cockpit';
import { IndicatorDetail } from './pages/IndicatorDetail';
import { IndicatorList } from './pages/IndicatorList';
import { Login } from './pages/Login';
import { OrderDetail } from './pages/OrderDetail';
import { OrderLedger } from './pages/OrderLedger';
import { ProjectDetail } from './pages/ProjectDetail';
import { ProjectList } from './pages/ProjectList';
import { useSession } from './session';

export function Shell() {
  const { user, signOut, deptName } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (!user) return <Login />;
  const section = location.pathname.startsWith('/projects/awaiting-assignment')
    ? '/projects/awaiting-assignment'
    : (['/projects', '/orders', '/indicators', '/workbench', '/approvals'].find((s) => location.pathname.startsWith(s)) ?? '/');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#134e33', paddingInline: 20 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          牡丹江生态环保 · 重点工程与督察整改
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          disabledOverflow
          selectedKeys={[section]}
          style={{ flex: 1, minWidth: 0, background: 'transparent' }}
          onClick={(e) => navigate(e.key)}
          items={[
            { key: '/', icon: <DashboardOutlined />, label: '领导驾驶舱' },
            { key: '/projects', icon: <ProjectOutlined />, label: '重点工程' },
            { key: '/projects/awaiting-assignment', icon: <SendOutlined />, label: '待交办' },
            { key: '/orders', icon: <AuditOutlined />, label: '整改台账' },
            { key: '/indicators', icon: <LineChartOutlined />, label: '规划指标' },
            ...(user.department ? [{ key: '/workbench', icon: <HomeOutlined />, label: '本单位' }] : []),
            ...(hasRole(user, 'leadership') ? [{ key: '/approvals', icon: <CheckSquareOutlined />, label: '待审批' }] : []),
          ]}
        />
        <Space style={{ color: '#fff' }} data-testid="current-user">
          <span>{user.displayName}</span>
          {user.roles.map((r) => (
            <Tag color="gold" key={r}>
              {roleLabels[r] ?? r}
            </Tag>
          ))}
          {user.department && <Tag color="green">{deptName(user.department)}</Tag>}
          <Button icon={<LogoutOutlined />} size="small" onClick={signOut}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 20, background: '#f3f6f4' }}>
        <Routes>
          <Route path="/" element={<Cockpit />} />
          <Route path="/projects" element={<ProjectList />} />
          <Route path="/projects/awaiting-assignment" element={<AwaitingAssignment />} />
          <Route path="/projects/:id" element={<ProjectDetail />} />
          <Route path="/orders" element={<OrderLedger />} />
          <Route path="/orders/:id" element={<OrderDetail />} />
          <Route path="/indicators" element={<IndicatorList />} />
          <Route path="/indicators/:id" element={<IndicatorDetail />} />
          <Route path="/workbench" element={<Workbench />} />
          <Route path="/approvals" element={<Approvals />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#888' }}>
        牡丹江市生态环境保护督察整改工作平台 · 所有日期为北京时间 · <a href="/api/docs">接口文档</a>
      </Layout.Footer>
    </Layout>
  );
}
