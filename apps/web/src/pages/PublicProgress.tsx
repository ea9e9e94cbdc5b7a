import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Card, DatePicker, Layout, List, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';

/**
 * 信息公开: the public progress page, without login (docs/plan-mechanisms.md). It reads only
 * /api/public/v1, whose answers carry whitelisted fields only (PUB-FIELDS-1).
 */

interface PublicKeyProject {
  code: string;
  name: string;
  category: string;
  status: string;
  percentComplete: number | null;
  plannedEnd: string | null;
  milestonesDue: number;
  milestonesAchieved: number;
}
interface PublicIndicator {
  code: string;
  name: string;
  unit: string | null;
  period: string | null;
  value: string | null;
  target: string | null;
  status: string;
}
interface PublicProgressData {
  asOf: string;
  keyProjects: PublicKeyProject[];
  indicators: PublicIndicator[];
  rectification: { total: number; closed: number; inProgress: number };
}
interface PublicBulletin {
  id: string;
  periodLabel: string;
  title: string;
  publishedOn: string;
  contentHash: string;
  downloadUrl: string;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new Error(body.detail ?? `请求失败（${res.status}）`);
  }
  return (await res.json()) as T;
}

const STATUS_COLORS: Record<string, string> = { 达标: 'green', 接近: 'gold', 滞后: 'red' };

export default function PublicProgress() {
  const [asOf, setAsOf] = useState<Dayjs>(dayjs());
  const [data, setData] = useState<PublicProgressData | null>(null);
  const [bulletins, setBulletins] = useState<PublicBulletin[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    getJson<PublicProgressData>(`/api/public/v1/progress?asOf=${asOf.format('YYYY-MM-DD')}`)
      .then(setData)
      .catch((e: Error) => setError(e.message));
  }, [asOf]);
  useEffect(() => {
    getJson<{ items: PublicBulletin[] }>('/api/public/v1/bulletins')
      .then((r) => setBulletins(r.items))
      .catch((e: Error) => setError(e.message));
  }, []);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#134e33', paddingInline: 16, height: 'auto', lineHeight: 1.4, paddingBlock: 12 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          牡丹江市“十四五”生态环境保护规划实施进展公开
        </Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, background: '#f3f6f4', maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {error && <Alert type="error" showIcon message={error} />}
          <Card title="已发布的进展公报" size="small">
            {bulletins.length === 0 ? (
              <Typography.Text type="secondary">尚未发布进展公报。</Typography.Text>
            ) : (
              <List
                dataSource={bulletins}
                renderItem={(b) => (
                  <List.Item
                    actions={[
                      <a key="docx" href={b.downloadUrl} download>
                        <DownloadOutlined /> 下载 Word
                      </a>,
                    ]}
                  >
                    <List.Item.Meta
                      title={b.title}
                      description={
                        <span>
                          {b.periodLabel} · {b.publishedOn} 发布 · 内容摘要{' '}
                          <code style={{ wordBreak: 'break-all' }}>{b.contentHash.slice(0, 16)}…</code>
                        </span>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Space wrap>
            <span>截至日期</span>
            <DatePicker
              value={asOf}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              onChange={(d) => d && setAsOf(d)}
              aria-label="截至日期"
            />
          </Space>
          {data && (
            <>
              <Card size="small" title="督察整改任务">
                <Space size={32} wrap>
                  <Statistic title="整改任务" value={data.rectification.total} suffix="项" />
                  <Statistic title="已销号" value={data.rectification.closed} suffix="项" />
                  <Statistic title="正在整改" value={data.rectification.inProgress} suffix="项" />
                </Space>
              </Card>
              <Card size="small" title={`重点工程进展（${data.keyProjects.length} 项，已交办）`}>
                <Table<PublicKeyProject>
                  rowKey="code"
                  size="small"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 640 }}
                  dataSource={data.keyProjects}
                  columns={[
                    { title: '编号', dataIndex: 'code', width: 90 },
                    { title: '工程名称', dataIndex: 'name' },
                    { title: '状态', dataIndex: 'status', width: 90 },
                    {
                      title: '完成进度',
                      dataIndex: 'percentComplete',
                      width: 140,
                      render: (v: number | null) => (v === null ? '—' : <Progress percent={v} size="small" />),
                    },
                    { title: '节点', width: 90, render: (_, p) => `${p.milestonesAchieved}/${p.milestonesDue}` },
                    { title: '计划完成', dataIndex: 'plannedEnd', width: 110, render: (v: string | null) => v ?? '—' },
                  ]}
                />
              </Card>
              <Card size="small" title={`规划指标（${data.indicators.length} 项）`}>
                <Table<PublicIndicator>
                  rowKey="code"
                  size="small"
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 640 }}
                  dataSource={data.indicators}
                  columns={[
                    { title: '编号', dataIndex: 'code', width: 80 },
                    { title: '指标', dataIndex: 'name' },
                    { title: '最新数值', render: (_, i) => (i.value ? `${i.value}（${i.period}）` : '尚未报送') },
                    { title: '年度目标', dataIndex: 'target', render: (v: string | null) => v ?? '—' },
                    { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <Tag color={STATUS_COLORS[v]}>{v}</Tag> },
                  ]}
                />
              </Card>
              <Typography.Text type="secondary">数据截至 {data.asOf}。本页不含个人信息和内部工作记录。</Typography.Text>
            </>
          )}
        </Space>
      </Layout.Content>
    </Layout>
  );
}
