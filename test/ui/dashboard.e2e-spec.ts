// The dashboard in Chromium, against the real app on its own database with the seed deal (xAI buys X Corp. for
// USD 45bn) posted over HTTP first: sign-in with each role and with a wrong key, sign-out, the overview's figures,
// live updates from another person's write, and no CSP violation, console error or serious accessibility violation.
// Screenshots at 1280×800 and 390×844 go to test/ui/screenshots/.
import type { Browser } from 'playwright-core';
import { microsoftActivision, seedDeal } from '../support/deals.js';
import {
  type Person,
  appUrl,
  keptInBrowser,
  launchBrowser,
  markDocument,
  newPerson,
  normalized,
  open,
  sameDocument,
  saveScreenshots,
  seriousA11yViolations,
  signIn,
  signInForm,
  signOut,
  submitKey,
  texts,
  waitForLive,
  waitForText,
  waitUntilLoaded,
  widerThanViewport,
} from '../support/browser.js';
import { KEYS, type TestApp, auth, startTestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const ROLES = ['viewer', 'analyst', 'admin'] as const;
/** "Announced xAI / X Corp. · USD 45.0bn · 2025-03-28 (by analyst, 2026-12-02 06:37:04 UTC)" */
const byAnalyst = String.raw`\(by analyst, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)`;
const SEED_LINE = new RegExp(String.raw`^Announced xAI / X Corp\. · USD 45\.0bn · 2025-03-28 ${byAnalyst}$`);

describe('dashboard in a browser: sign-in and the overview', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let seedId: string;
  const people: Person[] = [];

  beforeAll(async () => {
    // The browser first: without one, nothing else is worth starting (and the error says how to install it).
    browser = await launchBrowser();
    t = await startTestApp();
    base = await appUrl(t);
    seedId = (await t.http.post('/deals').set(auth('analyst')).send(seedDeal).expect(201)).body.dealId;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function person(): Promise<Person> {
    const p = await newPerson(browser, base);
    people.push(p);
    return p;
  }
  afterEach(async () => {
    // Contexts a test opened for itself; the overview's shared one below is closed with the browser.
    await Promise.all(people.splice(0).map((p) => p.context.close()));
  });

  describe('sign-in', () => {
    it.each(ROLES)('signs in with the %s key, which the tab keeps in sessionStorage only', async (role) => {
      const { page } = await person();
      await signIn(page, KEYS[role]);
      expect(normalized(await page.locator('header .who').textContent())).toBe(`${role} (${role})Sign out`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
      expect(await keptInBrowser(page)).toEqual({ session: [KEYS[role]], local: [], cookies: 0 });
    });

    it('says a wrong key is not valid and keeps nothing', async () => {
      const { page } = await person();
      await open(page);
      expect(await submitKey(page, 'not-a-key-of-this-desk')).toBe('refused');
      expect(await texts(page.getByRole('alert'))).toEqual(['That API key is not valid.']);
      expect(await signInForm(page).form.isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      expect(await keptInBrowser(page)).toEqual({ session: [], local: [], cookies: 0 });
      // Asked to try again, the form takes the right key.
      expect(await submitKey(page, KEYS.viewer)).toBe('signed-in');
    });

    it('asks for a key when the field is left empty, without asking the server', async () => {
      const { page } = await person();
      let asked = 0;
      page.on('request', (r) => void (new URL(r.url()).pathname === '/me' && asked++));
      await open(page);
      await signInForm(page).submit.click();
      await waitForText(page.getByRole('alert'), 'Enter your API key.', 'the empty-key message');
      expect(asked).toBe(0);
      expect(await keptInBrowser(page)).toEqual({ session: [], local: [], cookies: 0 });
    });

    it('keeps the tab signed in across a reload until sign-out, which forgets the key', async () => {
      const { page } = await person();
      await signIn(page, KEYS.analyst);
      await page.reload();
      const signedIn = page.getByRole('button', { name: 'Sign out' });
      await signedIn.or(signInForm(page).form).first().waitFor();
      expect(await signedIn.isVisible()).toBe(true);

      await signOut(page);
      expect(await keptInBrowser(page)).toEqual({ session: [], local: [], cookies: 0 });
      await page.reload();
      await signedIn.or(signInForm(page).form).first().waitFor();
      expect(await signInForm(page).form.isVisible()).toBe(true);
      expect(await signedIn.count()).toBe(0);
    });

    it('has no serious or critical accessibility violation, before and after a refused key', async () => {
      const { page } = await person();
      await open(page);
      await signInForm(page).key.waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await submitKey(page, 'not-a-key-of-this-desk');
      expect(await seriousA11yViolations(page)).toEqual([]);
    });

    it('is screenshotted at 1280×800 and 390×844, fitting the phone without sideways scrolling', async () => {
      const { page } = await person();
      await open(page);
      await signInForm(page).key.waitFor();
      const shots = await saveScreenshots(page, 'sign-in');
      expect(shots.map((s) => [s.viewport.width, s.overflowX])).toEqual([[1280, 0], [390, 0]]);
    });
  });

  describe('overview', () => {
    // One viewer's tab, open from the first test to the last: what they see must change only as the log does.
    let viewer: Person;
    const section = (name: string) => viewer.page.getByRole('region', { name });

    beforeAll(async () => {
      viewer = await newPerson(browser, base);
      await signIn(viewer.page, KEYS.viewer);
      await waitUntilLoaded(viewer.page);
      await waitForLive(viewer.page);
    });

    it('shows the seed deal: one pending deal worth USD 45.0bn, and its announcement first in the latest events', async () => {
      const { page } = viewer;
      expect(await page.getByTestId('pending-count').textContent()).toBe('1');
      expect(await page.getByTestId('pending-usd').textContent()).toBe('USD 45.0bn');
      expect(normalized(await section('Pending deals').locator('.figure').textContent())).toBe('1 deal, USD 45.0bn');
      const events = await texts(page.getByTestId('latest-events').locator('li'));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatch(SEED_LINE);
      expect(await page.getByTestId('latest-events').getByRole('link', { name: 'xAI / X Corp.' }).getAttribute('href')).toBe(`#/deals/${seedId}`);
    });

    it('shows the seed deal in the value by year, the quarterly chart and the top acquirers', async () => {
      const { page } = viewer;
      const year = new Date().getUTCFullYear();
      const cell = (period: number) => (period === 2025 ? 'USD 45.0bn (1 deal)' : 'USD 0 (0 deals)');
      const years = section('Value by year');
      expect(await texts(years.locator('thead th'))).toEqual([String(year - 1), String(year)]);
      expect(await texts(years.locator('tbody tr'))).toEqual([
        `Announced${cell(year - 1)}${cell(year)}`,
        `Closed${'USD 0 (0 deals)'.repeat(2)}`,
      ]);

      const chart = page.getByRole('region', { name: `Volume by quarter, ${year - 2}–${year}` });
      const bars = await chart.getByRole('img').getAttribute('aria-label');
      expect(bars).toMatch(new RegExp(`^Announced value in USD by quarter: ${year - 2}-Q1 USD 0, `));
      expect(bars!.split(', ')).toHaveLength(12);
      if (year - 2 <= 2025) expect(bars).toContain('2025-Q1 USD 45.0bn');
      const canvas = await chart.locator('canvas').first().boundingBox();
      expect(canvas?.width).toBeGreaterThan(600);

      expect(await texts(section('Top acquirers, all time').locator('tbody tr'))).toEqual(['1xAI1USD 45.0bn']);
      expect(await texts(section('Top financial advisors, all time').locator('p'))).toEqual(['No deals in this table.']);
    });

    it("shows another person's writes live, without a reload: the latest events and the pending totals move on", async () => {
      const { page } = viewer;
      await markDocument(page);
      const analyst = await person();
      const post = async (path: string, data: object) => {
        const res = await analyst.context.request.post(path, { headers: auth('analyst'), data });
        expect(res.status()).toBe(201);
      };
      const latest = page.getByTestId('latest-events').locator('li');

      await post(`/deals/${seedId}/events`, { type: 'regulatory', occurredOn: '2025-04-15', authority: 'FTC', jurisdiction: 'US', decision: 'approved' });
      // The event names no parties; the line names the deal by them all the same.
      await waitForText(latest, new RegExp(`^Regulatory xAI / X Corp\\. · 2025-04-15 ${byAnalyst}$`), 'the regulatory event at the top of the latest events');
      expect(await page.getByTestId('pending-count').textContent()).toBe('1');

      await post('/deals', microsoftActivision);
      await waitForText(page.getByTestId('pending-count'), '2', 'two pending deals');
      await waitForText(page.getByTestId('pending-usd'), 'USD 113.7bn', 'the pending value of both deals');
      const events = await texts(latest);
      expect(events).toHaveLength(3);
      expect(events[0]).toMatch(new RegExp(String.raw`^Announced Microsoft Corporation / Activision Blizzard, Inc\. · USD 68\.7bn · 2022-01-18 ${byAnalyst}$`));
      expect(events[1]).toMatch(/^Regulatory /);
      expect(events[2]).toMatch(SEED_LINE);
      expect(await sameDocument(page)).toBe(true);
    });

    it('redraws the quarterly chart when its basis changes', async () => {
      const { page } = viewer;
      const chart = page.getByRole('region', { name: /^Volume by quarter/ });
      await chart.getByLabel('Basis').selectOption('closed');
      await waitFor(async () => (await chart.getByRole('img').getAttribute('aria-label'))?.startsWith('Closed value in USD by quarter: ') === true, 'the closed-basis chart');
      await chart.getByLabel('Basis').selectOption('announced');
      await waitFor(async () => (await chart.getByRole('img').getAttribute('aria-label'))?.startsWith('Announced value in USD by quarter: ') === true, 'the announced-basis chart');
      expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    });

    it('has no CSP violation and no console error from sign-in to here', () => {
      expect(viewer.problems.all).toEqual([]);
    });

    it('has no serious or critical accessibility violation', async () => {
      expect(await seriousA11yViolations(viewer.page)).toEqual([]);
    });

    it('is screenshotted at 1280×800 and 390×844, fitting the phone without sideways scrolling', async () => {
      const shots = await saveScreenshots(viewer.page, 'overview');
      const sideways = shots.filter((s) => s.overflowX > 0);
      if (sideways.length) {
        // Say what sticks out, at the phone's size.
        await viewer.page.setViewportSize(sideways[0].viewport);
        throw new Error(`The overview scrolls sideways by ${sideways[0].overflowX}px at ${sideways[0].viewport.width}px: ${(await widerThanViewport(viewer.page)).join('; ')}`);
      }
    });
  });
});
