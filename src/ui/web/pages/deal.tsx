import type { Route } from '../router';

export function DealPage({ dealId }: { dealId: string; route: Route }) {
  return <h1>Deal {dealId}</h1>;
}
