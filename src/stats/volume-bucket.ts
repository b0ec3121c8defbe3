// One period of GET /stats/volume: its own file, with no imports, so the dashboard shares the type (src/ui/web).
export interface VolumeBucket {
  period: string;
  dealCount: number;
  valueUsd: string;
  unconvertedCount: number;
  byCurrency: Record<string, string>;
}
