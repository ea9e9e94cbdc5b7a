import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { CloudEvent } from '@app/messaging';

/**
 * What a subscription receives. `cloudevents`: the CloudEvents 1.0 envelope exactly as on Kafka
 * (AsyncAPI document). `wecom` / `dingtalk`: the group robots' markdown message JSON, so a city can
 * point a subscription at its own 企业微信 or 钉钉 robot. `sms`: a generic SMS gateway call
 * `{ phoneNumbers, content, eventId, eventType }` for a city's own gateway.
 */
export const WEBHOOK_FORMATS = ['cloudevents', 'wecom', 'dingtalk', 'sms'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface WebhookOptions {
  /** sms: the numbers the gateway should text. */
  phoneNumbers?: string[];
  /** dingtalk: the robot's 加签 secret (SEC…); the URL gets `timestamp` and `sign` as 钉钉 requires. */
  dingtalkSecret?: string;
}

/** One line of Chinese for people, from the event (robots and SMS). */
export function eventSummary(ce: CloudEvent): { title: string; text: string } {
  const d = ce.data as Record<string, unknown>;
  const code = typeof d.subjectCode === 'string' ? d.subjectCode : typeof d.code === 'string' ? d.code : '';
  const item = typeof d.itemName === 'string' ? d.itemName : typeof d.subjectName === 'string' ? d.subjectName : '';
  const title = `督办平台：${ce.type}`;
  const text = `【牡丹江生态环保督办】${ce.type}${code ? ` ${code}` : ''}${item ? `：${item}` : ''}（${ce.time.slice(0, 10)}，事件 ${ce.id}）`;
  return { title, text };
}

export interface RenderedDelivery {
  url: string;
  body: string;
  contentType: string;
}

export function renderDelivery(format: WebhookFormat, url: string, options: WebhookOptions, ce: CloudEvent, now: Date): RenderedDelivery {
  const json = 'application/json; charset=utf-8';
  switch (format) {
    case 'cloudevents':
      return { url, body: JSON.stringify(ce), contentType: 'application/cloudevents+json; charset=utf-8' };
    case 'wecom': {
      const { text } = eventSummary(ce);
      return { url, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: text } }), contentType: json };
    }
    case 'dingtalk': {
      const { title, text } = eventSummary(ce);
      let target = url;
      if (options.dingtalkSecret) {
        const timestamp = now.getTime();
        const sign = createHmac('sha256', options.dingtalkSecret).update(`${timestamp}\n${options.dingtalkSecret}`).digest('base64');
        const u = new URL(url);
        u.searchParams.set('timestamp', String(timestamp));
        u.searchParams.set('sign', sign);
        target = u.toString();
      }
      return { url: target, body: JSON.stringify({ msgtype: 'markdown', markdown: { title, text } }), contentType: json };
    }
    case 'sms': {
      const { text } = eventSummary(ce);
      return {
        url,
        body: JSON.stringify({ phoneNumbers: options.phoneNumbers ?? [], content: text, eventId: ce.id, eventType: ce.type }),
        contentType: json,
      };
    }
  }
}

/**
 * Standard Webhooks headers (standardwebhooks package): `webhook-id` (the delivery's id, the same on
 * every retry, for the receiver's de-duplication), `webhook-timestamp` (seconds) and `webhook-signature`
 * `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" with the base64-decoded secret>`.
 */
export function signDelivery(secret: string, id: string, body: string, at: Date): Record<string, string> {
  const signature = new Webhook(secret).sign(id, at, body);
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}
