import type { Route } from '../router';

export function CompaniesPage(_: { route: Route }) {
  return <h1>Companies</h1>;
}

export function CompanyPage(_: { companyId: string }) {
  return <h1>Company</h1>;
}
