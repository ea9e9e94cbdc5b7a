import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popover,
  Select,
  Space,
  Switch,
  Typography,
  type ButtonProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { ApiError, post, type CommandResult } from './api';
import { withheld, type AllowedAction } from './domain';
import { useSession } from './session';

/** One measure as the measures editor holds it; `measureId` is kept for existing measures, made (M1, M2…) for new ones. */
export interface MeasureInput {
  measureId?: string;
  description: string;
  dueDate: string;
  responsiblePerson?: string | null;
}

/** Shown only while the form's values satisfy it (e.g. the deadline only for orders that have one). */
type Visible = { visibleWhen?: (values: Record<string, unknown>) => boolean };

export type FieldSpec = Visible &
  (
    | { name: string; label: string; type: 'text' | 'textarea'; required?: boolean; placeholder?: string; initial?: string }
    | { name: string; label: string; type: 'date'; required?: boolean; initial?: string; disableFuture?: boolean }
    | { name: string; label: string; type: 'number'; required?: boolean; min?: number; max?: number; initial?: number }
    | {
        name: string;
        label: string;
        type: 'select';
        required?: boolean;
        options: Array<{ value: string; label: string }>;
        initial?: string;
      }
    | { name: string; label: string; type: 'department'; required?: boolean; initial?: string | null }
    | { name: string; label: string; type: 'departments'; required?: boolean; initial?: string[] }
    | { name: string; label: string; type: 'switch'; initial?: boolean }
    | { name: string; label: string; type: 'measures'; required?: boolean; initial?: MeasureInput[]; withResponsible?: boolean }
  );

/** Measure ids for the editor's rows: existing ids stay, new rows get the next free M1, M2…. */
export function numberMeasures(rows: MeasureInput[]): Array<MeasureInput & { measureId: string }> {
  const taken = new Set(rows.map((r) => r.measureId).filter(Boolean));
  let n = 0;
  const next = () => {
    do n++;
    while (taken.has(`M${n}`));
    taken.add(`M${n}`);
    return `M${n}`;
  };
  return rows.map((r) => ({ ...r, measureId: r.measureId || next() }));
}

/** The measures of an order: one row each (措施、完成时限, optionally 责任人), added and removed by the user. */
function MeasuresEditor({ name, withResponsible, required }: { name: string; withResponsible?: boolean; required?: boolean }) {
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, rows?: unknown[]) => {
            if (required && !rows?.length) throw new Error('请至少填写一项措施');
          },
        },
      ]}
    >
      {(rows, { add, remove }, { errors }) => (
        <div data-testid={`measures-${name}`}>
          {rows.map((row, i) => (
            <div key={row.key} style={{ border: '1px solid #e5e5e5', borderRadius: 6, padding: '8px 8px 0', marginBottom: 8 }}>
              <Typography.Text type="secondary">措施 {i + 1}</Typography.Text>
              <Form.Item name={[row.name, 'measureId']} hidden>
                <Input />
              </Form.Item>
              <Form.Item
                name={[row.name, 'description']}
                rules={[{ required: true, message: '请填写措施内容' }]}
                style={{ marginBottom: 8 }}
              >
                <Input.TextArea rows={2} placeholder="措施内容" aria-label={`措施 ${i + 1} 内容`} />
              </Form.Item>
              <Space wrap style={{ marginBottom: 8 }}>
                <Form.Item name={[row.name, 'dueDate']} rules={[{ required: true, message: '请选择完成时限' }]} noStyle>
                  <DatePicker placeholder="完成时限" aria-label={`措施 ${i + 1} 完成时限`} />
                </Form.Item>
                {withResponsible && (
                  <Form.Item name={[row.name, 'responsiblePerson']} rules={[{ required: true, message: '请填写责任人' }]} noStyle>
                    <Input placeholder="责任人（职务）" aria-label={`措施 ${i + 1} 责任人`} style={{ width: 180 }} />
                  </Form.Item>
                )}
                <Button danger size="small" onClick={() => remove(row.name)}>
                  删除
                </Button>
              </Space>
            </div>
          ))}
          <Button type="dashed" block onClick={() => add()}>
            添加措施
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}

/** Shows an API error the way officials understand it; 403 says plainly that the role may not do this. */
export function useShowError() {
  const { message, modal } = App.useApp();
  return (e: unknown) => {
    if (e instanceof ApiError) {
      if (e.status === 403) {
        modal.error({ title: '无权操作', content: e.detail });
        return;
      }
      message.error({ content: e.detail, duration: 6 });
      return;
    }
    message.error(e instanceof Error ? e.message : String(e));
  };
}

/**
 * A button that opens a form and sends one command. Callers render it only when the role may send
 * the command (see domain.ts), so a forbidden action is never offered.
 */
export function CommandButton(props: {
  label: string;
  title?: string;
  path: string;
  fields: FieldSpec[];
  transform?: (values: Record<string, unknown>) => unknown;
  onDone: (result: CommandResult) => void;
  button?: ButtonProps;
  intro?: ReactNode;
  confirmText?: string;
  /** Sends the body some other way than one POST to `path` (e.g. 下达 and then 交办). */
  send?: (body: unknown) => Promise<CommandResult>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const showError = useShowError();
  const { departments } = useSession();
  const deptOptions = departments.map((d) => ({ value: d.id, label: d.nameZh }));

  const submit = async () => {
    const raw = await form.validateFields();
    const values: Record<string, unknown> = {};
    for (const f of props.fields) {
      const v = raw[f.name];
      if (f.visibleWhen && !f.visibleWhen(raw)) values[f.name] = null;
      else if (f.type === 'measures')
        values[f.name] = numberMeasures(
          ((v as Array<Record<string, unknown>> | undefined) ?? []).map((m) => ({
            measureId: (m.measureId as string | undefined) || undefined,
            description: String(m.description ?? '').trim(),
            dueDate: (m.dueDate as Dayjs).format('YYYY-MM-DD'),
            ...(f.withResponsible ? { responsiblePerson: String(m.responsiblePerson ?? '').trim() } : {}),
          })),
        );
      else if (f.type === 'date') values[f.name] = v ? (v as Dayjs).format('YYYY-MM-DD') : null;
      else if (f.type === 'text' || f.type === 'textarea') values[f.name] = typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
      else values[f.name] = v ?? null;
    }
    const body = props.transform ? props.transform(values) : Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
    setBusy(true);
    try {
      const result = props.send ? await props.send(body) : await post<CommandResult>(props.path, body);
      message.success(`${props.title ?? props.label}：已提交`);
      setOpen(false);
      form.resetFields();
      props.onDone(result);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.errors.length) {
        form.setFields(
          e.errors
            .map((fe) => ({ name: fe.field.split('.')[0], errors: [fe.messages[0]] }))
            .filter((f) => props.fields.some((x) => x.name === f.name)),
        );
      }
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const initialValues = Object.fromEntries(
    props.fields
      .filter((f) => 'initial' in f && f.initial !== undefined)
      .map((f) => [
        f.name,
        f.type === 'date'
          ? dayjs(f.initial)
          : f.type === 'measures'
            ? (f.initial ?? []).map((m) => ({ ...m, dueDate: dayjs(m.dueDate) }))
            : f.initial,
      ]),
  );
  const hasList = props.fields.some((f) => f.type === 'measures');
  const watched = Form.useWatch([], form) as Record<string, unknown> | undefined;
  const shown = props.fields.filter((f) => !f.visibleWhen || f.visibleWhen(watched ?? initialValues));

  return (
    <>
      <Button
        {...props.button}
        onClick={() => {
          if (hasList) form.resetFields();
          setOpen(true);
        }}
      >
        {props.label}
      </Button>
      <Modal
        open={open}
        title={props.title ?? props.label}
        okText={props.confirmText ?? '提交'}
        cancelText="取消"
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={560}
      >
        {props.intro}
        {/* A form with a measures list keeps its values while rows come and go (with preserve={false}
            antd drops the list's initial rows); it is reset on every opening instead. */}
        <Form form={form} layout="vertical" initialValues={initialValues} preserve={!hasList ? false : undefined}>
          {shown.map((f) =>
            f.type === 'measures' ? (
              <Form.Item key={f.name} label={f.label} required={f.required}>
                <MeasuresEditor name={f.name} withResponsible={f.withResponsible} required={f.required} />
              </Form.Item>
            ) : (
              <Form.Item
                key={f.name}
                name={f.name}
                label={f.label}
                valuePropName={f.type === 'switch' ? 'checked' : 'value'}
                rules={
                  'required' in f && f.required
                    ? [
                        {
                          required: true,
                          message: `${['select', 'department', 'departments', 'date'].includes(f.type) ? '请选择' : '请填写'}${f.label}`,
                        },
                      ]
                    : []
                }
              >
                {f.type === 'text' ? (
                  <Input placeholder={f.placeholder} />
                ) : f.type === 'textarea' ? (
                  <Input.TextArea rows={4} placeholder={f.placeholder} />
                ) : f.type === 'date' ? (
                  <DatePicker
                    style={{ width: '100%' }}
                    placeholder="请选择日期"
                    disabledDate={f.disableFuture ? (d) => d.isAfter(dayjs(), 'day') : undefined}
                  />
                ) : f.type === 'number' ? (
                  <InputNumber style={{ width: '100%' }} min={f.min} max={f.max} />
                ) : f.type === 'select' ? (
                  <Select options={f.options} placeholder="请选择" />
                ) : f.type === 'department' ? (
                  <Select showSearch optionFilterProp="label" options={deptOptions} placeholder="请选择" allowClear={!f.required} />
                ) : f.type === 'departments' ? (
                  <Select mode="multiple" showSearch optionFilterProp="label" options={deptOptions} placeholder="请选择" />
                ) : (
                  <Switch />
                )}
              </Form.Item>
            ),
          )}
        </Form>
      </Modal>
    </>
  );
}

/** The operations of the user's role that are withheld now, with the domain's reason for each. */
export function WithheldActions({ actions, labels }: { actions: AllowedAction[] | undefined; labels: Record<string, string> }) {
  const list = withheld(actions);
  if (list.length === 0) return null;
  return (
    <Popover
      title="暂不能办理的操作"
      content={
        <ul data-testid="withheld-actions" style={{ margin: 0, paddingLeft: 18, maxWidth: 420 }}>
          {list.map((a) => (
            <li key={a.command}>
              <Typography.Text strong>{labels[a.command] ?? a.command}</Typography.Text>：{a.reason}
            </li>
          ))}
        </ul>
      }
    >
      <Button type="link">暂不能办理（{list.length}）</Button>
    </Popover>
  );
}
