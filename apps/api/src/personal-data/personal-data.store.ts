import { randomUUID } from 'node:crypto';
import { ERASED_PLACEHOLDER, isPersonalRef, type PersonalDataSubjectKind, type PersonalRef } from '@app/domain';
import type { PgPool } from '@app/event-store';
import { newDataKey, open, seal } from './personal-data.crypto';

export const PERSONAL_DATA_STORE = Symbol('PERSONAL_DATA_STORE');

export interface PersonalDataSubject {
  subjectId: string;
  kind: PersonalDataSubjectKind;
  orderId: string | null;
  createdAt: string;
  erasedAt: string | null;
}

interface SubjectRow {
  subject_id: string;
  kind: PersonalDataSubjectKind;
  order_id: string | null;
  wrapped_key: Buffer | null;
  created_at: Date;
  erased_at: Date | null;
}

function subjectOf(row: SubjectRow): PersonalDataSubject {
  return {
    subjectId: row.subject_id,
    kind: row.kind,
    orderId: row.order_id,
    createdAt: row.created_at.toISOString(),
    erasedAt: row.erased_at?.toISOString() ?? null,
  };
}

/**
 * The encrypted personal-data store (docs/security.md, "Personal data"): values sealed with their
 * subject's data key, the data key sealed with the master key. A value written for a command that is
 * then refused stays unreferenced: it is personal data of the same subject, encrypted, and erased with it.
 */
export class PersonalDataStore {
  constructor(
    private readonly pool: PgPool,
    private readonly masterKey: Buffer,
  ) {}

  async createSubject(kind: PersonalDataSubjectKind, orderId: string | null): Promise<string> {
    const subjectId = randomUUID();
    const wrapped = seal(this.masterKey, newDataKey(), `subject:${subjectId}`);
    await this.pool.query(`INSERT INTO personal_data.subjects (subject_id, kind, order_id, wrapped_key) VALUES ($1, $2, $3, $4)`, [
      subjectId,
      kind,
      orderId,
      wrapped,
    ]);
    return subjectId;
  }

  /** The subject of this kind for an order, created on first use. */
  async subjectFor(kind: PersonalDataSubjectKind, orderId: string): Promise<string> {
    const { rows } = await this.pool.query<{ subject_id: string }>(
      `SELECT subject_id FROM personal_data.subjects WHERE order_id = $1 AND kind = $2 AND erased_at IS NULL ORDER BY created_at LIMIT 1`,
      [orderId, kind],
    );
    return rows[0]?.subject_id ?? this.createSubject(kind, orderId);
  }

  /** Encrypts `text` under the subject's key; the reference is what the event carries. */
  async protect(subjectId: string, field: string, text: string): Promise<PersonalRef> {
    const key = await this.dataKey(subjectId);
    if (!key) throw new Error(`personal-data subject ${subjectId} is erased or unknown`);
    const valueId = randomUUID();
    const sealed = seal(key, Buffer.from(text, 'utf8'), `value:${valueId}:${subjectId}`);
    await this.pool.query(`INSERT INTO personal_data.values (value_id, subject_id, field, sealed) VALUES ($1, $2, $3, $4)`, [
      valueId,
      subjectId,
      field,
      sealed,
    ]);
    return { pii: valueId };
  }

  /** Plain text per value id; ERASED_PLACEHOLDER for a value whose subject was erased (or that is unknown). */
  async resolve(valueIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(valueIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const out = new Map<string, string>(valueIds.map((id) => [id, ERASED_PLACEHOLDER]));
    if (ids.length === 0) return out;
    const { rows } = await this.pool.query<{ value_id: string; subject_id: string; sealed: Buffer; wrapped_key: Buffer | null }>(
      `SELECT v.value_id, v.subject_id, v.sealed, s.wrapped_key
       FROM personal_data.values v JOIN personal_data.subjects s USING (subject_id)
       WHERE v.value_id = ANY($1::uuid[])`,
      [ids],
    );
    const keys = new Map<string, Buffer>();
    for (const row of rows) {
      if (!row.wrapped_key) continue;
      let key = keys.get(row.subject_id);
      if (!key) keys.set(row.subject_id, (key = open(this.masterKey, row.wrapped_key, `subject:${row.subject_id}`)));
      out.set(row.value_id, open(key, row.sealed, `value:${row.value_id}:${row.subject_id}`).toString('utf8'));
    }
    return out;
  }

  /** Replaces every `{ pii }` reference inside `value` by its plain text or the placeholder (a new value; the input is not changed). */
  async reveal<T>(value: T): Promise<T> {
    const ids: string[] = [];
    collectRefs(value, ids);
    if (ids.length === 0) return value;
    const texts = await this.resolve(ids);
    return replaceRefs(value, texts) as T;
  }

  async subject(subjectId: string): Promise<PersonalDataSubject | null> {
    const { rows } = await this.pool.query<SubjectRow>(`SELECT * FROM personal_data.subjects WHERE subject_id = $1`, [subjectId]);
    return rows[0] ? subjectOf(rows[0]) : null;
  }

  async subjectsOfOrder(orderId: string): Promise<PersonalDataSubject[]> {
    const { rows } = await this.pool.query<SubjectRow>(
      `SELECT * FROM personal_data.subjects WHERE order_id = $1 ORDER BY created_at, subject_id`,
      [orderId],
    );
    return rows.map(subjectOf);
  }

  /** Crypto-shredding: the subject's key is destroyed, so none of its values can be decrypted again. Idempotent. */
  async shred(subjectId: string): Promise<void> {
    await this.pool.query(
      `UPDATE personal_data.subjects SET wrapped_key = NULL, erased_at = COALESCE(erased_at, now()) WHERE subject_id = $1`,
      [subjectId],
    );
  }

  private async dataKey(subjectId: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<{ wrapped_key: Buffer | null }>(
      `SELECT wrapped_key FROM personal_data.subjects WHERE subject_id = $1`,
      [subjectId],
    );
    const wrapped = rows[0]?.wrapped_key;
    return wrapped ? open(this.masterKey, wrapped, `subject:${subjectId}`) : null;
  }
}

function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (isPersonalRef(value)) {
    into.push(value.pii);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    for (const item of Object.values(value)) collectRefs(item, into);
  }
}

function replaceRefs(value: unknown, texts: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceRefs(item, texts));
  if (isPersonalRef(value)) return texts.get(value.pii) ?? ERASED_PLACEHOLDER;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceRefs(v, texts)]));
  }
  return value;
}
