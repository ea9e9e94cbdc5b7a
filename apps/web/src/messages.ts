import { useCallback, useEffect, useState } from 'react';
import { get, request } from './api';
import { useLive } from './live';

export interface Message {
  id: string;
  seq: string;
  kind: string;
  kindLabel: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  read: boolean;
}

/** The signed-in user's messages and unread count, fetched again whenever a message is pushed. */
export function useMessages(): {
  items: Message[] | null;
  unread: number;
  reload: () => void;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
} {
  const [items, setItems] = useState<Message[] | null>(null);
  const [unread, setUnread] = useState(0);
  const reload = useCallback(() => {
    get<{ items: Message[]; unread: number }>('/api/v1/me/messages')
      .then((r) => {
        setItems(r.items);
        setUnread(r.unread);
      })
      .catch(() => setItems((prev) => prev ?? []));
  }, []);
  useEffect(reload, [reload]);
  useLive(['message'], reload);
  const markRead = useCallback(
    async (id: string) => {
      await request('PUT', `/api/v1/me/messages/${id}/read`);
      reload();
    },
    [reload],
  );
  const markAllRead = useCallback(async () => {
    await request('PUT', '/api/v1/me/messages/read-all');
    reload();
  }, [reload]);
  return { items, unread, reload, markRead, markAllRead };
}
