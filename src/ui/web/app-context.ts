// What every page may need: who is signed in, and the live feed (the latest events, and a counter that moves on each
// new one so a page can read its data again).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { FeedItem } from './live';
import type { Who } from './session';

export interface AppState {
  who: Who;
  /** The newest events, newest first (at most 50). */
  events: FeedItem[];
  /** Only those that arrived live, since the tab signed in (newest first): what a page reads its data again on. */
  arrived: FeedItem[];
  /** Moves on with every event that arrives live. */
  tick: number;
  connected: boolean;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside the signed-in app');
  return state;
}
