// Medians and percentiles: this machine is shared and noisy, so single runs and means mislead.
import { readFileSync } from 'node:fs';

export function percentile(values, p) {
  const numbers = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (numbers.length === 0) return null;
  const sorted = Float64Array.from(numbers).sort();
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const median = (values) => percentile(values, 50);

export const round = (value, digits = 2) => (value === null ? null : Number(value.toFixed(digits)));

/** A process's peak resident memory in MB (VmHWM), or null where /proc is not there to ask. */
export function peakRssMb(pid = process.pid) {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
