// The figures of a fault run, printed whether it passes or fails (jest would only show them on failure).
export type Figures = Record<string, string | number | boolean>;

export function printFigures(title: string, figures: Figures): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(([name, value]) => `  ${name.padEnd(width)}  ${value}`);
  process.stdout.write(`\n── ${title} ──\n${lines.join('\n')}\n`);
}

/** A server's last log lines, printed when it answered something it should not have (a 500 names its cause there). */
export function printServerLogIf(condition: boolean, name: string, output: string): void {
  if (condition) process.stdout.write(`\n── last output of ${name} ──\n${output}\n`);
}
