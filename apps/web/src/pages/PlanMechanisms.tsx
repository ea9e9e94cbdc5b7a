import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { download, get, post } from '../api';
import { useSession } from '../session';
import { TargetResponsibility } from './TargetResponsibility';

/**
 * 年度考核与公文 (docs/plan-mechanisms.md): each department's explainable score for a year, its
 * 目标责任书 (signed by leadership here), the 文号 register with downloads, and the evaluation pack.
 * Leadership can number the year's 考核结果 here.
 */

interface AssessedItem {
  subjectCode: string;
  itemName: string;
  ok: boolean;
  note: string;
  link: string;
}
interface Component {
  key: string;
  label: string;
  weight: number;
  met: number;
  total: number;
  points: number;
  items: AssessedItem[];
}
interface Deduction {
  key: string;
  label: string;
  count: number;
  points: number;
  items: AssessedItem[];
}
interface DepartmentAssessment {
  department: string;
  departmentName: string;
  rank: number;
  score: number;
  grade: string;
  base: number;
  explanation: string;
  components: Component[];
  deductions: Deduction[];
}
interface DocumentView {
  registerId: string;
  kindLabel: string;
  documentNumber: string;
  title: string;
  issuedOn: string;
  downloadUrl: string;
}

const GRADE_COLORS: Record<string, string> = { 优秀: 'green', 良好: 'blue', 一般: 'gold', 较差: 'red' };
const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: thisYear - 2021 + 1 }, (_, i) => thisYear - i);

function ItemList({ items }: { items: AssessedItem[] }) {
  if (items.length === 0) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {items.map((i, n) => (
        <li key={n}>
          <Tag color={i.ok ? 'green' : 'red'}>{i.ok ? '达到' : '未达到'}</Tag>
          {i.link.startsWith('/?') ? i.subjectCode : <Link to={i.link}>{i.subjectCode}</Link>} {i.itemName}（{i.note}）
        </li>
      ))}
    </ul>
  );
}

export function PlanMechanisms() {
  const { user } = useSession();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear);
  const [rows, setRows] = useState<DepartmentAssessment[]>([]);
  const [asOf, setAsOf] = useState('');
  const [documents, setDocuments] = useState<DocumentView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const isLeadership = user?.roles.includes('leadership') ?? false;

  const load = useCallback(() => {
    setError(null);
    get<{ asOf: string; departments: DepartmentAssessment[] }>(`/api/v1/assessments/${year}`)
      .then((r) => {
        setRows(r.departments);
        setAsOf(r.asOf);
      })
      .catch((e: Error) => setError(e.message));
    get<{ items: DocumentView[] }>('/api/v1/documents')
      .then((r) => setDocuments(r.items))
      .catch((e: Error) => setError(e.message));
  }, [year]);
  useEffect(load, [load]);

  const numberResult = async () => {
    try {
      const doc = await post<DocumentView>('/api/v1/documents/assessment-results', { year });
      message.success(`已生成年度考核结果（${doc.documentNumber}）`);
      load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="plan-mechanisms">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          年度考核与公文
        </Typography.Title>
        <Select
          value={year}
          onChange={setYear}
          options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
          style={{ width: 110 }}
          aria-label="考核年度"
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <Card
        size="small"
        title={`${year}年度考核（截至${asOf}）`}
        extra={
          isLeadership && (
            <Button icon={<FileWordOutlined />} onClick={numberResult}>
              生成考核结果公文
            </Button>
          )
        }
      >
        <Table<DepartmentAssessment>
          rowKey="department"
          size="small"
          scroll={{ x: 560 }}
          pagination={false}
          dataSource={rows}
          data-testid="assessment-table"
          expandable={{
            expandedRowRender: (d) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text>{d.explanation}</Typography.Text>
                {d.components
                  .filter((c) => c.total > 0)
                  .map((c) => (
                    <div key={c.key}>
                      <Typography.Text strong>
                        {c.label}：{c.met}/{c.total}，权重{c.weight}，得{c.points}分
                      </Typography.Text>
                      <ItemList items={c.items} />
                    </div>
                  ))}
                {d.deductions
                  .filter((x) => x.count > 0)
                  .map((x) => (
                    <div key={x.key}>
                      <Typography.Text strong>
                        {x.label}：{x.count}，扣{x.points}分
                      </Typography.Text>
                      <ItemList items={x.items} />
                    </div>
                  ))}
              </Space>
            ),
          }}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 60 },
            { title: '单位', dataIndex: 'departmentName' },
            { title: '得分', dataIndex: 'score', width: 80, render: (v: number) => v.toFixed(1) },
            { title: '等次', dataIndex: 'grade', width: 80, render: (g: string) => <Tag color={GRADE_COLORS[g]}>{g}</Tag> },
          ]}
        />
      </Card>
      <TargetResponsibility year={year} />
      <Card
        size="small"
        title="评估资料包"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => download(`/api/v1/evaluations/${year}/xlsx`, `evaluation-${year}.xlsx`)}>
              Excel
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => download(`/api/v1/evaluations/${year}/docx`, `evaluation-${year}.docx`)}>
              汇总报告
            </Button>
          </Space>
        }
      >
        <Typography.Text type="secondary">
          截至{year}年12月31日（年内为今天）全部重点工程、指标、整改任务和督办预警的状态与记录摘要，同一截至日期重复生成内容相同。
        </Typography.Text>
      </Card>
      <Card size="small" title="公文（文号登记簿）">
        <List
          dataSource={documents}
          locale={{ emptyText: '尚无已编号的公文。' }}
          data-testid="document-list"
          renderItem={(d) => (
            <List.Item
              actions={[
                <Button
                  key="dl"
                  type="link"
                  icon={<DownloadOutlined />}
                  onClick={() => download(d.downloadUrl, `${d.documentNumber}.docx`)}
                >
                  下载
                </Button>,
              ]}
            >
              <List.Item.Meta title={`${d.documentNumber} ${d.title}`} description={`${d.kindLabel} · ${d.issuedOn}`} />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
