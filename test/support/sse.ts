/** A server-sent events client for tests: collects the events of one response and waits for one that matches. */
export interface SseEvent {
  type: string;
  id: string | null;
  data: string;
}

export interface SseClient {
  events: SseEvent[];
  /** Resolves with the first event (already received or to come) that matches; rejects if the stream ends first. */
  next(match: (e: SseEvent) => boolean, what: string): Promise<SseEvent>;
  close(): void;
  lastEventId(): string | null;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  if (res.status !== 200) throw new Error(`${url} → ${res.status}: ${await res.text()}`);
  const events: SseEvent[] = [];
  const waiters: Array<{ match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void; reject: (e: Error) => void; what: string }> = [];
  let ended = false;
  let lastId: string | null = null;
  const deliver = (e: SseEvent) => {
    events.push(e);
    if (e.id !== null) lastId = e.id;
    for (const w of [...waiters]) {
      if (w.match(e)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  };
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { type: 'message', id: null, data: '' };
          let hasField = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || !line) continue;
            const i = line.indexOf(':');
            const field = i < 0 ? line : line.slice(0, i);
            const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
            hasField = true;
            if (field === 'event') e.type = value;
            else if (field === 'id') e.id = value;
            else if (field === 'data') e.data = e.data ? `${e.data}\n${value}` : value;
          }
          if (hasField) deliver(e);
        }
      }
    } catch {
      /* aborted */
    } finally {
      ended = true;
      for (const w of waiters.splice(0)) w.reject(new Error(`stream ended before ${w.what}`));
    }
  })();
  return {
    events,
    lastEventId: () => lastId,
    next(match, what) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      if (ended) return Promise.reject(new Error(`stream ended before ${what}`));
      return new Promise((resolve, reject) => waiters.push({ match, resolve, reject, what }));
    },
    close: () => controller.abort(),
  };
}
