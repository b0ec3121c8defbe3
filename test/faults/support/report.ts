// The figures of a fault run, printed whether it passes or fails (jest would only show them on failure).
// Written synchronously: jest --forceExit ends the process before a piped stdout drains the last suite's figures.
import { writeSync } from 'node:fs';

export type Figures = Record<string, string | number | boolean>;

export function printFigures(title: string, figures: Figures): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = Object.entries(figures).map(([name, value]) => `  ${name.padEnd(width)}  ${value}`);
  writeSync(1, `\n── ${title} ──\n${lines.join('\n')}\n`);
}

/** A server's last log lines, printed when it answered something it should not have (a 500 names its cause there). */
export function printServerLogIf(condition: boolean, name: string, output: string): void {
  if (condition) writeSync(1, `\n── last output of ${name} ──\n${output}\n`);
}
