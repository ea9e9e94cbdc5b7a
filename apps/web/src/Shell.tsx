import {
  AuditOutlined,
  BellOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  HomeOutlined,
  LineChartOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProjectOutlined,
  SendOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { hasRole, roleLabels } from './domain';
import { ErrorBoundary } from './ErrorBoundary';
import { Login } from './pages/Login';
import { useSession } from './session';
import { useMessages } from './messages';
import { useTodos } from './todos';

// Each page is its own chunk, loaded when first opened (the charts library only with the pages that draw).
const AwaitingAssignment = lazy(() => import('./pages/AwaitingAssignment').then((m) => ({ default: m.AwaitingAssignment })));
const Cockpit = lazy(() => import('./pages/Cockpit').then((m) => ({ default: m.Cockpit })));
const IndicatorDetail = lazy(() => import('./pages/IndicatorDetail').then((m) => ({ default: m.IndicatorDetail })));
const IndicatorList = lazy(() => import('./pages/IndicatorList').then((m) => ({ default: m.IndicatorList })));
const OrderDetail = lazy(() => import('./pages/OrderDetail').then((m) => ({ default: m.OrderDetail })));
const OrderLedger = lazy(() => import('./pages/OrderLedger').then((m) => ({ default: m.OrderLedger })));
const ProjectDetail = lazy(() => import('./pages/ProjectDetail').then((m) => ({ default: m.ProjectDetail })));
const ProjectList = lazy(() => import('./pages/ProjectList').then((m) => ({ default: m.ProjectList })));
const Workbench = lazy(() => import('./pages/Workbench').then((m) => ({ default: m.Workbench })));
const Approvals = lazy(() => import('./pages/Approvals').then((m) => ({ default: m.Approvals })));
const PlanMechanisms = lazy(() => import('./pages/PlanMechanisms').then((m) => ({ default: m.PlanMechanisms })));
const Todos = lazy(() => import('./pages/Todos'));
const Messages = lazy(() => import('./pages/Messages'));

const BASE_NAV = [
  { key: '/', icon: <DashboardOutlined />, label: '领导驾驶舱' },
  { key: '/projects', icon: <ProjectOutlined />, label: '重点工程' },
  { key: '/projects/awaiting-assignment', icon: <SendOutlined />, label: '待交办' },
  { key: '/orders', icon: <AuditOutlined />, label: '整改台账' },
  { key: '/indicators', icon: <LineChartOutlined />, label: '规划指标' },
];

/** 待办 and 消息 in the header, each with its count (updated live), opening its page. */
function HeaderCounts() {
  const navigate = useNavigate();
  const { items } = useTodos();
  const { unread } = useMessages();
  return (
    <Space size={14} style={{ flex: 'none' }}>
      <Badge count={items?.length ?? 0} overflowCount={99} size="small" data-testid="todo-badge">
        <Button
          size="small"
          shape="circle"
          icon={<CheckSquareOutlined />}
          title="待办"
          aria-label="待办"
          onClick={() => navigate('/todos')}
        />
      </Badge>
      <Badge count={unread} overflowCount={99} size="small" data-testid="message-badge">
        <Button size="small" shape="circle" icon={<BellOutlined />} title="消息" aria-label="消息" onClick={() => navigate('/messages')} />
      </Badge>
    </Space>
  );
}

export function Shell() {
  const { user, signOut, deptName } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // Below the md breakpoint (768 px) the navigation collapses into a menu.
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [menuOpen, setMenuOpen] = useState(false);
  if (!user) return <Login />;
  const navItems = [
    ...BASE_NAV,
    ...(user.department ? [{ key: '/workbench', icon: <HomeOutlined />, label: '本单位' }] : []),
    ...(hasRole(user, 'leadership') ? [{ key: '/approvals', icon: <CheckSquareOutlined />, label: '待审批' }] : []),
  ];
  const section = location.pathname.startsWith('/projects/awaiting-assignment')
    ? '/projects/awaiting-assignment'
    : (['/todos', '/messages', '/projects', '/orders', '/indicators', '/workbench', '/approvals'].find((s) =>
        location.pathname.startsWith(s),
      ) ?? '/');
  const who = (
    <>
      <span>{user.displayName}</span>
      {user.roles.map((r) => (
        <Tag color="gold" key={r}>
          {roleLabels[r] ?? r}
        </Tag>
      ))}
      {user.department && <Tag color="green">{deptName(user.department)}</Tag>}
    </>
  );
  const go = (key: string) => {
    setMenuOpen(false);
    navigate(key);
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        // Phone width: the title, and a menu button that opens the navigation, the user and 退出.
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, background: '#134e33', paddingInline: 12 }}>
          <Typography.Title
            level={5}
            style={{ color: '#fff', margin: 0, flex: 1, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
          >
            牡丹江生态环保
          </Typography.Title>
          <HeaderCounts />
          {/* Who is signed in, compact: the name and 退出 are in the menu. */}
          <Button
            size="small"
            shape="circle"
            icon={<UserOutlined />}
            title={user.displayName}
            aria-label={`当前用户：${user.displayName}`}
            data-testid="current-user"
            onClick={() => setMenuOpen(true)}
          />
          <Button icon={<MenuOutlined />} aria-label="菜单" data-testid="nav-toggle" onClick={() => setMenuOpen(true)}>
            菜单
          </Button>
          <Drawer
            title="导航"
            placement="right"
            size={300}
            destroyOnHidden
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            data-testid="nav-drawer"
          >
            <Menu
              mode="vertical"
              selectedKeys={[section]}
              onClick={(e) => go(e.key)}
              items={navItems}
              style={{ borderInlineEnd: 'none' }}
            />
            <Space wrap style={{ marginTop: 16 }} data-testid="current-user-details">
              {who}
            </Space>
            <div style={{ marginTop: 16 }}>
              <Button icon={<LogoutOutlined />} block onClick={signOut}>
                退出
              </Button>
            </div>
          </Drawer>
        </Layout.Header>
      ) : (
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#134e33', paddingInline: 20 }}>
          {/* The full name only where the menu still fits beside it; the menu folds what does not fit into “…”. */}
          <Typography.Title
            level={4}
            style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}
            title="牡丹江生态环保 · 重点工程与督察整改"
          >
            {screens.xxl ? '牡丹江生态环保 · 重点工程与督察整改' : '牡丹江生态环保'}
          </Typography.Title>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={[section]}
            style={{ flex: 1, minWidth: 0, background: 'transparent' }}
            onClick={(e) => navigate(e.key)}
            items={navItems}
          />
          <HeaderCounts />
          <Space style={{ color: '#fff', flex: 'none' }} data-testid="current-user">
            {who}
            <Button icon={<LogoutOutlined />} size="small" onClick={signOut}>
              退出
            </Button>
          </Space>
        </Layout.Header>
      )}
      <Layout.Content style={{ padding: phone ? 12 : 20, background: '#f3f6f4', minWidth: 0 }}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '80px auto' }} />}>
            <Routes>
              <Route path="/" element={<Cockpit />} />
              <Route path="/todos" element={<Todos />} />
              <Route path="/messages" element={<Messages />} />
              <Route path="/projects" element={<ProjectList />} />
              <Route path="/projects/awaiting-assignment" element={<AwaitingAssignment />} />
              <Route path="/projects/:id" element={<ProjectDetail />} />
              <Route path="/orders" element={<OrderLedger />} />
              <Route path="/orders/:id" element={<OrderDetail />} />
              <Route path="/indicators" element={<IndicatorList />} />
              <Route path="/indicators/:id" element={<IndicatorDetail />} />
              <Route path="/assessment" element={<PlanMechanisms />} />
              <Route path="/workbench" element={<Workbench />} />
              <Route path="/approvals" element={<Approvals />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </ErrorBoundary>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#888' }}>
        牡丹江市生态环境保护督察整改工作平台 · 所有日期为北京时间 · <Link to="/assessment">年度考核与公文</Link> ·{' '}
        <a href="/public">信息公开</a> · <a href="/api/docs">接口文档</a>
      </Layout.Footer>
    </Layout>
  );
}
