// The dashboard in a real browser: Debian's Chromium driven by playwright-core. One browser per test file (launched in
// beforeAll), a context per "person" (its own sessionStorage, so its own signed-in key), and helpers for what every
// page test does: sign in, wait for a page to finish loading, save screenshots at a desk's and a phone's size, run
// axe, and collect console errors and Content-Security-Policy violations so a test can assert there are none.
// The browser tests fail, never skip, when Chromium is missing or cannot start.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';
import type { TestApp } from './test-app.js';
import { waitFor } from './wait-for.js';

// The page's globals, for the functions that page.evaluate and addInitScript run in the page: declared in this module
// only (the tests' tsconfig has no DOM library, and the server's code must not see one), with just what they use.
interface PageElement {
  tagName: string;
  id: string;
  classList: Iterable<string> & { length: number };
  parentElement: PageElement | null;
  getBoundingClientRect(): { right: number };
}
interface PolicyViolation {
  effectiveDirective: string;
  blockedURI: string;
  sourceFile: string;
  documentURI: string;
  lineNumber: number;
}
declare const document: {
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  addEventListener(type: 'securitypolicyviolation', listener: (event: PolicyViolation) => void): void;
};
declare const window: Record<string, unknown>;
declare const sessionStorage: Record<string, string>;
declare const localStorage: Record<string, string>;
declare function requestAnimationFrame(callback: () => void): number;
declare class MutationObserver {
  constructor(callback: (records: unknown[], observer: MutationObserver) => void);
  observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
  disconnect(): void;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** How long a step waits for the page (a CI run may be sharing the machine's two cores with another). */
export const PAGE_WAIT_MS = 15_000;

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

export const SCREENSHOTS_DIR = fileURLToPath(new URL('../ui/screenshots/', import.meta.url));

const INSTALL_HINT =
  'The browser tests (test/ui) need Chromium. Install it with `apt-get install -y chromium` (as root, on Debian or ' +
  'Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/**
 * Chromium, headless; throws (so the tests fail) with how to install it when it is missing or does not start, and when
 * the dashboard's bundle is older than its sources (the tests would check the screen as it was).
 */
export async function launchBrowser(): Promise<Browser> {
  assertUiBuilt();
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}. ${INSTALL_HINT}`);
  try {
    // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'], timeout: 60_000 });
  } catch (error) {
    throw new Error(`Chromium at ${CHROMIUM_PATH} did not start: ${(error as Error).message}\n${INSTALL_HINT}`);
  }
}

const UI_SOURCES = fileURLToPath(new URL('../../src/ui/web/', import.meta.url));
const UI_BUNDLE = fileURLToPath(new URL('../../dist/ui/main.js', import.meta.url));

/**
 * The server serves dist/ui, built by `npm run build:ui` (which `npm run build`, and so the tests' global setup, runs).
 * Fails when a source of the screen is newer than the bundle, naming it, rather than test a screen that is not there.
 */
export function assertUiBuilt(): void {
  const built = existsSync(UI_BUNDLE) ? statSync(UI_BUNDLE).mtimeMs : 0;
  const newer = readdirSync(UI_SOURCES, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.spec.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => statSync(file).mtimeMs > built);
  if (newer.length > 0) {
    throw new Error(
      `The dashboard's bundle (dist/ui) is ${built ? 'older than' : 'missing for'} ${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ` and ${newer.length - 3} more` : ''}: ` +
        'run `npm run build:ui` (or `npm run build`) before the browser tests.',
    );
  }
}

/** Where the test app listens, e.g. http://127.0.0.1:41234. */
export async function appUrl(t: TestApp): Promise<string> {
  const address = t.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('The test app is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}

/** What went wrong in a browser context: to be asserted empty. */
export class Problems {
  /** console.error and the browser's own errors in the console (a failed load, an uncaught promise). */
  readonly consoleErrors: string[] = [];
  /** Uncaught exceptions in a page. */
  readonly pageErrors: string[] = [];
  /** CSP violations: `securitypolicyviolation` events, and the console's "Refused to … Content Security Policy". */
  readonly cspViolations: string[] = [];

  get all(): string[] {
    return [...this.cspViolations.map((p) => `CSP: ${p}`), ...this.pageErrors.map((p) => `page error: ${p}`), ...this.consoleErrors.map((p) => `console: ${p}`)];
  }

  clear(): void {
    for (const list of [this.consoleErrors, this.pageErrors, this.cspViolations]) list.length = 0;
  }
}

const CSP_BINDING = '__dealTrackerTestCspViolation';

/** Collects the console errors, uncaught errors and CSP violations of every page of the context, from now on. */
export async function watchProblems(context: BrowserContext): Promise<Problems> {
  const problems = new Problems();
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location();
    const text = `${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`;
    (/Content Security Policy/i.test(message.text()) ? problems.cspViolations : problems.consoleErrors).push(text);
  });
  context.on('weberror', (error) => problems.pageErrors.push(String(error.error().stack ?? error.error())));
  // The event carries what the console message may not (the directive, the blocked URI); reported to the test through
  // a binding, which the page's CSP does not govern, as it does not govern init scripts.
  await context.exposeBinding(CSP_BINDING, (_source, text: string) => problems.cspViolations.push(text));
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = window[binding] as ((text: string) => void) | undefined;
      report?.(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
    });
  }, CSP_BINDING);
  return problems;
}

export interface Person {
  context: BrowserContext;
  page: Page;
  problems: Problems;
}

/**
 * Another person at another desk: a browser context of their own (their own sessionStorage, so their own key), one
 * page at the desk's size, paths relative to the app, its problems collected from the first navigation.
 */
export async function newPerson(browser: Browser, baseURL: string, viewport: { width: number; height: number } = VIEWPORTS.desktop): Promise<Person> {
  const context = await browser.newContext({ baseURL, viewport });
  context.setDefaultTimeout(PAGE_WAIT_MS);
  const problems = await watchProblems(context);
  const page = await context.newPage();
  return { context, page, problems };
}

/** The dashboard's page at a fragment path ("/", "/deals/<id>", "/pipeline?…"), relative to the context's baseURL. */
export async function open(page: Page, path = '/'): Promise<void> {
  await page.goto(`/#${path}`);
}

/** The sign-in form's parts. */
export const signInForm = (page: Page) => ({
  form: page.getByRole('form', { name: 'Sign in' }),
  key: page.getByLabel('API key'),
  submit: page.getByRole('button', { name: 'Sign in', exact: true }),
});

/** Types a key into the sign-in form and submits it, then waits until the page either signs in or says why not. */
export async function submitKey(page: Page, key: string): Promise<'signed-in' | 'refused'> {
  const { key: field, submit } = signInForm(page);
  await field.fill(key);
  await submit.click();
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await signOut.or(page.getByRole('alert')).first().waitFor();
  return (await signOut.isVisible()) ? 'signed-in' : 'refused';
}

/** Opens the app (at `path`, "/" by default) and signs in with the key; fails, saying why, when the page refuses it. */
export async function signIn(page: Page, key: string, path = '/'): Promise<void> {
  await open(page, path);
  if ((await submitKey(page, key)) === 'refused') {
    throw new Error(`The page refused the key: ${await page.getByRole('alert').first().textContent()}`);
  }
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInForm(page).form.waitFor();
}

/** Everything the page keeps in the browser: sessionStorage and localStorage values, and cookies. */
export async function keptInBrowser(page: Page): Promise<{ session: string[]; local: string[]; cookies: number }> {
  const stored = await page.evaluate(() => ({ session: Object.values(sessionStorage), local: Object.values(localStorage) }));
  return { ...stored, cookies: (await page.context().cookies()).length };
}

/** Marks the page's current document, so a test can tell later that it was not reloaded (see `sameDocument`). */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => void (window.__testDocumentMark = true));
}

/** Whether the page still shows the document `markDocument` marked: no reload, no navigation away. */
export async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => window.__testDocumentMark === true);
}

/** Waits until the page's loading placeholders ("Loading…", "Signing in…") are gone. */
export async function waitUntilLoaded(page: Page): Promise<void> {
  await waitFor(async () => (await page.locator('[role="status"]', { hasText: /…$/ }).count()) === 0, 'the page to finish loading', PAGE_WAIT_MS);
}

/** Waits until the header's dot says the live feed is connected. */
export async function waitForLive(page: Page): Promise<void> {
  await page.getByLabel('Live updates on').waitFor();
}

/** Waits until the locator's text (whitespace collapsed) is the one expected; on timeout, says what it was instead. */
export async function waitForText(locator: Locator, expected: string | RegExp, what: string, timeoutMs = PAGE_WAIT_MS): Promise<void> {
  let seen: string | null = null;
  const matches = (text: string) => (typeof expected === 'string' ? text === expected : expected.test(text));
  try {
    await waitFor(async () => {
      seen = (await locator.count()) > 0 ? normalized(await locator.first().textContent()) : null;
      return seen !== null && matches(seen);
    }, what, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}: expected ${String(expected)}, the page shows ${JSON.stringify(seen)}`);
  }
}

/** The text of the locator's elements, whitespace collapsed (what a reader sees, not how the markup breaks it). */
export async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map(normalized);
}

export const normalized = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Two animation frames: what a resize, a re-render or a chart's redraw needs before it is on screen. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

export interface Screenshot {
  file: string;
  viewport: { width: number; height: number };
  /** How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways). */
  overflowX: number;
}

/**
 * Whole-page screenshots at the desk's (1280×800) and the phone's (390×844) size, as
 * test/ui/screenshots/<name>-<width>x<height>.png; the page is left at the size it had.
 */
export async function saveScreenshots(page: Page, name: string): Promise<Screenshot[]> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const before = page.viewportSize();
  const shots: Screenshot[] = [];
  try {
    for (const viewport of Object.values(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await nextFrames(page);
      const file = join(SCREENSHOTS_DIR, `${name}-${viewport.width}x${viewport.height}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      shots.push({ file, viewport, overflowX: await overflowX(page) });
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
  return shots;
}

/** How many CSS pixels the document is wider than the viewport. */
export async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

/** The elements that stick out past the viewport's right edge (for a message when a page scrolls sideways). */
export async function widerThanViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const path = (e: PageElement) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}`;
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .filter((e) => !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 0.5))
      .map((e) => `${path(e)} (right edge at ${Math.round(e.getBoundingClientRect().right)}px)`);
  });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA, and best practices).
 * The page's CSP (script-src 'self') blocks an injected inline <script>, so axe's source is evaluated through the
 * DevTools protocol (page.evaluate), which the CSP does not govern: the page keeps its real policy while it is checked.
 */
export async function seriousA11yViolations(page: Page, { exclude = [] as string[] } = {}): Promise<A11yViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (excluded: string[]) => {
    const axe = window.axe as { run(context: unknown, options: unknown): Promise<{ violations: RawViolation[] }> };
    interface RawViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }
    const result = await axe.run(excluded.length ? { exclude: excluded.map((s) => [s]) } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    }));
  }, exclude);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface Appearance {
  /** performance.now() of the document (ms since its navigation started) when the element was first in the page. */
  inPage: number;
  /** The same, a frame later: when it had been painted, to a frame. */
  painted: number;
}

const APPEARANCE = '__testAppearance';

/**
 * From now on, in every document the context loads: notes when an element matching `selector` first appears, for
 * `appearance` to read (a first-paint measure taken in the page, so it does not include the test's polling).
 */
export async function timeAppearance(context: BrowserContext, selector: string): Promise<void> {
  await context.addInitScript(
    ([key, wanted]: string[]) => {
      new MutationObserver((_records, observer) => {
        if (!document.querySelector(wanted)) return;
        observer.disconnect();
        const mark: Partial<Appearance> = { inPage: performance.now() };
        window[key] = mark;
        requestAnimationFrame(() => setTimeout(() => (mark.painted = performance.now())));
      }).observe(document, { childList: true, subtree: true });
    },
    [APPEARANCE, selector],
  );
}

/** When the element `timeAppearance` watches for appeared in the current document, once it has been painted. */
export async function appearance(page: Page, timeoutMs = 60_000): Promise<Appearance> {
  const read = () => page.evaluate((key) => (window[key] as Partial<Appearance> | undefined) ?? null, APPEARANCE);
  await waitFor(async () => (await read())?.painted !== undefined, 'the element to appear and be painted', timeoutMs);
  return (await read()) as Appearance;
}

export interface LoadTimings {
  /** ms since the navigation started, as performance.now() of the document counts. */
  firstContentfulPaint: number | null;
  domContentLoaded: number;
  /** The fetches of the page so far (the live stream left out): path and duration in ms, start to response end. */
  api: [path: string, ms: number][];
}

/** The browser's own timings of the current document's load. */
export async function loadTimings(page: Page): Promise<LoadTimings> {
  return page.evaluate(() => {
    // The browser's entry types, which Node's (the types these functions are checked with) do not all have.
    const entries = (type: string) => performance.getEntries().filter((e) => (e.entryType as string) === type) as unknown[];
    const [navigation] = entries('navigation') as { domContentLoadedEventEnd: number }[];
    const fetches = entries('resource') as { name: string; initiatorType: string; startTime: number; responseEnd: number }[];
    return {
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      domContentLoaded: Math.round(navigation.domContentLoadedEventEnd),
      api: fetches
        .filter((r) => r.initiatorType === 'fetch' && !r.name.includes('/events/stream'))
        .map((r): [string, number] => [new URL(r.name).pathname + new URL(r.name).search, Math.round(r.responseEnd - r.startTime)]),
    };
  });
}
