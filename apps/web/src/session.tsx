import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get, getToken, setToken, setUnauthorizedHandler } from './api';
import type { Role, User } from './domain';

export interface Department {
  id: string;
  nameZh: string;
  kindLabel?: string;
}

interface Session {
  user: User | null;
  token: string | null;
  signIn(token: string): User;
  signOut(): void;
  departments: Department[];
  deptName(id: string | null | undefined): string;
}

const SessionContext = createContext<Session | null>(null);

/** Reads the claims of a bearer token (the API verifies it; this only decides what to show). */
export function decodeToken(token: string): User {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw new Error('令牌格式不正确：应为三段以“.”分隔的 JWT');
  const json = decodeURIComponent(
    atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'))
      .split('')
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  const claims = JSON.parse(json) as { sub?: string; name?: string; roles?: Role[]; department?: string | null; exp?: number };
  if (!claims.sub || !Array.isArray(claims.roles)) throw new Error('令牌缺少用户或角色信息');
  if (claims.exp && claims.exp * 1000 < Date.now()) throw new Error('令牌已过期，请重新获取');
  return { userId: claims.sub, displayName: claims.name ?? claims.sub, roles: claims.roles, department: claims.department ?? null };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setTok] = useState<string | null>(() => {
    const t = getToken();
    try {
      if (t) decodeToken(t);
      return t;
    } catch {
      setToken(null);
      return null;
    }
  });
  const [departments, setDepartments] = useState<Department[]>([]);
  const user = useMemo(() => (token ? decodeToken(token) : null), [token]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setToken(null);
      setTok(null);
    });
  }, []);

  useEffect(() => {
    if (!token) return;
    get<{ items: Department[] }>('/api/v1/reference/departments')
      .then((r) => setDepartments(r.items))
      .catch(() => setDepartments([]));
  }, [token]);

  const value = useMemo<Session>(
    () => ({
      user,
      token,
      signIn(t: string) {
        const u = decodeToken(t);
        setToken(t.trim());
        setTok(t.trim());
        return u;
      },
      signOut() {
        setToken(null);
        setTok(null);
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
    [user, token, departments],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('SessionProvider missing');
  return s;
}
