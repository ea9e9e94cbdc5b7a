import { FileWordOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { download, post } from './api';
import { useShowError } from './ui';

/** What POST /api/v1/documents/… answers (apps/api/src/documents/documents.service.ts documentView). */
export interface NumberedDocument {
  documentNumber: string;
  title: string;
  downloadUrl: string;
  created?: boolean;
}

/**
 * A 公文 of a subject (docs/plan-mechanisms.md): asks the API for it (numbered now, or the one the
 * subject already has) and downloads its .docx. Shown only to the roles that may number it.
 */
export function DocumentButton(props: { label: string; path: string; body: unknown; button?: ButtonProps }) {
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const fetchIt = async () => {
    setBusy(true);
    try {
      const doc = await post<NumberedDocument>(props.path, props.body);
      await download(doc.downloadUrl, `${doc.documentNumber}.docx`);
      message.success(`${doc.created ? '已编号并下载' : '已下载'}：${doc.documentNumber}`);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileWordOutlined />} loading={busy} onClick={fetchIt} {...props.button}>
      {props.label}
    </Button>
  );
}
