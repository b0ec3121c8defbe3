// The desk's screen: sign-in, then the pages, each at a fragment path (router.ts).
import './app.css';
import 'uplot/dist/uPlot.min.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { request, whenUnauthenticated } from './api';
import { AppContext, type AppState } from './app-context';
import { type FeedItem, follow } from './live';
import { CompaniesPage, CompanyPage } from './pages/companies';
import { DealPage } from './pages/deal';
import { DealsPage } from './pages/deals';
import { LeagueTablesPage } from './pages/league-tables';
import { NewDealPage } from './pages/new-deal';
import { OverviewPage } from './pages/overview';
import { PipelinePage } from './pages/pipeline';
import { SignIn } from './pages/sign-in';
import { type Route, useRoute } from './router';
import { type Who, forgetKey, readKey } from './session';
import { Loading } from './widgets';

const NAV = [
  ['/', 'Overview'],
  ['/pipeline', 'Pipeline'],
  ['/deals', 'Deals'],
  ['/companies', 'Companies'],
  ['/league-tables', 'League tables'],
] as const;

function App() {
  const [who, setWho] = useState<Who | null>(null);
  const [checking, setChecking] = useState(readKey() !== null);
  const [refusedWhy, setRefusedWhy] = useState<string | undefined>();
  const signOut = () => {
    forgetKey();
    setWho(null);
  };
  useEffect(() => {
    // The server stopped accepting the key (revoked, or the server's keys changed): back to the sign-in, saying so.
    whenUnauthenticated(() => {
      setRefusedWhy('The server no longer accepts your API key: sign in again.');
      signOut();
    });
    // A key kept from earlier in this tab: ask who it is (it may have been revoked since).
    if (readKey() === null) return;
    request<Who>('/me').then(
      ({ data }) => setWho(data),
      () => signOut(),
    ).finally(() => setChecking(false));
  }, []);
  if (checking) return <Loading what="Signing in" />;
  if (!who) return <SignIn onSignedIn={(signedIn) => { setRefusedWhy(undefined); setWho(signedIn); }} notice={refusedWhy} />;
  return <SignedIn who={who} onSignOut={signOut} />;
}

function SignedIn({ who, onSignOut }: { who: Who; onSignOut(): void }) {
  const route = useRoute();
  const live = useLive();
  const state: AppState = { who, ...live };
  return (
    <AppContext.Provider value={state}>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Deal tracker</span>
        <nav aria-label="Pages">
          {NAV.map(([path, label]) => (
            <a href={`#${path}`} aria-current={isCurrent(route, path) ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <span class="who">
          <span role="img" class={`live-dot${live.connected ? ' on' : ''}`} title={live.connected ? 'Live' : 'Reconnecting'} aria-label={live.connected ? 'Live updates on' : 'Live updates reconnecting'} />
          {who.name} ({who.role})
          <button type="button" class="link" onClick={onSignOut}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </AppContext.Provider>
  );
}

const isCurrent = (route: Route, path: string) => (path === '/' ? route.path === '/' : route.path === path || route.path.startsWith(`${path}/`));

function Page({ route }: { route: Route }) {
  const [, section, id] = route.path.split('/');
  switch (section) {
    case '':
      return <OverviewPage />;
    case 'pipeline':
      return <PipelinePage route={route} />;
    case 'deals':
      if (id === 'new') return <NewDealPage />;
      return id ? <DealPage dealId={decodeURIComponent(id)} route={route} /> : <DealsPage route={route} />;
    case 'companies':
      return id ? <CompanyPage companyId={decodeURIComponent(id)} /> : <CompaniesPage route={route} />;
    case 'league-tables':
      return <LeagueTablesPage route={route} />;
    default:
      return <p>There is no page {route.path}. <a href="#/">Go to the overview</a>.</p>;
  }
}

/** The latest events, then each new one as it is written, for as long as the tab is signed in. */
function useLive(): Omit<AppState, 'who'> {
  const [live, setLive] = useState<Omit<AppState, 'who'>>({ events: [], arrived: [], tick: 0, connected: false });
  useEffect(() => {
    let stop = () => {};
    let stopped = false;
    request<{ items: FeedItem[]; nextCursor: string }>('/events/latest?limit=20').then(({ data }) => {
      if (stopped) return;
      setLive((s) => ({ ...s, events: [...data.items].reverse() }));
      stop = follow({
        after: data.nextCursor,
        onEvent: (item) =>
          setLive((s) => ({ ...s, events: [item, ...s.events].slice(0, 50), arrived: [item, ...s.arrived].slice(0, 50), tick: s.tick + 1 })),
        onConnected: (connected) => setLive((s) => ({ ...s, connected })),
      });
    }, () => {});
    return () => {
      stopped = true;
      stop();
    };
  }, []);
  return live;
}

const root = document.getElementById('app')!;
root.textContent = ''; // the "Loading…" shown until the bundle runs
render(<App />, root);
