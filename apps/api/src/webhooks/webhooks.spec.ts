import { Webhook } from 'standardwebhooks';
import { isPrivateAddress, webhookUrlProblem } from './webhook-address';
import { retryDelayMs } from './webhook-delivery.worker';
import { renderDelivery, signDelivery } from './webhook.templates';

const ce = {
  specversion: '1.0' as const,
  id: '6f1c2a9e-6b7d-4c1e-9a51-2f0d8e4b7c10',
  type: 'EscalationRaised',
  source: '/mdj-eco-workflow',
  subject: 'escalation-6f1c2a9e-6b7d-4c1e-9a51-2f0d8e4b7c11',
  time: '2024-07-01T02:00:00.000Z',
  datacontenttype: 'application/json' as const,
  data: { subjectCode: '督察-1', itemName: '整改时限' },
  streamversion: 1,
  schemaversion: 1,
  position: '42',
  metadata: '{}',
};

it('knows private, loopback and link-local addresses', () => {
  for (const a of [
    '127.0.0.1',
    '10.0.0.1',
    '172.20.1.1',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fd00::1',
    'fe80::1',
    '100.64.0.1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
  ])
    expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: true });
  for (const a of ['8.8.8.8', '223.5.5.5', '2400:3200::1']) expect({ a, private: isPrivateAddress(a) }).toEqual({ a, private: false });
});

it('refuses other schemes and private addresses when forbidden', async () => {
  expect(await webhookUrlProblem('ftp://example.org/x', true)).toMatch(/http 或 https/);
  expect(await webhookUrlProblem('https://user:pw@example.org/x', true)).toMatch(/用户名或密码/);
  expect(await webhookUrlProblem('http://127.0.0.1:8080/x', false)).toMatch(/内网或本机/);
  expect(await webhookUrlProblem('http://[::ffff:127.0.0.1]:8080/x', false)).toMatch(/内网或本机/);
  expect(await webhookUrlProblem('http://127.0.0.1:8080/x', true)).toBeNull();
});

it('retries on the schedule with ±20 % jitter, then gives up', () => {
  expect(retryDelayMs([1000, 4000], 1, () => 0)).toBe(800);
  expect(retryDelayMs([1000, 4000], 2, () => 1)).toBe(4800);
  expect(retryDelayMs([1000, 4000], 3)).toBeNull();
});

it('signs as Standard Webhooks: v1,base64(HMAC-SHA256(id.timestamp.body))', () => {
  const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
  const body = JSON.stringify(ce);
  const headers = signDelivery(secret, 'msg-1', body, new Date());
  expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
  expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
});

it('renders the 企业微信 and 钉钉 robot formats and the SMS gateway call', () => {
  const now = new Date('2024-07-01T02:00:00Z');
  expect(JSON.parse(renderDelivery('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', {}, ce, now).body)).toEqual({
    msgtype: 'markdown',
    markdown: { content: expect.stringContaining('督察-1：整改时限') },
  });
  const ding = renderDelivery('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', { dingtalkSecret: 'SECabc' }, ce, now);
  expect(JSON.parse(ding.body)).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.any(String), text: expect.any(String) } });
  expect(new URL(ding.url).searchParams.get('timestamp')).toBe(String(now.getTime()));
  expect(new URL(ding.url).searchParams.get('sign')).toBeTruthy();
  expect(
    JSON.parse(renderDelivery('sms', 'https://sms.example.gov.cn/send', { phoneNumbers: ['13800000000'] }, ce, now).body),
  ).toMatchObject({
    phoneNumbers: ['13800000000'],
    eventId: ce.id,
    eventType: 'EscalationRaised',
  });
  expect(JSON.parse(renderDelivery('cloudevents', 'https://x.example/h', {}, ce, now).body)).toEqual(ce);
});
