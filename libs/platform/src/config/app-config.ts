import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { stateCouncilCalendar, type WorkingCalendarData } from '../calendar/state-council-calendar';

/** Reads the raw string (implicit conversion would turn "false" into true). */
const toBool = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  if (raw === undefined || raw === '' || typeof raw === 'boolean') return raw;
  const text = String(raw).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  return raw;
};

/**
 * Every setting the processes read, validated once at start-up. A wrong value stops the process with
 * a message naming the variable (see validateConfig); defaults suit the embedded single-process start.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT: number = 3000;

  /** Loopback by default: exposing the API to a network is a decision (set 0.0.0.0 or an address). */
  @IsString()
  API_HOST: string = '127.0.0.1';

  /**
   * Which proxies' X-Forwarded-For to believe for the client address (rate limits, logs): unset or
   * false none, true all (only behind a proxy that overwrites it), a hop count, or addresses/CIDRs.
   */
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or comma-separated addresses/CIDRs',
  })
  TRUST_PROXY: string = 'false';

  /** Requests per minute of one signed-in user (0: no limit). */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_USER_PER_MINUTE: number = 600;

  /** Requests per minute of one client address without a valid token: sign-in, docs, health (0: no limit). */
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_IP_PER_MINUTE: number = 300;

  /** System PostgreSQL; when absent an embedded PostgreSQL is started (the default for `npm start`). */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must look like postgres://user@host:5432/db' })
  DATABASE_URL?: string;

  @IsString()
  EMBEDDED_PG_DIR: string = '.data/pg';

  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT: number = 54329;

  @IsInt()
  @Min(2)
  @Max(200)
  DB_POOL_SIZE: number = 20;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Run the worker (projections, relay, scheduler) inside the API process. */
  @Transform(toBool)
  @IsBoolean()
  RUN_WORKER: boolean = true;

  /** HS256 secret for bearer tokens; in the embedded default a random one is kept in the data dir. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * Master key of the personal-data store (32 bytes, base64 or hex): it wraps each data subject's
   * key. In the embedded default one is generated beside the data (mode 0600); required otherwise.
   */
  @IsOptional()
  @IsString()
  PII_MASTER_KEY?: string;

  /** RS256 keys of a real identity provider; when set, tokens are checked against it. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  JWKS_URL?: string;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** Longest a token is accepted after it was issued (its `iat`), whatever its own `exp` says. */
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  TOKEN_MAX_AGE_SECONDS: number = 12 * 3600;

  /**
   * The sign-in picker's demo users and the tokens printed at start; only ever in the embedded
   * default (never with DATABASE_URL), and only to clients on this machine. Set false to turn off.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEMO_USERS?: boolean;

  /** Comma-separated Kafka bootstrap servers; without it projections read the log directly. */
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS?: string;

  /**
   * The broker address the public AsyncAPI document advertises to integrators; unset, it shows a
   * placeholder (the internal KAFKA_BROKERS are never published).
   */
  @IsOptional()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'ASYNCAPI_BROKERS must be host:port[,host:port…]' })
  ASYNCAPI_BROKERS?: string;

  @Matches(/^[a-z0-9][a-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX must be lower-case letters, digits, . _ -' })
  KAFKA_TOPIC_PREFIX: string = 'mdj';

  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'KAFKA_CLIENT_ID must be letters, digits, . _ -' })
  KAFKA_CLIENT_ID: string = 'mdj-eco-workflow';

  /** Partitions of the event topics when this code creates them (streams are spread by key). */
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_TOPIC_PARTITIONS: number = 3;

  /**
   * Log mode: how long a read model's runner waits after a batch that was not full before reading
   * the next, so that under load events share transactions. 0 reads again at once.
   */
  @IsInt()
  @Min(0)
  @Max(1000)
  SUBSCRIPTION_LINGER_MS: number = 10;

  /** Events the relay reads from the log and sends to Kafka per batch. */
  @IsInt()
  @Min(1)
  @Max(10000)
  RELAY_BATCH_SIZE: number = 500;

  /** How long the active relay's lease lasts without renewal: the longest a standby waits to take over. */
  @IsInt()
  @Min(1000)
  @Max(300000)
  RELAY_LEASE_TTL_MS: number = 10000;

  /** Load the plan's key projects and commitments at start (idempotent). */
  @Transform(toBool)
  @IsBoolean()
  SEED_PLAN: boolean = true;

  /** Load the 示例 rectification orders; defaults to on only with the embedded PostgreSQL. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_SAMPLES?: boolean;

  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 256 * 1024;

  @IsInt()
  @Min(1)
  @Max(60)
  PUBLIC_NOTICE_WORKING_DAYS: number = 5;

  @IsInt()
  @Min(1)
  @Max(60)
  PETITION_REPORT_DAYS: number = 7;

  @IsInt()
  @Min(1)
  @Max(12)
  ONGOING_REPORT_INTERVAL_MONTHS: number = 3;

  /** Calendar days after assignment (交办) by which the lead department owes its rectification plan. */
  @IsInt()
  @Min(1)
  @Max(180)
  PLAN_SUBMISSION_DAYS: number = 15;

  /** Where evidence files (佐证材料) are kept: PostgreSQL (default) or an S3-compatible object store. */
  @IsIn(['postgres', 's3'])
  EVIDENCE_STORE: 'postgres' | 's3' = 'postgres';

  /** Largest evidence file one upload accepts; larger ones get 413. */
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  EVIDENCE_MAX_FILE_BYTES: number = 20 * 1024 * 1024;

  /** The S3-compatible store (EVIDENCE_STORE=s3), e.g. http://127.0.0.1:9000 for MinIO. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_KEY?: string;

  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid bucket name' })
  S3_BUCKET: string = 'mdj-evidence';

  @IsString()
  S3_REGION: string = 'us-east-1';

  /** Run the webhook delivery worker in this process when the worker runs here (one active per cluster, by lease). */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOKS_ENABLED: boolean = true;

  /** How often the delivery worker looks for due deliveries when idle. */
  @IsInt()
  @Min(10)
  @Max(60000)
  WEBHOOK_POLL_MS: number = 1000;

  /**
   * Pause before each retry of a failed delivery, ms, comma-separated (about exponential, ±20 % jitter is
   * added); after the last, the subscription is disabled with the reason. Default: 5 s … 8 h, about 16 h in all.
   */
  @Matches(/^\d{1,9}(,\d{1,9}){0,19}$/, { message: 'WEBHOOK_RETRY_SCHEDULE_MS must be comma-separated milliseconds' })
  WEBHOOK_RETRY_SCHEDULE_MS: string = '5000,30000,120000,600000,1800000,3600000,7200000,14400000,28800000';

  /** How long one delivery may take before it counts as failed (timeout). */
  @IsInt()
  @Min(100)
  @Max(60000)
  WEBHOOK_TIMEOUT_MS: number = 10000;

  /** Whether subscriptions may point at loopback, private or link-local addresses (off in production: SSRF). */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: boolean = false;

  /** How long the active delivery worker's lease lasts without renewal. */
  @IsInt()
  @Min(1000)
  @Max(3600000)
  WEBHOOK_LEASE_TTL_MS: number = 30000;

  /** Run the deadline scheduler (escalations) in this process when the worker runs here. */
  @Transform(toBool)
  @IsBoolean()
  SCHEDULER_ENABLED: boolean = true;

  /** How often the scheduler evaluates deadlines; the first tick runs a few seconds after start. */
  @IsInt()
  @Min(100)
  @Max(24 * 60 * 60 * 1000)
  SCHEDULER_INTERVAL_MS: number = 30000;

  /** How long the active scheduler's lease lasts without renewal: the longest a standby waits to take over. */
  @IsInt()
  @Min(1000)
  @Max(3600000)
  SCHEDULER_LEASE_TTL_MS: number = 90000;

  /** Level 0 notices (提醒), days before a deadline, comma-separated. */
  @Matches(/^\d{1,3}(,\d{1,3})*$/, { message: 'ESCALATION_NOTICE_DAYS must be comma-separated day counts, e.g. 15,7' })
  ESCALATION_NOTICE_DAYS: string = '15,7';

  /** Level 1 yellow warning, days before a deadline. */
  @IsInt()
  @Min(0)
  @Max(365)
  ESCALATION_YELLOW_DAYS: number = 3;

  /** Level 3 listed supervision (挂牌督办) when overdue by more than this many days. */
  @IsInt()
  @Min(1)
  @Max(3650)
  ESCALATION_LISTED_DAYS: number = 30;

  /** Level 4 accountability (问责) when overdue by more than this many days. */
  @IsInt()
  @Min(1)
  @Max(3650)
  ESCALATION_ACCOUNTABILITY_DAYS: number = 90;

  /** Calendar days the acceptance department has for its check after acceptance is requested. */
  @IsInt()
  @Min(1)
  @Max(365)
  ESCALATION_ACCEPTANCE_CHECK_DAYS: number = 15;

  /** Days after registration by which an item without a lead department is to be assigned (交办); later, the supervision office is escalated. */
  @IsInt()
  @Min(1)
  @Max(365)
  ESCALATION_UNASSIGNED_DAYS: number = 30;

  /** Longest wait of a query sent with X-Min-Position for the read models to catch up. */
  @IsInt()
  @Min(0)
  @Max(30000)
  MIN_POSITION_WAIT_MS: number = 5000;

  /** Replication factor of the topics the app creates (3 on a cluster: min.insync.replicas is then 2); 0: the broker's default. */
  @IsInt()
  @Min(0)
  @Max(10)
  KAFKA_TOPIC_REPLICATION: number = 0;

  /** /health/ready answers 503 when a read model or the relay is further behind the log than this. */
  @IsInt()
  @Min(1)
  @Max(86400)
  READY_MAX_LAG_SECONDS: number = 60;

  /** A transaction of this database open longer than this is logged (pid, query): it holds gap-safe readers back. */
  @IsInt()
  @Min(1)
  @Max(86400)
  LONG_WRITER_LOG_SECONDS: number = 30;

  /** Port of the standalone worker's /metrics and /health endpoints (0: none). */
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HTTP_PORT: number = 0;

  /**
   * 年度考核 weights, deductions and grade thresholds overriding the defaults (docs/plan-mechanisms.md),
   * as JSON, e.g. {"weights":{"indicators":30}}; empty: the defaults.
   */
  @IsOptional()
  @IsString()
  ASSESSMENT_CONFIG: string = '';

  /** The escalation thresholds in the domain's shape. */
  get escalationThresholds(): {
    noticeDays: number[];
    yellowDays: number;
    listedDays: number;
    accountabilityDays: number;
    acceptanceCheckDays: number;
    unassignedDays: number;
  } {
    return {
      noticeDays: this.ESCALATION_NOTICE_DAYS.split(',').map(Number),
      yellowDays: this.ESCALATION_YELLOW_DAYS,
      listedDays: this.ESCALATION_LISTED_DAYS,
      accountabilityDays: this.ESCALATION_ACCOUNTABILITY_DAYS,
      acceptanceCheckDays: this.ESCALATION_ACCEPTANCE_CHECK_DAYS,
      unassignedDays: this.ESCALATION_UNASSIGNED_DAYS,
    };
  }

  /** The domain's configurable periods and the working calendar, in the domain's shape (DomainConfig). */
  get domainConfig(): {
    publicNoticeWorkingDays: number;
    petitionReportDays: number;
    ongoingReportIntervalMonths: number;
    planSubmissionDays: number;
    calendar: WorkingCalendarData;
  } {
    return {
      publicNoticeWorkingDays: this.PUBLIC_NOTICE_WORKING_DAYS,
      petitionReportDays: this.PETITION_REPORT_DAYS,
      ongoingReportIntervalMonths: this.ONGOING_REPORT_INTERVAL_MONTHS,
      planSubmissionDays: this.PLAN_SUBMISSION_DAYS,
      calendar: stateCouncilCalendar(),
    };
  }

  get embedded(): boolean {
    return !this.DATABASE_URL;
  }

  get demoUsersEnabled(): boolean {
    return this.embedded && this.DEMO_USERS !== false;
  }

  /** TRUST_PROXY in Fastify's shape. */
  get trustProxy(): boolean | number | string {
    if (this.TRUST_PROXY === 'true') return true;
    if (this.TRUST_PROXY === 'false') return false;
    if (/^\d+$/.test(this.TRUST_PROXY)) return Number(this.TRUST_PROXY);
    return this.TRUST_PROXY;
  }
}

/** EVIDENCE_STORE=s3 needs its endpoint and keys. */
function s3Errors(config: AppConfig): string[] {
  if (config.EVIDENCE_STORE !== 's3') return [];
  return (['S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const)
    .filter((key) => !config[key])
    .map((key) => `  - ${key}=(unset): required when EVIDENCE_STORE=s3`);
}

export class ConfigValidationError extends Error {}

export function validateConfig(env: Record<string, unknown>): AppConfig {
  const config = plainToInstance(AppConfig, stripEmpty(env), { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  const lines = [
    ...errors.map((e) => {
      const given = env[e.property];
      return `  - ${e.property}=${given === undefined ? '(unset)' : JSON.stringify(given)}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    }),
    ...(errors.length === 0 ? s3Errors(config) : []),
  ];
  if (lines.length > 0) {
    throw new ConfigValidationError(`Invalid configuration (配置错误), fix these environment variables:\n${lines.join('\n')}`);
  }
  return config;
}

function stripEmpty(env: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
}
