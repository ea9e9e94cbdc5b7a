import { useEffect, useRef } from 'react';

/**
 * Live updates: one EventSource on /api/v1/me/stream per page (docs/architecture.md, “实时推送”).
 * The browser resumes after the last event itself (Last-Event-ID). While the stream is down, listeners
 * are called on a timer instead (polling as the fallback), so nothing waits for a reload.
 */
export type LiveKind = 'todos' | 'message' | 'escalation';

type Listener = (kind: LiveKind) => void;
const listeners = new Set<{ kinds: LiveKind[]; fn: Listener }>();
let source: EventSource | null = null;
let connected = false;
let fallbackTimer: ReturnType<typeof setInterval> | null = null;
const FALLBACK_POLL_MS = 15_000;

function emit(kind: LiveKind): void {
  for (const l of listeners) if (l.kinds.includes(kind)) l.fn(kind);
}

function startFallback(): void {
  if (fallbackTimer) return;
  fallbackTimer = setInterval(() => {
    if (connected) return;
    for (const kind of ['todos', 'message', 'escalation'] as const) emit(kind);
  }, FALLBACK_POLL_MS);
}

function open(): void {
  if (source || typeof EventSource === 'undefined') {
    startFallback();
    return;
  }
  source = new EventSource('/api/v1/me/stream', { withCredentials: true });
  source.onopen = () => {
    const wasDown = !connected;
    connected = true;
    // For people (and browser tests): whether updates arrive pushed or by the fallback poll.
    document.documentElement.dataset.live = 'connected';
    // What changed while the stream was down is fetched again once.
    if (wasDown) for (const kind of ['todos', 'message', 'escalation'] as const) emit(kind);
  };
  source.onerror = () => {
    connected = false;
    document.documentElement.dataset.live = 'polling';
  };
  for (const kind of ['todos', 'message', 'escalation'] as const) source.addEventListener(kind, () => emit(kind));
  startFallback();
}

/** Closes the stream (sign-out). */
export function closeLive(): void {
  source?.close();
  source = null;
  connected = false;
  if (fallbackTimer) clearInterval(fallbackTimer);
  fallbackTimer = null;
}

/** Calls `fn` whenever one of `kinds` changes for the signed-in user (pushed, or polled while the stream is down). */
export function useLive(kinds: LiveKind[], fn: Listener): void {
  const ref = useRef(fn);
  // The latest callback, kept after each render (not during it), for the long-lived listener below.
  useEffect(() => {
    ref.current = fn;
  });
  const key = kinds.join(',');
  useEffect(() => {
    const entry = { kinds: key.split(',') as LiveKind[], fn: (k: LiveKind) => ref.current(k) };
    listeners.add(entry);
    open();
    return () => {
      listeners.delete(entry);
    };
  }, [key]);
}
