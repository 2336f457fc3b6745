import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/people.js';
import { TEST_DB } from '../support/database.js';
import { expectAccessible, startDemoServer, type DemoServer } from '../support/browser.js';
import { startMailbox, tokenFrom, type Mailbox } from '../support/mailbox.js';

let server: DemoServer;
let mailbox: Mailbox;
let browser: Browser;
let base: string;

const OIDC_LABEL = 'Inloggen met de testorganisatie';

beforeAll(async () => {
  mailbox = await startMailbox();
  server = await startDemoServer({
    SMTP_URL: mailbox.url,
    // OpenID Connect is offered, but the provider cannot be reached: starting the flow ends in ?fout=oidc-mislukt.
    OIDC_ISSUER: 'http://127.0.0.1:1',
    OIDC_CLIENT_ID: 'verenigd-test',
    OIDC_CLIENT_SECRET: 'verenigd-test-secret',
    OIDC_LABEL,
  });
  ({ browser, base } = server);
});
afterAll(async () => {
  await server?.close();
  await mailbox?.close();
});

const h1 = (page: Page) => page.locator('h1').textContent();

/** A code from the authenticator app for the given secret. */
const codeFor = (secret: string, timestamp = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp });

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

describe(`sign-in, password and my profile in a browser (${TEST_DB})`, () => {
  it('shows the mayor her office, sets up two-step verification and asks for the code at the next sign-in', async () => {
    const email = 'burgemeester.utrecht@verenigd.demo';
    const page = await browser.newPage();

    // Signed out, the page points to the sign-in page and comes back after it.
    await page.goto(`${base}/mijn-profiel`);
    await expect.poll(() => page.getByText('Log in om uw profiel te zien.').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('main').getByRole('link', { name: 'Inloggen' }).click();
    await expect.poll(() => page.url()).toContain('/inloggen?terug=%2Fmijn-profiel');
    await signIn(page, email);
    await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${base}/mijn-profiel`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Mijn profiel');
    expect(await page.locator('header').getByRole('link', { name: 'Mijn profiel' }).count()).toBe(1);

    // Her office: mayor of Utrecht, designated to act for it.
    const row = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: 'Utrecht', exact: true }) });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    const cells = await row.locator('th, td').allTextContents();
    expect(cells[1]).toBe('burgemeester');
    expect(cells[4]).toBe('ja');
    expect(await page.getByRole('columnheader', { name: 'Mag namens dit lid optreden' }).count()).toBe(1);
    expect(await row.getByRole('link', { name: 'Utrecht' }).getAttribute('href')).toMatch(/^\/leden\/[0-9a-f-]{36}$/);
    expect(await page.getByText('Els Bakker', { exact: true }).count()).toBe(1);
    await expectAccessible(page);

    // Set up TOTP: QR code, the secret for manual entry, and a code from the "app".
    await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
    await expect.poll(() => page.getByRole('img', { name: 'QR-code voor uw authenticator-app' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Authenticator-app koppelen');
    const secret = ((await page.locator('main code').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessible(page);
    // Turning it on asks for the current password as well as the code.
    const totpSection = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Tweestapsverificatie', level: 2 }) });
    await totpSection.getByLabel('Code', { exact: true }).fill(codeFor(secret));
    await totpSection.getByRole('button', { name: 'Bevestigen' }).click();
    await expect.poll(() => totpSection.getByRole('alert').filter({ hasText: 'Vul uw huidige wachtwoord in.' }).count(), { timeout: 15_000 }).toBe(1);
    await totpSection.getByLabel('Huidig wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await totpSection.getByRole('button', { name: 'Bevestigen' }).click();
    await expect.poll(() => page.getByText('Tweestapsverificatie staat aan.', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'Tweestapsverificatie staat nu aan.' }).count()).toBe(1);

    // Sign out, and in again: the password alone is not enough.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect.poll(() => page.locator('header').getByRole('link', { name: 'Inloggen' }).count(), { timeout: 15_000 }).toBe(1);
    await page.goto(`${base}/inloggen?terug=/mijn-profiel`);
    await signIn(page, email);
    const code = page.getByLabel('Code uit uw authenticator-app');
    await expect.poll(() => code.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => code.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await expectAccessible(page);

    // A code in the wrong shape is refused before it is sent.
    await code.fill('12345');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Vul de 6 cijfers uit de app in.' }).count()).toBe(1);

    // The code the confirmation used cannot be replayed: take the next 30-second step's code (within the server's window).
    await code.fill(codeFor(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toBe(`${base}/mijn-profiel`);
    await expect.poll(() => page.getByText('Tweestapsverificatie staat aan.', { exact: true }).count(), { timeout: 15_000 }).toBe(1);

    // And off again, with the current password.
    await totpSection.getByLabel('Huidig wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Uitzetten' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Tweestapsverificatie staat nu uit.' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).count()).toBe(1);
    await page.close();
  });

  it('makes an API token with an expiry and the current password, lists and revokes it, and changes the e-mail address', async () => {
    const email = 'wethouder.utrecht@verenigd.demo';
    const page = await browser.newPage();
    await page.goto(`${base}/inloggen?terug=/mijn-profiel`);
    await signIn(page, email);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Mijn profiel');
    const tokens = page.locator('section').filter({ has: page.getByRole('heading', { name: 'API-tokens', level: 2 }) });
    await expect.poll(() => tokens.getByText('U heeft geen API-tokens.').count(), { timeout: 15_000 }).toBe(1);

    await tokens.getByLabel('Naam', { exact: true }).fill('koppeling zaaksysteem');
    await tokens.getByLabel('Geldig (dagen)', { exact: true }).fill('30');
    await tokens.getByLabel('Huidig wachtwoord', { exact: true }).fill('niet het wachtwoord');
    await tokens.getByRole('button', { name: 'Token maken' }).click();
    await expect.poll(() => tokens.getByRole('alert').filter({ hasText: 'Het huidige wachtwoord klopt niet.' }).count(), { timeout: 15_000 }).toBe(1);
    await tokens.getByLabel('Huidig wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await tokens.getByRole('button', { name: 'Token maken' }).click();
    await expect
      .poll(() => tokens.getByRole('status').textContent(), { timeout: 15_000 })
      .toContain('Het token koppeling zaaksysteem is gemaakt en verloopt op');
    expect(((await tokens.locator('code').textContent()) ?? '').trim()).toMatch(/^vrd_/);
    const row = tokens.locator('tbody tr').filter({ hasText: 'koppeling zaaksysteem' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    const expiry = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + 30 * 86_400_000));
    expect((await row.locator('td').allTextContents())[1]).toContain(expiry);
    await expectAccessible(page);
    await row.getByRole('button', { name: 'koppeling zaaksysteem intrekken' }).click();
    await expect.poll(() => tokens.getByText('U heeft geen API-tokens.').count(), { timeout: 15_000 }).toBe(1);

    // A new e-mail address, confirmed with the current password; the old one hears of it.
    const emailSection = page.locator('section').filter({ has: page.getByRole('heading', { name: 'E-mailadres wijzigen', level: 2 }) });
    const next = 'm.devries@utrecht.example';
    await emailSection.getByLabel('Nieuw e-mailadres', { exact: true }).fill(next);
    await emailSection.getByLabel('Huidig wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await emailSection.getByRole('button', { name: 'E-mailadres wijzigen' }).click();
    await expect.poll(() => emailSection.getByRole('status').textContent(), { timeout: 15_000 }).toContain(`Uw e-mailadres is gewijzigd in ${next}.`);
    expect((await mailbox.next(email, 15_000)).subject).toBe('Uw e-mailadres in Verenigd is gewijzigd');
    await expect.poll(() => page.getByText(next, { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('sends a reset link from "Wachtwoord vergeten" and sets a new password with it', async () => {
    const email = 'raadslid.utrecht@verenigd.demo';
    const page = await browser.newPage();
    await page.goto(`${base}/inloggen`);
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Wachtwoord vergeten');
    await page.getByLabel('E-mailadres', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Link versturen' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe('Als dit adres bij ons bekend is, ontvangt u binnen enkele minuten een e-mail met een link.');
    await expectAccessible(page);

    const token = tokenFrom(await mailbox.next(email, 15_000));
    await page.goto(`${base}/wachtwoord#token=${encodeURIComponent(token)}`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Wachtwoord instellen');
    const fresh = 'een nieuw en lang wachtwoord';
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(fresh);
    await page.getByLabel('Herhaal het nieuwe wachtwoord', { exact: true }).fill(fresh);
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect.poll(() => page.getByText('Uw wachtwoord is ingesteld').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Uw wachtwoord is ingesteld');
    await expectAccessible(page);

    await page.locator('main').getByRole('link', { name: 'Naar inloggen' }).click();
    await signIn(page, email, fresh);
    await expect.poll(() => page.locator('header').getByText('Ingelogd als Noor Visser').count(), { timeout: 15_000 }).toBe(1);
    await page.close();
  });

  it("checks the repeated password and shows the server's answer to a bogus link", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/wachtwoord#token=${'x'.repeat(43)}`);
    await expect.poll(() => h1(page), { timeout: 15_000 }).toBe('Wachtwoord instellen');
    const password = page.getByLabel('Nieuw wachtwoord', { exact: true });
    expect(await password.getAttribute('autocomplete')).toBe('new-password');
    await password.fill('lang genoeg wachtwoord');
    await page.getByLabel('Herhaal het nieuwe wachtwoord', { exact: true }).fill('iets anders');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'De twee wachtwoorden zijn niet gelijk.' }).count(), { timeout: 15_000 }).toBe(1);

    await page.getByLabel('Herhaal het nieuwe wachtwoord', { exact: true }).fill('lang genoeg wachtwoord');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Deze link is ongeldig, al gebruikt of verlopen.' }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await page.getByRole('link', { name: 'Nieuwe link aanvragen' }).count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });

  it('offers OpenID Connect and explains when it fails', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/inloggen?terug=/mijn-profiel`);
    const button = page.getByRole('link', { name: OIDC_LABEL });
    await expect.poll(() => button.count(), { timeout: 15_000 }).toBe(1);
    expect(await button.getAttribute('href')).toBe('/api/v1/session/oidc?terug=%2Fmijn-profiel');
    await expectAccessible(page);

    // The provider cannot be reached: the server sends the browser back with ?fout=oidc-mislukt.
    await button.click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Inloggen via de identiteitsprovider is mislukt. Probeer het opnieuw.' }).count(), {
        timeout: 15_000,
      })
      .toBe(1);

    await page.goto(`${base}/inloggen?fout=oidc-onbekend`);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Er is geen account gekoppeld aan deze inlog.' }).count(), { timeout: 15_000 }).toBe(1);
    await page.close();
  });
});
