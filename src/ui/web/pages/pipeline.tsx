import type { Route } from '../router';

export function PipelinePage(_: { route: Route }) {
  return <h1>Pipeline</h1>;
}
