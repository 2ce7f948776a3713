import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signAckToken } from '../../src/engine/links/ack-token.js';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { startWorker, type RunningWorker } from '../../src/engine/jobs/worker.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { startHttpServer, type RunningHttpServer } from '../../src/monitor/http-server.js';
import { launchChromium } from '../support/chromium.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';

const USER = 'vanhanh';
const PASSWORD = 'mat-khau-thu';
const ACK_SECRET = 'browser-test-secret-16+';
const DAY = 86_400_000;
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';

describe('the dashboard in Chromium', () => {
  let h: Harness;
  let server: RunningHttpServer;
  let worker: RunningWorker;
  let browser: Browser;
  let outbox: string;

  beforeAll(async () => {
    outbox = mkdtempSync(path.join(tmpdir(), 'da06-browser-'));
    h = await createHarness('browser-dashboard', { DASHBOARD_USER: USER, DASHBOARD_PASSWORD: PASSWORD, ACK_SECRET });
    const now = Date.now();
    const longPolicy = { ...SECONDS_POLICY, remindBefore: ['P7D'], escalateToChairmanAfter: 'P3D' };
    await h.addTasks([
      {
        code: 'HG-2024-01',
        title: 'Tỷ lệ hồ sơ trực tuyến toàn trình trên Cổng dịch vụ công tỉnh',
        start: now - 90 * DAY,
        deadline: now + 90 * DAY,
        policy: longPolicy,
        indicator: { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 40, target: 80, direction: 'increase' },
      },
      { code: 'HG-2024-02', title: 'Kết nối Cổng dịch vụ công với Hệ thống định danh điện tử', deadline: now + 1000 },
      { code: 'HG-2024-03', title: 'Làm sạch dữ liệu bảo hiểm xã hội', unitCode: 'BHXH', deadline: now + 30 * DAY, policy: longPolicy },
      { code: 'HG-2024-04', title: 'Cấp căn cước cho công dân đủ điều kiện', unitCode: 'CA', deadline: now + 30 * DAY, policy: longPolicy },
      { code: 'HG-2024-05', title: 'Số hóa hồ sơ hộ tịch', deadline: now + 1000, policy: longPolicy },
    ]);
    for (const [daysAgo, value] of [[75, 45], [50, 52], [20, 58], [3, 63]] as const) {
      await dispatch(h.engine, 'HG-2024-01', { type: 'PROGRESS_REPORTED', at: now - daysAgo * DAY, value }, { actor: 'cli' });
    }
    await dispatch(h.engine, 'HG-2024-04', { type: 'COMPLETED', at: now }, { actor: 'cli' });
    worker = startWorker(h.engine, { transport: createMailTransport({ outboxDir: outbox }) });
    await worker.ready;
    // HG-2024-02 reaches the chairman (PT3S after the head); HG-2024-05 stays with its head.
    await vi.waitFor(
      async () => {
        const levels = await h.engine.prisma.task.findMany({ where: { code: { in: ['HG-2024-02', 'HG-2024-05'] } }, orderBy: { code: 'asc' } });
        expect(levels.map((t) => t.escalationLevel)).toEqual(['chairman', 'head']);
      },
      { timeout: 30_000, interval: 250 },
    );
    server = await startHttpServer(h.engine, 0);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await server?.close();
    await h?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const signedIn = () => browser.newPage({ httpCredentials: { username: USER, password: PASSWORD }, viewport: { width: 1280, height: 900 } });

  it('shows the province in the status classes, the ranked units and the escalated tasks', async () => {
    const page = await signedIn();
    const res = await page.goto(`${server.url}/`);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Tổng quan Tỉnh Thử nghiệm');
    expect(await page.locator('.status-card').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Đang thực hiện trong hạn'), expect.stringContaining('Hoàn thành đúng hạn'), expect.stringContaining('Đã hủy')]),
    );
    expect(await page.locator('table.units tbody tr').count()).toBe(3);
    expect(await page.locator('table.escalated-chairman a').allTextContents()).toEqual(['HG-2024-02']);
    expect(await page.locator('table.escalated-head a').allTextContents()).toEqual(['HG-2024-05']);
    await page.screenshot({ path: `${SHOTS}/da06-overview.png`, fullPage: true });
    await page.close();
  });

  it('shows the chairman what to read first: bars per unit, and the follow-up counts that link to their lists', async () => {
    const now = Date.now();
    await dispatch(h.engine, 'HG-2024-03', { type: 'OBSTACLE_RAISED', at: now, description: '<script>alert(1)</script> Thiếu dữ liệu', needs: null, by: 'giamdoc.bhxh@example.gov.vn' }, { actor: 'giamdoc.bhxh@example.gov.vn', channel: 'cli' });
    await dispatch(h.engine, 'HG-2024-01', { type: 'COMPLETION_SUBMITTED', at: now, document: 'Báo cáo 3/BC', note: null, by: 'giamdoc.stttt@example.gov.vn' }, { actor: 'giamdoc.stttt@example.gov.vn', channel: 'cli' });
    const page = await signedIn();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/`);
    expect(await page.locator('#unit-chart g.unit-bar').count()).toBe(3);
    expect(await page.locator('#unit-chart g.unit-bar[data-unit="STTTT"] rect').count()).toBeGreaterThanOrEqual(2);
    const card = page.locator('.attention .card', { hasText: 'Vướng mắc chưa tháo gỡ' });
    expect(await card.locator('.n').textContent()).toBe('1');
    expect(await page.locator('.attention .card', { hasText: 'Hoàn thành chờ xác nhận' }).locator('.n').textContent()).toBe('1');
    await card.locator('a').click();
    await expect.poll(() => page.url()).toMatch(/#open-obstacles$/);
    expect(await page.locator('table.open-obstacles tbody td').nth(1).textContent()).toContain('<script>alert(1)</script> Thiếu dữ liệu');
    expect(await page.locator('table.awaiting-confirmation a').allTextContents()).toEqual(['HG-2024-01']);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/da06-overview-follow-up.png`, fullPage: true });
    await page.close();
    // Back as it was for the tests below.
    await dispatch(h.engine, 'HG-2024-01', { type: 'COMPLETION_RETURNED', at: Date.now(), reason: 'Kiểm tra lại', by: 'giamdoc.ca@example.gov.vn' }, { actor: 'giamdoc.ca@example.gov.vn', channel: 'cli' });
  });

  it('shows a task with its timeline and the chart of its indicator', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/`);
    await page.goto(`${server.url}/tasks/HG-2024-01`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('HG-2024-01');
    const chart = page.locator('svg.indicator-chart');
    expect(await chart.locator('circle.report-point').count()).toBe(4);
    expect(await chart.locator('circle.report-point').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-value')))).toEqual(['45', '52', '58', '63']);
    expect(await chart.locator('line.planned').count()).toBe(1);
    expect(await chart.locator('line.target').count()).toBe(1);
    expect(await chart.locator('circle.forecast-point').count()).toBe(1);
    expect(await page.locator('table.timeline tr.event').count()).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: `${SHOTS}/da06-task-chart.png`, fullPage: true });

    await page.goto(`${server.url}/tasks/HG-2024-02`);
    await expect.poll(() => page.locator('table.timeline tr.email').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.reload().then(() => page.locator('table.timeline tr.email .badge.ok').count()), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${SHOTS}/da06-task-escalated.png`, fullPage: true });
    await page.close();
  });

  it('opens a unit from the ranking: its head and contact by term, its open tasks, each linked to its page', async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/`);
    await page.locator('table.units a', { hasText: 'Sở Thông tin và Truyền thông' }).click();
    await expect.poll(() => page.url()).toMatch(/\/units\/STTTT$/);
    expect(await page.locator('h1').textContent()).toBe('Sở Thông tin và Truyền thông (STTTT)');
    expect(await page.locator('dl.facts').textContent()).toContain('Sở, ban, ngành');
    const head = await page.locator('h2#heads + table.terms tbody tr').allTextContents();
    expect(head).toEqual([expect.stringMatching(/Thủ trưởng STTTT.*Đương nhiệm.*Giám đốc.*giamdoc\.stttt@example\.gov\.vn.*trước khi có da06.*nay/s)]);
    expect(await page.locator('h2#contacts + table.terms tbody').textContent()).toContain('daumoi.stttt@example.gov.vn');
    expect(await page.locator('table.open-tasks td.code a').allTextContents()).toEqual(['HG-2024-01', 'HG-2024-02', 'HG-2024-05']);
    expect(await page.locator('table.open-tasks tr', { hasText: 'HG-2024-02' }).textContent()).toContain('Đã báo cáo Chủ tịch UBND tỉnh');
    await page.screenshot({ path: `${SHOTS}/da06-unit.png`, fullPage: true });

    await page.locator('table.open-tasks a', { hasText: 'HG-2024-02' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('HG-2024-02');
    await page.locator('dl.facts a', { hasText: 'Sở Thông tin và Truyền thông' }).click();
    await expect.poll(() => page.url()).toMatch(/\/units\/STTTT$/);

    const missing = await page.goto(`${server.url}/units/${encodeURIComponent('<b>KHONGCO</b>')}`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy đơn vị <b>KHONGCO</b>');
    expect(await page.locator('h1 b').count()).toBe(0);
    await page.close();
  });

  it('opens Bull Board at /queues with both queues', async () => {
    const page = await signedIn();
    const res = await page.goto(`${server.url}/queues`);
    expect(res?.status()).toBe(200);
    await page.getByText('timers', { exact: false }).first().waitFor({ timeout: 15_000 });
    await page.getByText('mail', { exact: false }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/da06-queues.png`, fullPage: true });
    await page.close();
  });

  it('challenges a browser without credentials', async () => {
    const page = await browser.newPage();
    const challenged = page.waitForResponse(`${server.url}/`);
    // Headless Chromium has nobody to type a password, so it cancels the challenge and the navigation fails.
    await page.goto(`${server.url}/`).catch((error: Error) => expect(error.message).toMatch(/ERR_INVALID_AUTH_CREDENTIALS/));
    const res = await challenged;
    expect(res.status()).toBe(401);
    expect(res.headers()['www-authenticate']).toMatch(/^Basic realm="da06"/);
    await page.close();
  });

  it('lets the head acknowledge from the link in the email, without logging in', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 800 } });
    const token = signAckToken({ task: 'HG-2024-05', notice: 'n', by: 'giamdoc.stttt@example.gov.vn', exp: Date.now() + DAY }, ACK_SECRET);
    await page.goto(`${server.url}/ack/${token}`);
    await page.screenshot({ path: `${SHOTS}/da06-ack-confirm.png`, fullPage: true });
    await page.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Đã ghi nhận việc tiếp nhận');
    await page.screenshot({ path: `${SHOTS}/da06-ack-done.png`, fullPage: true });
    expect(await h.engine.prisma.taskEvent.count({ where: { type: 'ACKNOWLEDGED' } })).toBe(1);
    await page.close();
  });
});
