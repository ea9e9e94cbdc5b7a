import { Readable } from 'node:stream';
import { Client } from 'minio';
import type { PgPool } from '@app/event-store';

/** The bytes of one evidence file and what the event says of them. */
export interface StoredFile {
  fileId: string;
  orderId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

/**
 * Where evidence files are kept. `put` keeps a file before its EvidenceAttached event is appended;
 * `commit` marks it kept for good once the event is; `discard` forgets a file whose event was refused.
 * A file is only served for an evidence entry of an order (the event is the record), so one put but
 * never committed cannot be reached; `sweep` removes those left by interrupted uploads.
 */
export interface EvidenceFileStore {
  readonly kind: 'postgres' | 's3';
  put(file: StoredFile): Promise<void>;
  commit(fileId: string): Promise<void>;
  discard(fileId: string): Promise<void>;
  /** The content, or null when the store has no such file. */
  get(fileId: string): Promise<Buffer | null>;
  /** Removes files put before `olderThan` and never committed whose event does not exist. */
  sweep(olderThan: Date): Promise<number>;
}

export const EVIDENCE_FILE_STORE = Symbol('EVIDENCE_FILE_STORE');

/** The default: a bytea row per file in the engine's own database. */
export class PostgresEvidenceFileStore implements EvidenceFileStore {
  readonly kind = 'postgres' as const;

  constructor(private readonly pool: PgPool) {}

  async put(file: StoredFile): Promise<void> {
    await this.pool.query(
      `INSERT INTO files.evidence_files (file_id, order_id, file_name, content_type, size, sha256, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [file.fileId, file.orderId, file.fileName, file.contentType, file.size, file.sha256, file.content],
    );
  }

  async commit(fileId: string): Promise<void> {
    await this.pool.query(`UPDATE files.evidence_files SET committed = true WHERE file_id = $1`, [fileId]);
  }

  async discard(fileId: string): Promise<void> {
    await this.pool.query(`DELETE FROM files.evidence_files WHERE file_id = $1`, [fileId]);
  }

  async get(fileId: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<{ content: Buffer }>(`SELECT content FROM files.evidence_files WHERE file_id = $1`, [fileId]);
    return rows[0]?.content ?? null;
  }

  async sweep(olderThan: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM files.evidence_files f
       WHERE NOT f.committed AND f.created_at < $1
         AND NOT EXISTS (SELECT 1 FROM event_store.events e
                         WHERE e.type = 'EvidenceAttached' AND e.data->'file'->>'fileId' = f.file_id::text)`,
      [olderThan],
    );
    return rowCount ?? 0;
  }
}

export interface S3Options {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
}

/**
 * An S3-compatible object store (MinIO, a cloud's S3) through the `minio` client: one object per file
 * under `evidence/<fileId>`. Objects carry no committed flag: the event alone makes a file reachable,
 * so an object left by an interrupted upload is never served (a bucket lifecycle rule may expire them).
 */
export class S3EvidenceFileStore implements EvidenceFileStore {
  readonly kind = 's3' as const;
  private readonly client: Client;
  private bucketReady: Promise<void> | null = null;

  constructor(private readonly options: S3Options) {
    const url = new URL(options.endpoint);
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      useSSL: url.protocol === 'https:',
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      region: options.region,
    });
  }

  private key(fileId: string): string {
    return `evidence/${fileId}`;
  }

  private ensureBucket(): Promise<void> {
    this.bucketReady ??= (async () => {
      if (!(await this.client.bucketExists(this.options.bucket))) await this.client.makeBucket(this.options.bucket, this.options.region);
    })();
    return this.bucketReady;
  }

  async put(file: StoredFile): Promise<void> {
    await this.ensureBucket();
    await this.client.putObject(this.options.bucket, this.key(file.fileId), file.content, file.size, {
      'Content-Type': file.contentType,
      'x-amz-meta-sha256': file.sha256,
      'x-amz-meta-order-id': file.orderId,
    });
  }

  async commit(): Promise<void> {
    // The event is the record; the object needs no mark.
  }

  async discard(fileId: string): Promise<void> {
    await this.client.removeObject(this.options.bucket, this.key(fileId));
  }

  async get(fileId: string): Promise<Buffer | null> {
    try {
      const stream: Readable = await this.client.getObject(this.options.bucket, this.key(fileId));
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(chunks);
    } catch (error) {
      if ((error as { code?: string }).code === 'NoSuchKey') return null;
      throw error;
    }
  }

  async sweep(): Promise<number> {
    return 0;
  }
}
