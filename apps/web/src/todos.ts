import { useCallback, useEffect, useState } from 'react';
import { get } from './api';
import { useLive } from './live';

export interface Todo {
  key: string;
  subjectType: 'KEY_PROJECT' | 'RECTIFICATION_ORDER' | 'ESCALATION';
  subjectId: string;
  subjectCode: string;
  subjectName: string;
  command: string | null;
  title: string;
  dueOn: string | null;
  /** Days until dueOn as of the server's day; negative when overdue. */
  daysLeft: number | null;
  link: string;
  level: number | null;
}

/** The signed-in user's to-dos, fetched again whenever the stream says they changed. */
export function useTodos(): { items: Todo[] | null; error: unknown; reload: () => void } {
  const [items, setItems] = useState<Todo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    get<{ items: Todo[] }>('/api/v1/me/todos')
      .then((r) => {
        setItems(r.items);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(reload, [reload]);
  useLive(['todos'], reload);
  return { items, error, reload };
}
