import { Alert, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../api';
import { maySignTargetList, targetEntryKindLabels, type TargetEntry, type TargetListChanges } from '../domain';
import { fmtDate } from '../format';
import { useSession } from '../session';
import { CommandButton } from '../ui';

/** One department's list in GET /api/v1/target-responsibility/{year} (docs/plan-mechanisms.md, TGT-LIST-1). */
interface DepartmentTargetList {
  department: string;
  departmentName: string;
  entries: TargetEntry[];
  signed: { signedOn: string; signedByName: string; note: string | null; entries: TargetEntry[] } | null;
  changes: TargetListChanges | null;
}

const subject = (e: TargetEntry) =>
  e.link.startsWith('/?') ? (
    <Typography.Text strong>{e.code}</Typography.Text>
  ) : (
    <Link to={e.link}>
      <Typography.Text strong>{e.code}</Typography.Text>
    </Link>
  );

/** 时限 for a dated item, the year's target for an indicator. */
const dueOrTarget = (e: TargetEntry) => (e.dueDate ? fmtDate(e.dueDate) : (e.target ?? '—'));

function EntryLine({ e }: { e: TargetEntry }) {
  return (
    <>
      {subject(e)} {e.name}：{e.itemName}（{dueOrTarget(e)}）
    </>
  );
}

function Changes({ changes }: { changes: TargetListChanges }) {
  const none = changes.added.length + changes.removed.length + changes.changed.length === 0;
  if (none) return <Typography.Text type="secondary">清单与签订时一致。</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="target-changes">
      {changes.added.map((e) => (
        <li key={`a-${e.key}`}>
          <Tag color="green">新增</Tag>
          <EntryLine e={e} />
        </li>
      ))}
      {changes.removed.map((e) => (
        <li key={`r-${e.key}`}>
          <Tag color="red">删除</Tag>
          <EntryLine e={e} />
        </li>
      ))}
      {changes.changed.map((c) => (
        <li key={`c-${c.after.key}`}>
          <Tag color="gold">变更</Tag>
          {subject(c.after)} {c.after.name}：{c.after.itemName}，{c.what}
        </li>
      ))}
    </ul>
  );
}

/**
 * 目标责任书 (TGT-LIST-1, TGT-SIGN-1): a department's list for the year as the log derives it, whether
 * leadership signed it, and what changed since; leadership signs it here.
 */
export function TargetResponsibility({ year }: { year: number }) {
  const { user } = useSession();
  const [lists, setLists] = useState<DepartmentTargetList[] | null>(null);
  const [asOf, setAsOf] = useState('');
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    get<{ asOf: string; departments: DepartmentTargetList[] }>(`/api/v1/target-responsibility/${year}`)
      .then((r) => {
        setLists(r.departments);
        setAsOf(r.asOf);
      })
      .catch((e: Error) => setError(e.message));
  }, [year]);
  useEffect(load, [load]);

  const list = lists?.find((l) => l.department === department) ?? null;
  const signLabel = list?.signed ? '重新签订' : '签订目标责任书';

  return (
    <Card size="small" title={`${year}年度目标责任书`} data-testid="target-responsibility">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            value={department}
            onChange={setDepartment}
            placeholder="请选择单位"
            aria-label="责任单位"
            showSearch
            optionFilterProp="label"
            loading={lists === null && !error}
            options={(lists ?? []).map((l) => ({ value: l.department, label: l.departmentName }))}
            style={{ width: 220, maxWidth: '100%' }}
          />
          {asOf && <Typography.Text type="secondary">清单截至{fmtDate(asOf)}</Typography.Text>}
        </Space>
        {error && <Alert type="error" showIcon message={error} />}
        {!list ? (
          <Empty description={lists && lists.length === 0 ? `${year}年没有应承担的目标任务。` : '请选择单位，查看其年度目标责任清单。'} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              {list.signed ? (
                <Tag color="green" data-testid="target-signed">
                  已签订
                </Tag>
              ) : (
                <Tag data-testid="target-signed">未签订</Tag>
              )}
              {list.signed && (
                <Typography.Text type="secondary">
                  {fmtDate(list.signed.signedOn)} 由{list.signed.signedByName}签订，{list.signed.entries.length} 项
                  {list.signed.note ? `（${list.signed.note}）` : ''}
                </Typography.Text>
              )}
              {maySignTargetList(user) && (
                <CommandButton
                  label={signLabel}
                  title={`${signLabel}（${list.departmentName}，${year}年）`}
                  path={`/api/v1/target-responsibility/${year}/departments/${list.department}/sign`}
                  confirmText="签订"
                  button={{ type: list.signed ? 'default' : 'primary' }}
                  intro={
                    <p>
                      确认将“{list.departmentName}”{year}年度当前清单的 {list.entries.length}{' '}
                      项签订为目标责任书？签订后清单内容即冻结，此后的变化将作为对照显示。
                    </p>
                  }
                  fields={[{ name: 'note', label: '签订说明（可不填）', type: 'textarea', placeholder: '如：经领导小组会议审定' }]}
                  onDone={() => load()}
                />
              )}
            </Space>
            {list.changes && (
              <div>
                <Typography.Text strong>签订后的变化：</Typography.Text>
                <Changes changes={list.changes} />
              </div>
            )}
            <Table<TargetEntry>
              rowKey="key"
              size="small"
              scroll={{ x: 560 }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={list.entries}
              data-testid="target-entries"
              locale={{ emptyText: '当前清单为空（已签订的事项均已删除或移出本年度）。' }}
              columns={[
                { title: '类别', dataIndex: 'kind', width: 150, render: (k: TargetEntry['kind']) => targetEntryKindLabels[k] },
                {
                  title: '事项',
                  render: (_, e) => (
                    <>
                      {subject(e)} {e.name}
                    </>
                  ),
                },
                { title: '内容', dataIndex: 'itemName' },
                { title: '时限/目标', width: 130, render: (_, e) => dueOrTarget(e) },
              ]}
            />
          </Space>
        )}
      </Space>
    </Card>
  );
}
