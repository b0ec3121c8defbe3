// The API key lives for the tab only (sessionStorage): never in a URL, a cookie or localStorage.
const STORAGE_KEY = 'deal-tracker.api-key';

export type Role = 'viewer' | 'analyst' | 'admin';

export interface Who {
  name: string;
  role: Role;
}

export const readKey = (): string | null => sessionStorage.getItem(STORAGE_KEY);
export const keepKey = (key: string) => sessionStorage.setItem(STORAGE_KEY, key);
export const forgetKey = () => sessionStorage.removeItem(STORAGE_KEY);

/** Whether the role may post events (the analyst forms). */
export const canWrite = (who: Who | null) => who?.role === 'analyst' || who?.role === 'admin';
