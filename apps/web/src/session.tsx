import { Spin } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, get, request, setCsrfToken, setUnauthorizedHandler } from './api';
import type { User } from './domain';
import type { ReferenceDepartment, SessionView } from './api';

export type Department = ReferenceDepartment;

/** What the API answers on sign-in and on GET /api/v1/auth/session; the token itself never reaches this page. */
/** GET /api/v1/auth/session, with the roles as the web app's Role type. */
type SessionAnswer = Omit<SessionView, 'user'> & { user: User };

interface Session {
  user: User | null;
  /** Hands a pasted token to the API, which keeps it in an httpOnly cookie. */
  signIn(token: string): Promise<User>;
  /** Embedded default only: signs in as one of the demo users. */
  signInAsDemoUser(userId: string): Promise<User>;
  signOut(): void;
  departments: Department[];
  deptName(id: string | null | undefined): string;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [departments, setDepartments] = useState<Department[]>([]);

  const adopt = useCallback((answer: SessionAnswer): User => {
    setCsrfToken(answer.csrfToken);
    setUser(answer.user);
    return answer.user;
  }, []);
  const forget = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(forget);
    get<SessionAnswer>('/api/v1/auth/session')
      .then(adopt)
      .catch(() => forget());
  }, [adopt, forget]);

  useEffect(() => {
    if (!user) return;
    get<{ items: Department[] }>('/api/v1/reference/departments')
      .then((r) => setDepartments(r.items))
      .catch(() => setDepartments([]));
  }, [user]);

  const value = useMemo<Session>(
    () => ({
      user: user ?? null,
      async signIn(token: string) {
        try {
          return adopt(await request<SessionAnswer>('POST', '/api/v1/auth/session', { token: token.trim() }));
        } catch (e) {
          if (e instanceof ApiError && e.status === 400) throw new Error('令牌格式不正确：应为三段以“.”分隔的 JWT', { cause: e });
          throw e;
        }
      },
      async signInAsDemoUser(userId: string) {
        return adopt(await request<SessionAnswer>('POST', '/api/v1/auth/demo-session', { userId }));
      },
      signOut() {
        void request('DELETE', '/api/v1/auth/session').finally(forget);
      },
      departments,
      deptName(id) {
        if (!id) return '—';
        return (
          departments.find((d) => d.id === id)?.nameZh ??
          ({ unassigned: '尚未交办', 'supervision-office': '督察整改办' } as Record<string, string>)[id] ??
          id
        );
      },
    }),
    [user, departments, adopt, forget],
  );
  if (user === undefined) {
    return <Spin size="large" fullscreen description="正在确认登录状态…" />;
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('SessionProvider missing');
  return s;
}
