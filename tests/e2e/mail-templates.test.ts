import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDigest, renderEmail } from '../../src/mail/render-email.js';
import { sampleDigest, sampleViews } from '../unit/mail/sample-views.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.MAIL_SCREENSHOT_DIR ?? tmpdir();

const emails: [string, string][] = [
  ...Object.entries(sampleViews()).map(([kind, view]): [string, string] => [kind, renderEmail(view).html]),
  [
    'external-escalation',
    renderEmail({
      ...sampleViews().escalation!,
      task: { ...sampleViews().escalation!.task, unitName: 'Bảo hiểm xã hội tỉnh', unitKind: 'external', title: 'Chi trả lương hưu, trợ cấp bảo hiểm xã hội qua tài khoản ngân hàng cho người hưởng tại các huyện vùng cao' },
    }).html,
  ],
  ['digest', renderDigest(sampleDigest()).html],
];

let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('emails opened in a phone-sized browser', () => {
  it.each(emails)('%s fits a 375 px screen without horizontal scrolling and loads nothing external', async (name, html) => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(html, { waitUntil: 'load' });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.screenshot({ path: join(SHOTS, `mail-${name}-375.png`), fullPage: true });
    await page.setViewportSize({ width: 800, height: 900 });
    await page.screenshot({ path: join(SHOTS, `mail-${name}-800.png`), fullPage: true });
    const widest = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('table'), (t) => t.getBoundingClientRect().width)));
    await page.close();

    expect(scrollWidth).toBeLessThanOrEqual(375);
    expect(requests).toEqual([]);
    expect(widest).toBeLessThanOrEqual(800);
  });

  it('keeps the content column at 600 px on a wide screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.setContent(renderEmail(sampleViews().overdue!).html);
    const width = await page.evaluate(() => {
      const inner = document.querySelectorAll('table')[1];
      return inner ? inner.getBoundingClientRect().width : 0;
    });
    await page.close();
    expect(width).toBe(600);
  });

  it('shows the acknowledgement link as a visible button with the Vietnamese label', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.setContent(renderEmail(sampleViews().overdue!).html);
    const button = page.getByRole('link', { name: 'Xác nhận đã tiếp nhận' });
    await expect(button.isVisible()).resolves.toBe(true);
    await expect(button.getAttribute('href')).resolves.toMatch(/^https:\/\/da06\.example\.gov\.vn\/ack\//);
    await page.close();
  });
});
