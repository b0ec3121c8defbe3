import type { Route } from '../router';

export function DealsPage(_: { route: Route }) {
  return <h1>Deals</h1>;
}
