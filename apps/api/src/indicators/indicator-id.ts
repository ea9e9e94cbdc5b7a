import { createHash } from 'node:crypto';
import { IdPipe } from '../shared/id.pipe';

/** Fixed namespace of indicator ids derived from their codes (UUID v5 scheme, RFC 9562 §5.5). */
const INDICATOR_NAMESPACE = '5b0e6c1d-2f8a-4c39-8d47-a1e3f9b6c208';

/** The same code (IND-06, TG-03) always gives the same id, so re-running the seed appends nothing. */
export function indicatorIdForCode(code: string): string {
  const namespace = Buffer.from(INDICATOR_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(code, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const IndicatorIdPipe = new IdPipe('指标');
