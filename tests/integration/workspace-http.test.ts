import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspaceLinksFor } from '../../src/cli/actions/link.js';
import { signAckToken } from '../../src/engine/links/ack-token.js';
import { dispatch } from '../../src/engine/write/dispatch.js';
import { startWorker, type RunningWorker } from '../../src/engine/jobs/worker.js';
import { signWorkspaceToken, verifyWorkspaceToken } from '../../src/engine/links/workspace-token.js';
import { formatDate } from '../../src/domain/vietnamese-format.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { startHttpServer, type RunningHttpServer } from '../../src/monitor/http-server.js';
import { workspaceCsrf } from '../../src/monitor/workspace-csrf.js';
import { importSeed } from '../../src/seed/import-seed.js';
import { validateSeed } from '../../src/seed/validate-seed.js';
import { validSeed } from '../e2e/fixtures/seed-cases.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';

const ACK_SECRET = 'workspace-http-secret-0123';
const PUBLIC_URL = 'https://da06.example.gov.vn';
const HEAD = 'giamdoc.stttt@example.gov.vn';
const CONTACT = 'daumoi.stttt@example.gov.vn';
const STANDING = 'giamdoc.ca@example.gov.vn';
const OTHER_HEAD = 'giamdoc.bhxh@example.gov.vn';
const DAY = 86_400_000;
const SCRIPT = '<script>alert("x")</script> Chưa bố trí kinh phí';
const LONG_POLICY = { ...SECONDS_POLICY, remindBefore: ['P7D'], escalateToChairmanAfter: 'P3D' };
const INDICATOR = { name: 'Tỷ lệ hồ sơ trực tuyến', unit: '%', baseline: 40, target: 80, direction: 'increase' as const };

let nonces = 0;
const nonce = () => `nonce-${Date.now().toString(36)}-${(nonces += 1).toString().padStart(6, '0')}`;
const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

describe('the workspace of an official over HTTP', () => {
  let h: Harness;
  let server: RunningHttpServer;
  /** Path `/w/<token>` of each official's workspace. */
  const home: Record<string, string> = {};
  const tokenOf = (email: string) => (home[email] as string).slice('/w/'.length);
  const counts = async () => ({ events: await h.engine.prisma.taskEvent.count(), notifications: await h.engine.prisma.notification.count() });

  const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });
  interface PostOptions {
    csrf?: string | null;
    contentType?: string;
    origin?: string;
    body?: string;
  }
  /** Posts a form of `email`'s workspace with its csrf and a fresh nonce unless told otherwise. */
  const post = (email: string, path: string, fields: Record<string, string | string[]>, options: PostOptions = {}) => {
    const form = new URLSearchParams();
    const csrf = options.csrf === undefined ? workspaceCsrf(tokenOf(email), ACK_SECRET) : options.csrf;
    if (csrf !== null) form.append('csrf', csrf);
    if (!('nonce' in fields)) form.append('nonce', nonce());
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' };
    if (options.origin !== undefined) headers.origin = options.origin;
    return fetch(`${server.url}${home[email]}/${path}`, { method: 'POST', headers, body: options.body ?? form.toString(), redirect: 'manual' });
  };

  beforeAll(async () => {
    h = await createHarness('workspace-http', { ACK_SECRET, PUBLIC_URL });
    const now = Date.now();
    await h.addTasks([
      { code: 'W-REP', title: 'Số hóa hồ sơ', start: now - 30 * DAY, deadline: now + 60 * DAY, policy: LONG_POLICY, indicator: INDICATOR },
      { code: 'W-SOON', title: 'Kết nối định danh', start: now - 30 * DAY, deadline: now + 3 * DAY, policy: LONG_POLICY },
      { code: 'W-LATE', title: 'Làm sạch dữ liệu', start: now - 30 * DAY, deadline: now - 2 * DAY, policy: LONG_POLICY },
      { code: 'W-OTHER', title: 'Nhiệm vụ của BHXH', unitCode: 'BHXH', start: now - 30 * DAY, deadline: now + 60 * DAY, policy: LONG_POLICY },
    ]);
    for (const email of [HEAD, CONTACT, STANDING, OTHER_HEAD]) {
      const [link] = await workspaceLinksFor(h.engine, email);
      home[email] = new URL(link?.url as string).pathname;
    }
    server = await startHttpServer(h.engine, 0);
  });

  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  describe('the page (GET)', () => {
    it('shows the unit’s open tasks, most urgent first, and not another unit’s, without changing anything', async () => {
      const before = await counts();
      const res = await get(home[HEAD] as string);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const page = await res.text();
      expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(page).toContain('Không gian làm việc — Sở Thông tin và Truyền thông');
      const order = ['W-LATE', 'W-SOON', 'W-REP'].map((code) => page.indexOf(`id="task-${code}"`));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(page).not.toContain('W-OTHER');
      expect(page).toMatch(/id="task-W-SOON"[\s\S]*?Sắp đến hạn[\s\S]*?id="task-W-REP"/);
      expect(page).toContain('svg class="indicator-chart"');
      expect(page).not.toContain('Việc chờ cơ quan thường trực');
      expect(await counts()).toEqual(before);
    });

    it('is refused with 403 for a forged, altered or expired link, or an acknowledgement link', async () => {
      const token = tokenOf(HEAD);
      const [payload = '', signature = ''] = token.split('.');
      const claims = (verifyWorkspaceToken(token, ACK_SECRET, Date.now()) as { ok: true; claims: Parameters<typeof signWorkspaceToken>[0] }).claims;
      const bad = [
        `${flip(payload, 4)}.${signature}`,
        `${payload}.${flip(signature, 2)}`,
        signWorkspaceToken({ ...claims, exp: Date.now() - 1000 }, ACK_SECRET),
        signWorkspaceToken(claims, 'not-the-secret-of-this-server'),
        signAckToken({ task: 'W-REP', notice: 'n', by: HEAD, exp: Date.now() + DAY }, ACK_SECRET),
        'garbage',
      ];
      for (const t of bad) {
        const res = await get(`/w/${t}`);
        expect(res.status, t).toBe(403);
        expect(await res.text()).toContain('Đường dẫn không hợp lệ');
      }
    });
  });

  describe('hostile inputs', () => {
    const cases: { name: string; status: number; send: () => Promise<Response>; says?: string | RegExp }[] = [
      { name: 'a cause of 2,001 characters', status: 422, send: () => post(HEAD, 'tasks/W-LATE/explain', { cause: 'x'.repeat(2001), remedy: 'r', commitDate: '30/06/2030' }), says: 'vượt quá 2.000 ký tự' },
      { name: 'a value that is not a number', status: 422, send: () => post(HEAD, 'tasks/W-REP/report', { value: 'tám mươi' }), says: 'Giá trị chỉ tiêu: không phải là số' },
      { name: 'a value in exponent notation', status: 422, send: () => post(HEAD, 'tasks/W-REP/report', { value: '1e3' }), says: 'không phải là số' },
      { name: 'an empty value', status: 422, send: () => post(HEAD, 'tasks/W-REP/report', { value: '  ' }), says: 'Giá trị chỉ tiêu: chưa được nhập' },
      { name: 'a promised date of 31/02/2026', status: 422, send: () => post(HEAD, 'tasks/W-LATE/explain', { cause: 'c', remedy: 'r', commitDate: '31/02/2026' }), says: '«<span class="typed">31/02/2026</span>»' },
      { name: 'a report date of 31/02/2026', status: 422, send: () => post(HEAD, 'tasks/W-REP/report', { value: '50', at: '31/02/2026' }), says: 'Ngày số liệu: không phải là ngày có thật' },
      { name: 'a report dated in the future', status: 422, send: () => post(HEAD, 'tasks/W-REP/report', { value: '50', at: '01/01/2099' }), says: 'tương lai' },
      { name: 'a report dated before the task started', status: 422, send: () => post(HEAD, 'tasks/W-REP/report', { value: '50', at: '01/01/2000' }), says: 'trước ngày bắt đầu' },
      { name: 'a NUL character in a cause', status: 422, send: () => post(HEAD, 'tasks/W-LATE/explain', { cause: 'a\u0000b', remedy: 'r', commitDate: '30/06/2030' }), says: 'ký tự điều khiển' },
      { name: 'a right-to-left override in an obstacle', status: 422, send: () => post(HEAD, 'tasks/W-LATE/obstacle', { description: 'abc\u202Edef' }), says: 'ký tự điều khiển' },
      { name: 'CR/LF in a document reference', status: 422, send: () => post(HEAD, 'tasks/W-LATE/submit', { document: '12/BC\r\nBcc: x@example.com' }), says: 'một dòng' },
      { name: 'a field sent twice', status: 422, send: () => post(HEAD, 'tasks/W-LATE/obstacle', { description: ['một', 'hai'] }), says: 'gửi nhiều lần' },
      { name: 'a missing reason to return', status: 422, send: () => post(STANDING, 'tasks/W-LATE/return', {}), says: 'Lý do trả lại: chưa được nhập' },
      { name: 'JSON instead of a form', status: 415, send: () => post(HEAD, 'tasks/W-REP/report', {}, { contentType: 'application/json', body: '{"value":"5"}' }) },
      { name: 'text/plain', status: 415, send: () => post(HEAD, 'tasks/W-REP/report', { value: '5' }, { contentType: 'text/plain' }) },
      { name: 'multipart/form-data', status: 415, send: () => post(HEAD, 'tasks/W-REP/report', {}, { contentType: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="value"\r\n\r\n5\r\n--x--' }) },
      { name: 'a form in another charset', status: 415, send: () => post(HEAD, 'tasks/W-REP/report', { value: '5' }, { contentType: 'application/x-www-form-urlencoded; charset=latin1' }) },
      { name: 'a body of 20 KB', status: 413, send: () => post(HEAD, 'tasks/W-LATE/explain', { cause: 'x'.repeat(20_000), remedy: 'r', commitDate: '30/06/2030' }) },
      { name: 'a missing csrf', status: 403, send: () => post(HEAD, 'tasks/W-REP/report', { value: '5' }, { csrf: null }), says: 'mã xác thực' },
      { name: 'a wrong csrf', status: 403, send: () => post(HEAD, 'tasks/W-REP/report', { value: '5' }, { csrf: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }) },
      { name: 'the csrf of another official’s page', status: 403, send: () => post(HEAD, 'tasks/W-REP/report', { value: '5' }, { csrf: workspaceCsrf(tokenOf(CONTACT), ACK_SECRET) }) },
      { name: 'another Origin', status: 403, send: () => post(HEAD, 'tasks/W-REP/report', { value: '5' }, { origin: 'https://evil.example.com' }), says: 'không được gửi từ trang của hệ thống' },
      { name: 'an opaque Origin', status: 403, send: () => post(HEAD, 'tasks/W-REP/report', { value: '5' }, { origin: 'null' }) },
      { name: 'a forged link', status: 403, send: () => fetch(`${server.url}/w/${flip(tokenOf(HEAD), 3)}/tasks/W-REP/report`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'value=5' }) },
      {
        name: 'an expired link',
        status: 403,
        send: () => {
          const claims = (verifyWorkspaceToken(tokenOf(HEAD), ACK_SECRET, Date.now()) as { ok: true; claims: Parameters<typeof signWorkspaceToken>[0] }).claims;
          const expired = signWorkspaceToken({ ...claims, exp: Date.now() - 1 }, ACK_SECRET);
          const body = new URLSearchParams({ csrf: workspaceCsrf(expired, ACK_SECRET), nonce: nonce(), value: '5' }).toString();
          return fetch(`${server.url}/w/${expired}/tasks/W-REP/report`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
        },
      },
      { name: 'another unit’s task', status: 404, send: () => post(HEAD, 'tasks/W-OTHER/report', { value: '5' }), says: 'Không tìm thấy' },
      { name: 'a task that does not exist', status: 404, send: () => post(HEAD, 'tasks/NO-SUCH/report', { value: '5' }) },
      { name: 'an action that does not exist', status: 404, send: () => post(HEAD, 'tasks/W-REP/delete', {}) },
      { name: 'another unit’s obstacle', status: 404, send: () => post(HEAD, 'obstacles/W-OTHER-V1/resolve', { response: 'x' }) },
      { name: 'a missing nonce', status: 400, send: () => post(HEAD, 'tasks/W-REP/report', { value: '5', nonce: '' }) },
      { name: 'a contact acknowledging for the head', status: 403, send: () => post(CONTACT, 'tasks/W-LATE/ack', {}), says: 'Thủ trưởng' },
      { name: 'a unit confirming its own completion', status: 403, send: () => post(HEAD, 'tasks/W-LATE/confirm', {}), says: 'cơ quan thường trực' },
      { name: 'a confirmation of a task not submitted', status: 409, send: () => post(STANDING, 'tasks/W-OTHER/confirm', {}), says: 'Nhiệm vụ hiện nhận' },
    ];

    it(`are ${cases.length} cases`, () => expect(cases.length).toBeGreaterThanOrEqual(20));

    it.each(cases)('$name → $status, nothing recorded', async ({ status, send, says }) => {
      const before = await counts();
      const res = await send();
      const page = await res.text();
      expect(res.status, page.slice(0, 2000)).toBe(status);
      if (says) expect(page).toMatch(says);
      expect(await counts()).toEqual(before);
    });

    it('shows the refused form again, open, with what was typed (escaped) and the problem next to the field', async () => {
      const res = await post(HEAD, 'tasks/W-LATE/explain', { cause: SCRIPT, remedy: '', commitDate: '31/02/2026' });
      expect(res.status).toBe(422);
      const page = await res.text();
      expect(page).not.toContain('<script>');
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(page).toMatch(/<details class="action" open><summary>Giải trình<\/summary>/);
      expect(page).toMatch(/aria-invalid="true"[^>]*>[\s\S]*?<p class="error" id="[^"]+-remedy-error">Giải pháp khắc phục: chưa được nhập.<\/p>/);
      expect(page).toContain('Ngày cam kết hoàn thành: không phải là ngày có thật');
    });
  });

  describe('what the forms record', () => {
    it('records a report through the one door, with the official, the channel and the report row, then 303 back', async () => {
      const res = await post(HEAD, 'tasks/W-REP/report', { value: '55,5', note: 'Số liệu tháng' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${home[HEAD]}?done=report&task=W-REP#task-W-REP`);
      const event = await h.engine.prisma.taskEvent.findFirstOrThrow({ where: { type: 'PROGRESS_REPORTED', task: { code: 'W-REP' } } });
      expect(event).toMatchObject({ actor: HEAD, channel: 'web' });
      expect(event.submissionKey).toMatch(/^web:\d+:nonce-/);
      expect(event.payload).toMatchObject({ value: 55.5, note: 'Số liệu tháng', by: HEAD });
      const report = await h.engine.prisma.progressReport.findFirstOrThrow({ where: { task: { code: 'W-REP' } } });
      expect(report.value).toBe(55.5);
      const page = await (await get(res.headers.get('location') as string)).text();
      expect(page).toContain('Đã ghi nhận báo cáo tiến độ (nhiệm vụ <strong>W-REP</strong>)');
      expect(page).toMatch(/class="last-report">55,5%/);
    });

    it('records the same form posted twice once', async () => {
      const key = nonce();
      const before = await counts();
      const first = await post(HEAD, 'tasks/W-LATE/obstacle', { description: 'Chưa có đường truyền', needs: 'Sở TTTT hỗ trợ', nonce: key });
      const second = await post(HEAD, 'tasks/W-LATE/obstacle', { description: 'Chưa có đường truyền', needs: 'Sở TTTT hỗ trợ', nonce: key });
      expect([first.status, second.status]).toEqual([303, 303]);
      expect(await h.engine.prisma.taskEvent.count({ where: { type: 'OBSTACLE_RAISED' } })).toBe(1);
      expect((await counts()).events).toBe(before.events + 1);
    });

    it('shows a cause with <script> as text, on the workspace and on the dashboard', async () => {
      expect((await post(HEAD, 'tasks/W-LATE/explain', { cause: SCRIPT, remedy: 'Bổ sung kinh phí <b>ngay</b>', commitDate: '30/06/2030' })).status).toBe(303);
      for (const page of [await (await get(home[HEAD] as string)).text(), await (await get('/tasks/W-LATE')).text()]) {
        expect(page).not.toContain('<script>alert');
        expect(page).not.toContain('<b>ngay</b>');
        expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Chưa bố trí kinh phí');
        expect(page).toContain('cam kết hoàn thành trước 30/06/2030');
      }
    });

    it('lets the standing agency see and answer every unit’s open obstacle, and the unit see the answer', async () => {
      const page = await (await get(home[STANDING] as string)).text();
      expect(page).toContain('Việc chờ cơ quan thường trực');
      expect(page).toContain('data-obstacle="W-LATE-V1"');
      expect(page).toContain('Chưa có đường truyền');
      const res = await post(STANDING, 'obstacles/W-LATE-V1/resolve', { response: 'Đã đề nghị VNPT lắp đặt trong tuần' });
      expect(res.status).toBe(303);
      expect(await (await get(home[STANDING] as string)).text()).not.toContain('data-obstacle="W-LATE-V1"');
      expect(await (await get(home[HEAD] as string)).text()).toContain('Đã đề nghị VNPT lắp đặt trong tuần');
    });

    it('lets the standing agency confirm a completion of another unit, and refuses a second unit to see it', async () => {
      expect((await post(OTHER_HEAD, 'tasks/W-OTHER/submit', { document: '45/BC-BHXH', note: 'Đã hoàn thành' })).status).toBe(303);
      const page = await (await get(home[STANDING] as string)).text();
      expect(page).toContain('id="confirm-W-OTHER"');
      expect(await (await get(home[HEAD] as string)).text()).not.toContain('W-OTHER');
      expect((await post(STANDING, 'tasks/W-OTHER/confirm', {})).status).toBe(303);
      const task = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'W-OTHER' } });
      expect(task.state).toBe('completed');
    });

    it('answers 409 with what the task accepts when its state does not take the event', async () => {
      await dispatch(h.engine, 'W-SOON', { type: 'COMPLETION_SUBMITTED', at: Date.now(), document: null, note: null, by: HEAD }, { actor: HEAD });
      const before = await counts();
      const res = await post(HEAD, 'tasks/W-SOON/submit', {});
      expect(res.status).toBe(409);
      const page = await res.text();
      expect(page).toContain('Chờ xác nhận hoàn thành');
      expect(page).toContain('Nhiệm vụ hiện nhận:');
      expect(await counts()).toEqual(before);
    });
  });

  describe('when a re-seed gives the head’s post to someone else', () => {
    it('refuses the old head’s link with 403, keeps the contact’s, and gives the new head a working one', async () => {
      const doc = validSeed();
      doc.units = doc.units.map((u) => (u.code === 'STTTT' ? { ...u, head: { name: 'Người mới', title: 'Giám đốc Sở', email: 'giamdoc.moi@example.gov.vn' } } : u));
      const result = validateSeed(doc, { now: Date.now() });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      await importSeed(h.engine, result.seed, { file: 'reseed.yaml', dryRun: false });

      const before = await counts();
      const stale = await get(home[HEAD] as string);
      expect(stale.status).toBe(403);
      expect(await stale.text()).toContain('Đường dẫn không còn hiệu lực');
      expect((await post(HEAD, 'tasks/W-REP/report', { value: '60' })).status).toBe(403);
      expect(await counts()).toEqual(before);

      expect((await get(home[CONTACT] as string)).status).toBe(200);
      const [fresh] = await workspaceLinksFor(h.engine, 'giamdoc.moi@example.gov.vn');
      expect((await get(new URL(fresh?.url as string).pathname)).status).toBe(200);
      await expect(workspaceLinksFor(h.engine, HEAD)).rejects.toThrow(/No unit head or contact has the e-mail/);
    });
  });
});

describe('when an overdue notice asks the unit to explain itself', () => {
  let h: Harness;
  let server: RunningHttpServer;
  let worker: RunningWorker;
  let outbox: string;
  let home: string;

  beforeAll(async () => {
    outbox = mkdtempSync(path.join(tmpdir(), 'da06-workspace-ask-'));
    h = await createHarness('workspace-ask', { ACK_SECRET, PUBLIC_URL });
    await h.addTasks([{ code: 'W-ASK', deadline: Date.now() + 1500, policy: { ...SECONDS_POLICY, escalateToChairmanAfter: 'PT1H' } }]);
    worker = startWorker(h.engine, { transport: createMailTransport({ outboxDir: outbox }) });
    await worker.ready;
    await vi.waitFor(async () => expect((await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'W-ASK' } })).escalationLevel).toBe('head'), { timeout: 20_000, interval: 200 });
    home = new URL(((await workspaceLinksFor(h.engine, HEAD))[0]?.url) as string).pathname;
    server = await startHttpServer(h.engine, 0);
  });
  afterAll(async () => {
    await worker?.close();
    await server?.close();
    await h?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const page = async () => (await fetch(`${server.url}${home}`)).text();
  const post = (action: string, fields: Record<string, string>) =>
    fetch(`${server.url}${home}/tasks/W-ASK/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: workspaceCsrf(home.slice(3), ACK_SECRET), nonce: nonce(), ...fields }).toString(),
      redirect: 'manual',
    });

  it('asks for the explanation by its due date and the head’s acknowledgement, until each is given', async () => {
    const task = await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'W-ASK' } });
    const due = (task.snapshot as { context: { explanationDueAt: number } }).context.explanationDueAt;
    expect(due).toBeGreaterThan(Date.now());
    const before = await page();
    expect(before).toContain(`Đề nghị giải trình trước ${formatDate(due)}`);
    expect(before).toContain('Đề nghị Thủ trưởng đơn vị xác nhận tiếp nhận');

    expect((await post('ack', {})).status).toBe(303);
    expect((await h.engine.prisma.taskEvent.findFirstOrThrow({ where: { type: 'ACKNOWLEDGED' } })).channel).toBe('web');
    expect((await post('explain', { cause: 'Thiếu nhân lực', remedy: 'Điều động cán bộ', commitDate: '30/06/2030' })).status).toBe(303);
    const after = await page();
    expect(after).not.toContain('Đề nghị giải trình trước');
    expect(after).not.toContain('Đề nghị Thủ trưởng đơn vị xác nhận tiếp nhận');
    expect(after).toContain('Thiếu nhân lực');
  });
});
