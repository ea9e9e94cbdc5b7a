/**
 * The API client. The session lives in an httpOnly cookie the page cannot read (docs/security.md);
 * requests that change something carry the session's CSRF token, kept in memory only.
 * problem+json errors become ApiError; a request that never reaches the server (network down, server
 * restarting) becomes ApiError with status 0 and NETWORK_MESSAGE, never an empty result.
 *
 * `api` is the typed client (openapi-fetch over the paths generated from the OpenAPI document, see
 * api/schema.d.ts): `api.GET('/api/v1/rectification-orders/{id}', { params: { path: { id } } })`, where a
 * wrong path, parameter or field is a compile error. The response types are exported by name from api/views.
 */
import createClient from 'openapi-fetch';
import type { paths } from './api/schema';

export type * from './api/views';

/** What the user reads when the server cannot be reached. */
export const NETWORK_MESSAGE = '网络连接失败，请稍后重试';

export interface RowError {
  row?: number;
  field: string;
  messages: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code: string | undefined,
    readonly errors: RowError[] = [],
  ) {
    super(detail);
  }

  /** The request never reached the server (or its answer never arrived). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** fetch, with its network failure (a TypeError such as "Failed to fetch") as ApiError(0, NETWORK_MESSAGE). */
async function send(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_MESSAGE, 'NETWORK');
  }
}

let csrfToken: string | null = null;

/** The CSRF token of the current session (from sign-in or GET /api/v1/auth/session); null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

async function toError(res: Response): Promise<ApiError> {
  let body: { detail?: string; code?: string; errors?: RowError[] } = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const fallback: Record<number, string> = {
    401: '登录已失效，请重新登录',
    403: '您无权进行此操作',
    404: '未找到',
    409: '当前状态不允许此操作',
    412: '记录已被他人更新，请刷新后再提交',
    413: '文件过大',
    422: '填写的内容不符合要求',
  };
  return new ApiError(res.status, body.detail ?? fallback[res.status] ?? `请求失败（${res.status}）`, body.code, body.errors ?? []);
}

export async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json, application/problem+json',
      ...(csrfToken && !SAFE_METHODS.has(method) ? { 'x-csrf-token': csrfToken } : {}),
      ...(body !== undefined && !(body instanceof Blob) ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
  };
  const res = await send(path, init);
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && csrfToken) onUnauthorized();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string, headers?: Record<string, string>) => request<T>('GET', path, undefined, headers);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

/** GET that answers null when the endpoint is not there yet (404/405/501), for optional back-ends. */
export async function getOptional<T>(path: string): Promise<T | null> {
  try {
    return await get<T>(path);
  } catch (e) {
    if (e instanceof ApiError && [404, 405, 501].includes(e.status)) return null;
    throw e;
  }
}

export async function download(path: string, fallbackName: string): Promise<number> {
  const res = await send(path, { credentials: 'same-origin' });
  if (!res.ok) throw await toError(res);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return Number(res.headers.get('x-total-count') ?? 0);
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** POST of a multipart form (a file upload) with the session cookie and CSRF token; the browser sets the boundary. */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  const res = await send(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    body: form,
  });
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && csrfToken) onUnauthorized();
    throw error;
  }
  return (await res.json()) as T;
}

/** A protected file as a blob (previews are fetched with the session cookie, then shown from an object URL). */
export async function fetchBlob(path: string): Promise<Blob> {
  const res = await send(path, { credentials: 'same-origin' });
  if (!res.ok) throw await toError(res);
  return res.blob();
}

/**
 * The typed client. Same session cookie, CSRF header and errors as `request`: a non-2xx answer throws
 * ApiError (so `data` is the body whenever the call returns), a network failure throws ApiError(0).
 */
export const api = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json, application/problem+json' },
  fetch: (request: Request) => send(request),
});
api.use({
  onRequest({ request }) {
    if (csrfToken && !SAFE_METHODS.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const error = await toError(response.clone());
    if (response.status === 401 && csrfToken) onUnauthorized();
    throw error;
  },
});
