import type { Route } from '../router';

export function LeagueTablesPage(_: { route: Route }) {
  return <h1>League tables</h1>;
}
