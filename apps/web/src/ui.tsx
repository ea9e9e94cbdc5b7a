import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Popover, Select, Switch, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { ApiError, post, type CommandResult } from './api';
import { withheld, type AllowedAction } from './domain';
import { useSession } from './session';

export type FieldSpec =
  | { name: string; label: string; type: 'text' | 'textarea'; required?: boolean; placeholder?: string; initial?: string }
  | { name: string; label: string; type: 'date'; required?: boolean; initial?: string; disableFuture?: boolean }
  | { name: string; label: string; type: 'number'; required?: boolean; min?: number; max?: number; initial?: number }
  | { name: string; label: string; type: 'select'; required?: boolean; options: Array<{ value: string; label: string }>; initial?: string }
  | { name: string; label: string; type: 'department' | 'departments'; required?: boolean }
  | { name: string; label: string; type: 'switch'; initial?: boolean };

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
      if (f.type === 'date') values[f.name] = v ? (v as Dayjs).format('YYYY-MM-DD') : null;
      else if (f.type === 'text' || f.type === 'textarea') values[f.name] = typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
      else values[f.name] = v ?? null;
    }
    const body = props.transform ? props.transform(values) : Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
    setBusy(true);
    try {
      const result = await post<CommandResult>(props.path, body);
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
      .map((f) => [f.name, f.type === 'date' ? dayjs((f as { initial: string }).initial) : (f as { initial: unknown }).initial]),
  );

  return (
    <>
      <Button {...props.button} onClick={() => setOpen(true)}>
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
        <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>
          {props.fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              valuePropName={f.type === 'switch' ? 'checked' : 'value'}
              rules={'required' in f && f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
            >
              {f.type === 'text' ? (
                <Input placeholder={f.placeholder} />
              ) : f.type === 'textarea' ? (
                <Input.TextArea rows={4} placeholder={f.placeholder} />
              ) : f.type === 'date' ? (
                <DatePicker style={{ width: '100%' }} disabledDate={f.disableFuture ? (d) => d.isAfter(dayjs(), 'day') : undefined} />
              ) : f.type === 'number' ? (
                <InputNumber style={{ width: '100%' }} min={f.min} max={f.max} />
              ) : f.type === 'select' ? (
                <Select options={f.options} />
              ) : f.type === 'department' ? (
                <Select showSearch optionFilterProp="label" options={deptOptions} />
              ) : f.type === 'departments' ? (
                <Select mode="multiple" showSearch optionFilterProp="label" options={deptOptions} />
              ) : (
                <Switch />
              )}
            </Form.Item>
          ))}
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
