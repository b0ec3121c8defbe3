// Volume per period as bars (uPlot). The bars are the API's USD sums; a period's deals with no USD figure are in no
// bar, so they are flagged beside it, and the amounts per original currency are listed apart, never added up.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { VolumeBucket } from '../../stats/volume-bucket.js';
import { compact, usd } from './format';

export type { VolumeBucket };

export function VolumeChart({ buckets, label }: { buckets: VolumeBucket[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || buckets.length === 0) return;
    const xs = buckets.map((_, i) => i);
    // Bar heights only: the figures shown are the API's decimal strings.
    const ys = buckets.map((b) => Number(b.valueUsd));
    const plot = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height: 240,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false, range: [-0.5, buckets.length - 0.5] } },
        axes: [
          // Whole periods only, at least 64 px apart: a phone shows every second or third quarter, never overlapping.
          { values: (_u, ticks) => ticks.map((t) => buckets[t]?.period ?? ''), space: 64, incrs: [1, 2, 3, 4, 6, 8, 12], gap: 4 },
          { values: (_u, ticks) => ticks.map((t) => compact(String(Math.round(t)))), size: 80 },
        ],
        series: [{}, { label: 'USD', fill: '#3b6ea8', stroke: '#2a5388', paths: uPlot.paths.bars!({ size: [0.7, 80] }), points: { show: false } }],
      },
      [xs, ys],
      element,
    );
    const resize = () => plot.setSize({ width: Math.max(280, element.clientWidth), height: 240 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [buckets]);
  const flagged = buckets.filter((b) => b.unconvertedCount > 0);
  return (
    <figure class="chart">
      <div ref={box} class="chart-box" role="img" aria-label={`${label}: ${buckets.map((b) => `${b.period} ${usd(b.valueUsd)}`).join(', ')}`} />
      {flagged.length ? (
        <p class="warning">
          Not in the bars (no USD figure):{' '}
          {flagged.map((b) => `${b.period}: ${b.unconvertedCount} deal${b.unconvertedCount > 1 ? 's' : ''}`).join('; ')}
        </p>
      ) : null}
      <details>
        <summary>The figures</summary>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col" class="num">Deals</th>
              <th scope="col" class="num">USD</th>
              <th scope="col" class="num">No USD figure</th>
              <th scope="col">By currency (as disclosed)</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr>
                <td>{b.period}</td>
                <td class="num">{b.dealCount}</td>
                <td class="num">{usd(b.valueUsd)}</td>
                <td class="num">{b.unconvertedCount || ''}</td>
                <td>{Object.entries(b.byCurrency).map(([currency, amount]) => `${currency} ${compact(amount)}`).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
