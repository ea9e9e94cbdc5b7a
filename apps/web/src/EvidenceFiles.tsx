import { FilePdfOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Image, Input, Modal, Select, Space, Switch, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { download, fetchBlob, upload, type CommandResult } from './api';
import { fmtDateTime } from './format';
import { useShowError } from './ui';
import type { EvidenceFile, OrderEvidence } from './api';

export type EvidenceFileInfo = EvidenceFile;

export type EvidenceEntry = OrderEvidence;

const PHASE_LABELS: Record<string, string> = { BEFORE: '整改前', AFTER: '整改后' };
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx';
const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const fileUrl = (orderId: string, evidenceId: string) => `/api/v1/rectification-orders/${orderId}/evidence/${evidenceId}/file`;

/** An object URL of a protected file, fetched with the session's token; revoked when the component goes. */
function useBlobUrl(path: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let revoked = false;
    let created: string | null = null;
    fetchBlob(path)
      .then((blob) => {
        if (revoked) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      })
      .catch(() => setUrl(null));
    return () => {
      revoked = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [path]);
  return url;
}

function Thumbnail({ orderId, entry }: { orderId: string; entry: EvidenceEntry }) {
  const url = useBlobUrl(fileUrl(orderId, entry.evidenceId));
  return (
    <Image
      data-testid={`evidence-thumb-${entry.evidenceId}`}
      src={url ?? undefined}
      alt={entry.title}
      width={160}
      height={110}
      style={{ objectFit: 'cover', borderRadius: 4 }}
      placeholder
    />
  );
}

function PdfPreview({ orderId, entry, onClose }: { orderId: string; entry: EvidenceEntry; onClose: () => void }) {
  const url = useBlobUrl(fileUrl(orderId, entry.evidenceId));
  return (
    <Modal open title={entry.title} width={900} footer={null} onCancel={onClose}>
      {url ? (
        <iframe data-testid="pdf-preview" title={entry.title} src={url} style={{ width: '100%', height: 620, border: '1px solid #eee' }} />
      ) : (
        <Typography.Text type="secondary">正在加载……</Typography.Text>
      )}
    </Modal>
  );
}

function EvidenceCard({
  orderId,
  entry,
  onPreviewPdf,
}: {
  orderId: string;
  entry: EvidenceEntry;
  onPreviewPdf: (e: EvidenceEntry) => void;
}) {
  const file = entry.file as EvidenceFileInfo;
  const isImage = file.contentType.startsWith('image/');
  const isPdf = file.contentType === 'application/pdf';
  const showError = useShowError();
  return (
    <Card size="small" style={{ width: 190 }} data-testid={`evidence-card-${entry.evidenceId}`}>
      {isImage ? (
        <Thumbnail orderId={orderId} entry={entry} />
      ) : (
        <div style={{ height: 110, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 44, color: '#c0392b' }}>
          {isPdf ? <FilePdfOutlined /> : <FileOutlined style={{ color: '#1f6f4a' }} />}
        </div>
      )}
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0 2px' }} title={entry.title}>
        {entry.phase && <Tag color={entry.phase === 'BEFORE' ? 'orange' : 'green'}>{PHASE_LABELS[entry.phase]}</Tag>}
        {entry.title}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {size(file.size)} · {fmtDateTime(entry.attachedAt)}
      </Typography.Text>
      <Space size={4} style={{ marginTop: 4 }}>
        {isPdf && (
          <Button size="small" type="link" data-testid={`preview-${entry.evidenceId}`} onClick={() => onPreviewPdf(entry)}>
            预览
          </Button>
        )}
        <Button size="small" type="link" onClick={() => download(fileUrl(orderId, entry.evidenceId), file.fileName).catch(showError)}>
          下载
        </Button>
      </Space>
    </Card>
  );
}

function UploadButton(props: {
  orderId: string;
  measures: Array<{ measureId: string; description: string }>;
  onDone: (r: CommandResult) => void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const showError = useShowError();

  const submit = async () => {
    const values = await form.validateFields();
    const file = files[0]?.originFileObj;
    if (!file) {
      message.warning('请选择要上传的文件');
      return;
    }
    const body = new FormData();
    if (values.title) body.append('title', values.title);
    if (values.measureId) body.append('measureId', values.measureId);
    if (values.phase) body.append('phase', values.phase);
    if (values.lastingMechanism) body.append('lastingMechanism', 'true');
    body.append('file', file, file.name);
    setBusy(true);
    try {
      const result = await upload<CommandResult>(`/api/v1/rectification-orders/${props.orderId}/evidence-files`, body);
      message.success('佐证材料已上传');
      setOpen(false);
      setFiles([]);
      form.resetFields();
      props.onDone(result);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<UploadOutlined />} type="primary" data-testid="upload-evidence" onClick={() => setOpen(true)}>
        上传佐证材料
      </Button>
      <Modal
        open={open}
        title="上传佐证材料"
        okText="上传"
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item label={`文件（PDF、图片、Word、Excel；按内容识别类型）`} required>
            <Upload
              accept={ACCEPT}
              maxCount={1}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList.slice(-1))}
              data-testid="evidence-file-input"
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="title" label="材料名称（不填则用文件名）">
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="measureId" label="所佐证的整改措施">
            <Select allowClear options={props.measures.map((m) => ({ value: m.measureId, label: `${m.measureId} ${m.description}` }))} />
          </Form.Item>
          <Form.Item name="phase" label="整改前 / 整改后">
            <Select allowClear options={Object.entries(PHASE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="lastingMechanism" label="长效机制佐证" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * The order's evidence files: thumbnails of photos, PDFs previewed in the browser, the before/after
 * pair of each measure, and the upload when the domain allows it (`canUpload` from allowedActions).
 */
export function EvidenceFiles(props: {
  orderId: string;
  evidence: EvidenceEntry[];
  measures: Array<{ measureId: string; description: string }>;
  canUpload: boolean;
  onUploaded: (r: CommandResult) => void;
}) {
  const [pdf, setPdf] = useState<EvidenceEntry | null>(null);
  const withFiles = props.evidence.filter((e) => e.file);
  const pairs = props.measures
    .map((m) => ({
      measure: m,
      before: withFiles.filter((e) => e.measureId === m.measureId && e.phase === 'BEFORE').at(-1),
      after: withFiles.filter((e) => e.measureId === m.measureId && e.phase === 'AFTER').at(-1),
    }))
    .filter((p) => p.before || p.after);
  return (
    <Card
      size="small"
      title="佐证材料文件"
      style={{ marginTop: 12 }}
      data-testid="evidence-files"
      extra={props.canUpload && <UploadButton orderId={props.orderId} measures={props.measures} onDone={props.onUploaded} />}
    >
      {withFiles.length === 0 ? (
        <Empty description="尚无上传的文件" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Image.PreviewGroup>
          <Space wrap align="start">
            {withFiles.map((e) => (
              <EvidenceCard key={e.evidenceId} orderId={props.orderId} entry={e} onPreviewPdf={setPdf} />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {pairs.map(({ measure, before, after }) => (
        <div key={measure.measureId} style={{ marginTop: 12 }} data-testid={`before-after-${measure.measureId}`}>
          <Typography.Text strong>
            整改前后对比：{measure.measureId} {measure.description}
          </Typography.Text>
          <Space style={{ display: 'flex', marginTop: 6 }} align="start">
            {[before, after].map((entry, i) => (
              <div key={i}>
                <div>{i === 0 ? '整改前' : '整改后'}</div>
                {entry?.file?.contentType.startsWith('image/') ? (
                  <Thumbnail orderId={props.orderId} entry={entry} />
                ) : (
                  <Typography.Text type="secondary">{entry ? entry.title : '尚未上传'}</Typography.Text>
                )}
              </div>
            ))}
          </Space>
        </div>
      ))}
      {pdf && <PdfPreview orderId={props.orderId} entry={pdf} onClose={() => setPdf(null)} />}
    </Card>
  );
}
