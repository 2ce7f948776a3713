import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceLinksFor } from '../../src/cli/actions/link.js';
import { taskDetails } from '../../src/cli/actions/task-show.js';
import { startWorker, type RunningWorker } from '../../src/engine/jobs/worker.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { startHttpServer, type RunningHttpServer } from '../../src/monitor/http-server.js';
import { launchChromium } from '../support/chromium.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const ACK_SECRET = 'workspace-browser-secret-16+';
const HEAD = 'giamdoc.stttt@example.gov.vn';
const STANDING = 'giamdoc.ca@example.gov.vn';
const DAY = 86_400_000;
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';
const LONG_POLICY = { ...SECONDS_POLICY, remindBefore: ['P7D'], escalateToChairmanAfter: 'P3D' };
const INDICATOR = { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 40, target: 80, direction: 'increase' as const };

/** A free TCP port on loopback, so PUBLIC_URL (which the Origin check compares with) can name the server before it starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Closes what a describe opened, in order; a part that never opened is skipped. */
async function closeInOrder(...parts: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const part of parts) await part?.close();
}

describe('the workspace in Chromium, on a phone-sized screen', () => {
  let h: Harness;
  let server: RunningHttpServer;
  let browser: Browser;
  const linkOf = async (email: string) => (await workspaceLinksFor(h.engine, email))[0]?.url as string;
  const card = (page: Page, code: string) => page.locator(`#task-${code}`);
  /** Unfolds the form of `action` inside `scope` and returns it. */
  const unfold = async (scope: ReturnType<Page['locator']>, action: string) => {
    const form = scope.locator(`form[data-action="${action}"]`);
    await scope.locator(`details:has(form[data-action="${action}"]) > summary`).click();
    return form;
  };
  const openPhone = () => browser.newPage({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

  beforeAll(async () => {
    const port = await freePort();
    h = await createHarness('workspace-browser', { ACK_SECRET, PUBLIC_URL: `http://127.0.0.1:${port}` });
    const now = Date.now();
    await h.addTasks([
      { code: 'E-REP', title: 'Tỷ lệ hồ sơ trực tuyến toàn trình', start: now - 60 * DAY, deadline: now + 60 * DAY, policy: LONG_POLICY, indicator: INDICATOR },
      { code: 'E-LATE', title: 'Làm sạch dữ liệu dân cư', start: now - 60 * DAY, deadline: now - 5 * DAY, policy: LONG_POLICY },
      { code: 'E-SUB1', title: 'Kết nối Cổng dịch vụ công', start: now - 60 * DAY, deadline: now + 20 * DAY, policy: LONG_POLICY },
      { code: 'E-SUB2', title: 'Cấp tài khoản định danh mức 2', start: now - 60 * DAY, deadline: now + 30 * DAY, policy: LONG_POLICY },
    ]);
    server = await startHttpServer(h.engine, port);
    browser = await launchChromium();
  });

  afterAll(() => closeInOrder(browser, server, h));

  it('lets the head report, explain, raise an obstacle and submit completions from the link, reading each on the page', async () => {
    const page = await openPhone();
    const res = await page.goto(await linkOf(HEAD));
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Không gian làm việc — Sở Thông tin và Truyền thông');
    // Most urgent first: the overdue task heads the list.
    expect(await page.locator('article.ws-task').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['E-LATE', 'E-SUB1', 'E-SUB2', 'E-REP']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}/da06-workspace-phone.png`, fullPage: true });

    const rep = card(page, 'E-REP');
    const report = await unfold(rep, 'report');
    await report.getByLabel('Giá trị chỉ tiêu').fill('62,5');
    await report.getByLabel('Ghi chú').fill('Số liệu đến hết tháng');
    await report.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('Đã ghi nhận báo cáo tiến độ (nhiệm vụ E-REP)');
    expect(await card(page, 'E-REP').locator('.last-report').textContent()).toMatch(/^62,5% ngày/);
    expect(await card(page, 'E-REP').locator('svg.indicator-chart circle.report-point').count()).toBe(1);

    const late = card(page, 'E-LATE');
    const explain = await unfold(late, 'explain');
    await explain.getByLabel('Nguyên nhân').fill('<script>alert(1)</script> Thiếu kinh phí');
    await explain.getByLabel('Giải pháp khắc phục').fill('Đề nghị bổ sung kinh phí trong quý');
    await explain.getByLabel('Ngày cam kết hoàn thành').fill('31/12/2030');
    await explain.getByRole('button', { name: 'Giải trình' }).click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('Đã ghi nhận nội dung giải trình');
    const explanation = card(page, 'E-LATE').locator('li.explanation');
    expect(await explanation.textContent()).toContain('<script>alert(1)</script> Thiếu kinh phí');
    expect(await explanation.textContent()).toContain('cam kết hoàn thành trước 31/12/2030');

    const obstacle = await unfold(card(page, 'E-LATE'), 'obstacle');
    await obstacle.getByLabel('Nội dung khó khăn, vướng mắc').fill('Chưa có đường truyền số liệu chuyên dùng');
    await obstacle.getByLabel('Đề xuất, kiến nghị').fill('Đề nghị Sở TTTT hỗ trợ');
    await obstacle.getByRole('button', { name: 'Báo cáo khó khăn, vướng mắc' }).click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('Đã gửi khó khăn, vướng mắc');
    expect(await card(page, 'E-LATE').locator('li.obstacle.open').textContent()).toContain('Chưa có đường truyền số liệu chuyên dùng');

    for (const code of ['E-SUB1', 'E-SUB2']) {
      const submit = await unfold(card(page, code), 'submit');
      await submit.getByLabel('Số, ký hiệu văn bản').fill(`12/BC-${code}`);
      await submit.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
      await expect.poll(() => page.locator('#flash').textContent()).toContain('chờ cơ quan thường trực xác nhận');
      expect(await card(page, code).locator('ul.asks').textContent()).toContain('Chờ xác nhận hoàn thành');
    }
    await page.screenshot({ path: `${SHOTS}/da06-workspace-answered.png`, fullPage: true });

    const shown = await taskDetails(h.engine, 'E-LATE');
    expect(shown.explanations).toEqual([expect.objectContaining({ cause: '<script>alert(1)</script> Thiếu kinh phí', commitDate: '2030-12-31', by: HEAD })]);
    expect(shown.obstacles).toEqual([expect.objectContaining({ id: 'E-LATE-V1', state: 'open', needs: 'Đề nghị Sở TTTT hỗ trợ' })]);
    expect((await taskDetails(h.engine, 'E-SUB1')).awaitingConfirmation).toBe(true);
    await page.close();
  });

  it('lets the standing agency confirm one completion, return another and answer the obstacle', async () => {
    const page = await openPhone();
    await page.goto(await linkOf(STANDING));
    expect(await page.locator('section.confirmations article').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['E-SUB1', 'E-SUB2']);
    await page.screenshot({ path: `${SHOTS}/da06-workspace-standing.png`, fullPage: true });

    await page.locator('#confirm-E-SUB1').getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('Đã xác nhận hoàn thành nhiệm vụ (nhiệm vụ E-SUB1)');

    const second = page.locator('#confirm-E-SUB2');
    const back = await unfold(second, 'return');
    await back.getByLabel('Lý do trả lại').fill('Chưa kèm biên bản nghiệm thu');
    await back.getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('Đã trả lại báo cáo hoàn thành');
    expect(await page.locator('section.confirmations article').count()).toBe(0);

    const answer = await unfold(page.locator('[data-obstacle="E-LATE-V1"]'), 'resolve-obstacle');
    await answer.getByLabel('Nội dung trả lời').fill('Đã đề nghị VNPT lắp đặt trong tuần');
    await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('Đã gửi trả lời vướng mắc');
    expect(await page.locator('section.open-obstacles article').count()).toBe(0);
    await page.close();

    const confirmed = await taskDetails(h.engine, 'E-SUB1');
    expect(confirmed.state).toBe('completed');
    const returned = await taskDetails(h.engine, 'E-SUB2');
    expect(returned.awaitingConfirmation).toBe(false);
    expect(returned.state).toBe('active.onTrack');

    const head = await openPhone();
    await head.goto(await linkOf(HEAD));
    expect(await head.locator('article.ws-task').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['E-LATE', 'E-SUB2', 'E-REP']);
    expect(await card(head, 'E-SUB2').locator('.returned').textContent()).toContain('Chưa kèm biên bản nghiệm thu');
    expect(await card(head, 'E-LATE').locator('li.obstacle.resolved').textContent()).toContain('Đã đề nghị VNPT lắp đặt trong tuần');
    await head.close();
  });
});

describe('the workspace opened from the link in a real sent email', () => {
  let h: Harness;
  let server: RunningHttpServer;
  let smtp: SmtpSink;
  let worker: RunningWorker;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    smtp = await startSmtpSink();
    h = await createHarness('workspace-mail', { ACK_SECRET, PUBLIC_URL: `http://127.0.0.1:${port}`, SMTP_URL: smtp.url });
    await h.addTasks([{ code: 'E-MAIL', title: 'Cập nhật dữ liệu hộ tịch', deadline: Date.now() + 1500, policy: { ...SECONDS_POLICY, escalateToChairmanAfter: 'PT1H' } }]);
    worker = startWorker(h.engine, { transport: createMailTransport({ smtpUrl: smtp.url, outboxDir: '/nonexistent' }) });
    await worker.ready;
    server = await startHttpServer(h.engine, port);
    browser = await launchChromium();
  });
  afterAll(() => closeInOrder(browser, worker, server, h, smtp));

  it('takes the head from the overdue email to the explanation asked for, recorded through the page', async () => {
    const isOverdueToHead = (m: SmtpSink['messages'][number]) => m.headers.get('x-da06-kind') === 'overdue' && m.envelopeTo.includes(HEAD);
    const overdue = (await smtp.waitFor((ms) => ms.some(isOverdueToHead), 20_000)).find(isOverdueToHead);
    const link = /http:\/\/127\.0\.0\.1:\d+\/w\/[\w-]+\.[\w-]+/.exec(overdue?.text ?? '')?.[0];
    expect(link, overdue?.text).toBeDefined();
    expect(overdue?.html).toContain(`href="${link}"`);

    const page = await browser.newPage({ viewport: { width: 360, height: 780 }, isMobile: true });
    await page.goto(link as string);
    const task = page.locator('#task-E-MAIL');
    expect(await task.locator('ul.asks').textContent()).toMatch(/Đề nghị giải trình trước \d{2}\/\d{2}\/\d{4}/);
    await task.locator('details:has(form[data-action="explain"]) > summary').click();
    const form = task.locator('form[data-action="explain"]');
    await form.getByLabel('Nguyên nhân').fill('Chưa được cấp tài khoản hệ thống');
    await form.getByLabel('Giải pháp khắc phục').fill('Đã đề nghị Công an tỉnh cấp tài khoản');
    await form.getByLabel('Ngày cam kết hoàn thành').fill('15/01/2031');
    await form.getByRole('button', { name: 'Giải trình' }).click();
    await expect.poll(() => page.locator('#flash').textContent()).toContain('Đã ghi nhận nội dung giải trình');
    // What is still asked is the head's acknowledgement, no longer the explanation.
    expect(await page.locator('#task-E-MAIL ul.asks').textContent()).not.toContain('giải trình');
    await page.close();
    expect((await taskDetails(h.engine, 'E-MAIL')).explanations).toEqual([expect.objectContaining({ cause: 'Chưa được cấp tài khoản hệ thống', commitDate: '2031-01-15', by: HEAD })]);
  });
});

describe('the workspace in Chromium, past its hourly limit of forms', () => {
  let h: Harness;
  let server: RunningHttpServer;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    h = await createHarness('workspace-limit', { ACK_SECRET, PUBLIC_URL: `http://127.0.0.1:${port}`, WORKSPACE_POSTS_PER_HOUR: '2' });
    const now = Date.now();
    await h.addTasks([{ code: 'L-REP', title: 'Tỷ lệ hồ sơ trực tuyến toàn trình', start: now - 60 * DAY, deadline: now + 60 * DAY, policy: LONG_POLICY, indicator: INDICATOR }]);
    server = await startHttpServer(h.engine, port);
    browser = await launchChromium();
  });

  afterAll(() => closeInOrder(browser, server, h));

  it('refuses the third form of the hour with a 429 page that keeps what was typed, and records only two', async () => {
    const page = await browser.newPage();
    await page.goto((await workspaceLinksFor(h.engine, HEAD))[0]?.url as string);
    const report = async (value: string, note: string) => {
      const card = page.locator('#task-L-REP');
      const form = card.locator('form[data-action="report"]');
      if (!(await form.isVisible())) await card.locator('details:has(form[data-action="report"]) > summary').click();
      await form.getByLabel('Giá trị chỉ tiêu').fill(value);
      await form.getByLabel('Ghi chú').fill(note);
      const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.getByRole('button', { name: 'Báo cáo tiến độ' }).click()]);
      await page.waitForLoadState();
      return response.status();
    };
    expect(await report('55', 'Tháng 10')).toBe(303);
    expect(await report('58', 'Tháng 11')).toBe(303);
    expect(await report('61,5', '<b>Tháng 12</b>')).toBe(429);
    await expect.poll(() => page.locator('#problems').textContent()).toContain('trong một giờ qua, đường dẫn này đã gửi đủ 2 lần');
    expect(await page.locator('#problems').textContent()).toMatch(/gửi lại sau khoảng \d+ phút/);
    // What was typed is still in the form, as typed (and escaped, not markup).
    const form = page.locator('#task-L-REP form[data-action="report"]');
    expect(await form.isVisible()).toBe(true);
    expect(await form.getByLabel('Giá trị chỉ tiêu').inputValue()).toBe('61,5');
    expect(await form.getByLabel('Ghi chú').inputValue()).toBe('<b>Tháng 12</b>');
    expect((await taskDetails(h.engine, 'L-REP')).reports.map((r) => r.value)).toEqual([55, 58]);
    await page.close();
  });
});
