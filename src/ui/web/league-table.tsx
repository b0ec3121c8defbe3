import { usd } from './format';
import { href } from './router';

export interface LeagueRow {
  rank: number;
  company: { companyId: string; name: string };
  dealCount: number;
  valueUsd: string | null;
  unconvertedCount: number;
}

/** Rows of a league table, as the API ranks them (ties share a rank). */
export function LeagueTable({ rows }: { rows: LeagueRow[] }) {
  if (rows.length === 0) return <p class="muted">No deals in this table.</p>;
  return (
    <table class="data">
      <thead>
        <tr>
          <th scope="col" class="num">Rank</th>
          <th scope="col">Company</th>
          <th scope="col" class="num">Deals</th>
          <th scope="col" class="num">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.company.companyId}>
            <td class="num">{row.rank}</td>
            <td>
              <a href={href(`/companies/${row.company.companyId}`)}>{row.company.name}</a>
            </td>
            <td class="num">{row.dealCount}</td>
            <td class="num">
              {usd(row.valueUsd)}
              {row.unconvertedCount ? <span class="warning" title="Deals with a value but no USD figure, not in the total"> +{row.unconvertedCount} unconverted</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
