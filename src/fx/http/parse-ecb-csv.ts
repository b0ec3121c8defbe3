// Reads an ECB euro reference-rate file (eurofxref.csv / eurofxref-hist.csv) into USD rates, or a 400 listing every
// line or cell it cannot read. Layout: a header `Date,USD,JPY,GBP,...` then one row per day, each value the units of
// that currency per 1 EUR. Real files end every line with a comma (an empty last column), write `N/A` where a
// currency had no rate that day, and the daily file pads cells with spaces and writes dates as "30 January 2024".
import { CsvError, parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import type { FieldError } from '../../http/problem.js';
import { RequestValidationError } from '../../http/request-validation.error.js';
import { MAX_RATES_PER_LOAD, currencyProblem, dateProblem, isRateValue } from '../domain/fx-rate-rules.js';
import type { FxRate } from '../fx-stream.js';

/** Cross rates are correctly rounded to 10 significant digits (decimal.js rounds each operation to `precision`). */
const CrossRate = Decimal.clone({ precision: 10, rounding: Decimal.ROUND_HALF_UP });

/** Cells that mean "no rate that day". */
const ABSENT = new Set(['', 'N/A']);

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

interface Header {
  /** Column index → currency, or null for an unnamed column (the trailing comma). */
  columns: (string | null)[];
  usdIndex: number;
  /** Cells up to here must be present in every row; later ones are unnamed and may be left out. */
  width: number;
}

interface Row {
  line: number;
  cells: string[];
}

export function parseEcbCsv(text: unknown, today: string): FxRate[] {
  if (typeof text !== 'string' || text.trim() === '') fail([{ field: 'body', message: 'the CSV upload is empty' }]);
  const [first, ...rows] = readRows(text);
  const header = readHeader(first);
  if (rows.length === 0) fail([{ field: 'body', message: 'the CSV has a header but no rows' }]);

  const errors: FieldError[] = [];
  const rates: FxRate[] = [];
  const dates = new Map<string, number>();
  for (const row of rows) {
    const read = readRow(row, header, today, dates);
    errors.push(...read.errors);
    rates.push(...read.rates);
  }
  if (errors.length > 0) fail(errors);
  if (rates.length === 0) fail([{ field: 'body', message: 'the CSV holds no rates: every USD cell is empty or N/A' }]);
  if (rates.length > MAX_RATES_PER_LOAD) {
    fail([{ field: 'body', message: `the CSV yields ${rates.length} rates; at most ${MAX_RATES_PER_LOAD} per request` }]);
  }
  return rates;
}

function readRows(text: string): Row[] {
  try {
    // With `info`, each record comes as {record, info}; the typings only know plain string arrays.
    const records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true, // checked per row below, so every bad row is listed, not just the first
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    fail([{ field: line ? `line ${line}` : 'body', message: `not readable as CSV: ${error.message}` }]);
  }
}

function readHeader({ line, cells }: Row): Header {
  const field = `line ${line}`;
  const errors: FieldError[] = [];
  if (cells[0]?.toLowerCase() !== 'date') errors.push({ field, message: 'the first column must be "Date" (ECB reference-rate layout)' });
  const columns = cells.map((cell, i) => (i === 0 || cell === '' ? null : cell));
  columns.forEach((currency, i) => {
    if (currency === null) return;
    const problem = currency === 'EUR' ? 'EUR is the base of the file (values are units per 1 EUR)' : currency === 'USD' ? null : currencyProblem(currency);
    if (problem) errors.push({ field, message: `column ${i + 1} "${currency}": ${problem}` });
    else if (columns.indexOf(currency) !== i) errors.push({ field, message: `column ${i + 1}: ${currency} appears twice` });
  });
  const usdIndex = columns.indexOf('USD');
  if (usdIndex < 0) errors.push({ field, message: 'a USD column is required: every rate is converted through it' });
  if (errors.length > 0) fail(errors);
  const width = columns.findLastIndex((c) => c !== null) + 1;
  return { columns, usdIndex, width };
}

function readRow({ line, cells }: Row, header: Header, today: string, dates: Map<string, number>) {
  const errors: FieldError[] = [];
  const at = (column?: string) => (column ? `line ${line}.${column}` : `line ${line}`);
  if (cells.length < header.width) {
    errors.push({ field: at(), message: `has ${cells.length} cells; the header names ${header.width} columns` });
  }
  cells.forEach((cell, i) => {
    if (header.columns[i] === undefined || (i > 0 && header.columns[i] === null)) {
      if (cell !== '') errors.push({ field: at(), message: `cell ${i + 1} ("${shown(cell)}") is under no currency column` });
    }
  });

  const date = ecbDate(cells[0] ?? '');
  const problem = dateProblem(date, today);
  if (problem) errors.push({ field: at('Date'), message: `"${shown(cells[0] ?? '')}" ${problem}` });
  else if (dates.has(date)) errors.push({ field: at('Date'), message: `${date} is already given on line ${dates.get(date)}` });
  else dates.set(date, line);

  const values = new Map<string, string>();
  header.columns.forEach((currency, i) => {
    const cell = cells[i];
    if (currency === null || cell === undefined || ABSENT.has(cell)) return;
    if (isRateValue(cell)) values.set(currency, cell);
    else errors.push({ field: at(currency), message: `"${shown(cell)}" is not a positive decimal or N/A` });
  });
  if (errors.length > 0) return { errors, rates: [] };
  const rates = crossRates(date, values);
  // A rate derived through the USD column must fit the bounds a rate posted as JSON must fit.
  const unfit = rates.filter((rate) => !isRateValue(rate.usd));
  if (unfit.length === 0) return { errors, rates };
  return {
    errors: unfit.map((rate) => ({
      field: at(rate.currency),
      message: `gives ${shown(rate.usd)} USD per ${rate.currency} through the USD column: a rate must be above 0 with at most 15 digits before the point`,
    })),
    rates: [],
  };
}

/** EUR is worth the USD column; any other currency C is worth USD/C dollars. No USD that day: no rates that day. */
function crossRates(date: string, perEur: Map<string, string>): FxRate[] {
  const usdPerEur = perEur.get('USD');
  if (usdPerEur === undefined) return [];
  const rates: FxRate[] = [{ date, currency: 'EUR', usd: usdPerEur }];
  for (const [currency, units] of perEur) {
    if (currency === 'USD') continue;
    rates.push({ date, currency, usd: new CrossRate(usdPerEur).div(units).toDecimalPlaces(20).toFixed() });
  }
  return rates;
}

/** `2024-01-30` (history file) or `30 January 2024` (daily file); anything else is returned as is, to be refused. */
export function ecbDate(cell: string): string {
  const match = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(cell);
  const month = match ? MONTHS.indexOf(match[2].toLowerCase()) + 1 : 0;
  if (!match || month === 0) return cell;
  return `${match[3]}-${String(month).padStart(2, '0')}-${match[1].padStart(2, '0')}`;
}

/** A cell as an error message quotes it: the start of it, so a wrong file is not echoed back whole. */
const shown = (cell: string) => (cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);

function fail(errors: FieldError[]): never {
  throw new RequestValidationError(errors);
}
