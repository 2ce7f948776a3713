import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { workspaceLinksFor } from '../../src/cli/actions/link.js';
import { signAckToken } from '../../src/engine/links/ack-token.js';
import { startWorker, type RunningWorker } from '../../src/engine/jobs/worker.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { startHttpServer, type RunningHttpServer } from '../../src/monitor/http-server.js';
import { createHarness, SECONDS_POLICY, type Harness } from '../support/engine-harness.js';

const USER = 'vanhanh';
const PASSWORD = 'mật-khẩu-thử';
const ACK_SECRET = 'a-test-secret-of-at-least-16-chars';
const HEAD = 'giamdoc.stttt@example.gov.vn';
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const AUTH = basic(USER, PASSWORD);

// One Prometheus text-format line: a HELP/TYPE comment or a sample `name{labels} value`.
const COMMENT = /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/;
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (?:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|NaN|\+Inf|-Inf)$/;

function sampleValue(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

describe('the monitoring server with dashboard credentials and acknowledgement links', () => {
  let h: Harness;
  let server: RunningHttpServer;
  let worker: RunningWorker | undefined;
  let outbox: string;
  const get = (p: string, headers: Record<string, string> = AUTH) => fetch(`${server.url}${p}`, { headers, redirect: 'manual' });
  const post = (p: string) => fetch(`${server.url}${p}`, { method: 'POST', redirect: 'manual' });
  const eventCount = () => h.engine.prisma.taskEvent.count();

  beforeAll(async () => {
    outbox = mkdtempSync(path.join(tmpdir(), 'da06-monitor-'));
    h = await createHarness('monitor-http', { DASHBOARD_USER: USER, DASHBOARD_PASSWORD: PASSWORD, ACK_SECRET, PUBLIC_URL: 'https://da06.example.gov.vn' });
    server = await startHttpServer(h.engine, 0);
    const now = Date.now();
    // The chairman step is far off, so the acknowledgement tests meet the task at the head level.
    await h.addTasks([{ code: 'T-ESC', deadline: now + 1500, policy: { ...SECONDS_POLICY, escalateToChairmanAfter: 'PT1H' } }]);
  });

  afterAll(async () => {
    await worker?.close();
    await server?.close();
    await h?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  describe('access', () => {
    it('asks for basic auth without credentials or with wrong ones', async () => {
      for (const p of ['/', '/metrics', '/queues', '/tasks/T-ESC']) {
        const none = await get(p, {});
        expect(none.status, p).toBe(401);
        expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
        expect((await get(p, basic(USER, 'sai'))).status, p).toBe(401);
        expect((await get(p, basic('khac', PASSWORD))).status, p).toBe(401);
      }
    });

    it('serves every page with the right credentials', async () => {
      for (const p of ['/', '/metrics', '/queues', '/tasks/T-ESC']) expect((await get(p)).status, p).toBe(200);
      expect((await get('/tasks/NO-SUCH')).status).toBe(404);
    });

    it('answers /healthz without credentials when PostgreSQL and Redis are reachable', async () => {
      const res = await get('/healthz', {});
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, postgres: { ok: true }, redis: { ok: true } });
    });

    it('escapes what it shows', async () => {
      await h.addTasks([{ code: 'T-XSS', title: '<script>alert(1)</script> & "trích dẫn"', deadline: Date.now() + 86_400_000 }]);
      const page = await (await get('/tasks/T-XSS')).text();
      expect(page).not.toContain('<script>alert(1)</script>');
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;trích dẫn&quot;');
    });
  });

  describe('/metrics', () => {
    let before: string;

    it('is Prometheus text, line by line', async () => {
      const res = await get('/metrics');
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      before = await res.text();
      const lines = before.split('\n').filter((l) => l !== '');
      for (const line of lines) expect(COMMENT.test(line) || SAMPLE.test(line), line).toBe(true);
      for (const name of ['da06_queue_jobs', 'da06_task_events_total', 'da06_escalations_total', 'da06_emails_total', 'da06_email_retries_total', 'da06_timer_lateness_seconds', 'da06_reconcile_repairs_total']) {
        expect(before).toContain(`# TYPE ${name} `);
      }
      expect(before).toContain('# TYPE da06_escalations_total counter');
      expect(sampleValue(before, 'da06_task_events_total', 'type="CREATED"')).toBeGreaterThanOrEqual(1);
    });

    it('counts an escalation to the head once a worker escalates an overdue task', async () => {
      expect(sampleValue(before, 'da06_escalations_total', 'level="head"')).toBe(0);
      worker = startWorker(h.engine, { transport: createMailTransport({ outboxDir: outbox }) });
      await worker.ready;
      await expect.poll(async () => (await h.engine.prisma.task.findUniqueOrThrow({ where: { code: 'T-ESC' } })).escalationLevel, { timeout: 20_000, interval: 200 }).toBe('head');
      const after = await (await get('/metrics')).text();
      expect(sampleValue(after, 'da06_escalations_total', 'level="head"')).toBe(1);
      expect(sampleValue(after, 'da06_task_events_total', 'type="TIMER_untilDeadline"')).toBe(1);
      expect(sampleValue(after, 'da06_timer_lateness_seconds_count', '')).toBeGreaterThanOrEqual(1);
    });

    it('reads the reconcile repairs counter from Redis', async () => {
      await h.engine.redis.set(`${h.prefix}:da06:metrics:reconcile-repairs`, '3');
      expect(sampleValue(await (await get('/metrics')).text(), 'da06_reconcile_repairs_total', '')).toBe(3);
    });
  });

  describe('acknowledgement links', () => {
    let link: string;
    const acknowledgements = () => h.engine.prisma.taskEvent.count({ where: { type: 'ACKNOWLEDGED', task: { code: 'T-ESC' } } });

    beforeAll(async () => {
      const notice = await vi.waitFor(() => h.engine.prisma.notification.findFirstOrThrow({ where: { kind: 'overdue', task: { code: 'T-ESC' } } }), { timeout: 20_000, interval: 200 });
      const ackUrl = (notice.view as { action: { ackUrl: string | null } }).action.ackUrl;
      expect(ackUrl).toMatch(/^https:\/\/da06\.example\.gov\.vn\/ack\//);
      link = new URL(ackUrl as string).pathname;
    });

    it('shows the task and a button on GET, without credentials, and records nothing', async () => {
      const events = await eventCount();
      const res = await get(link, {});
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('T-ESC');
      expect(page).toContain('Xác nhận tiếp nhận');
      expect(page).toContain('<form method="post">');
      expect(await eventCount()).toBe(events);
    });

    it('records the acknowledgement once on POST', async () => {
      const res = await post(link);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Đã ghi nhận việc tiếp nhận');
      expect(await acknowledgements()).toBe(1);
      const event = await h.engine.prisma.taskEvent.findFirstOrThrow({ where: { type: 'ACKNOWLEDGED' } });
      expect(event.actor).toBe(HEAD);
    });

    it('changes nothing on a second press and says it was already recorded', async () => {
      const events = await eventCount();
      const res = await post(link);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('đã được ghi nhận trước đó');
      expect(await eventCount()).toBe(events);
      expect(await acknowledgements()).toBe(1);
    });

    it('refuses every altered, expired or foreign token with 403 and changes nothing', async () => {
      const token = link.slice('/ack/'.length);
      const [payload = '', signature = ''] = token.split('.');
      const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      const claims = { task: 'T-ESC', notice: 'n', by: HEAD };
      const forged = [
        `${flip(payload, 5)}.${signature}`,
        `${payload}.${flip(signature, 0)}`,
        `${payload}.${flip(signature, signature.length - 1)}`,
        signAckToken({ ...claims, exp: Date.now() - 1000 }, ACK_SECRET),
        signAckToken({ ...claims, exp: Date.now() + 3_600_000 }, 'another-secret-of-16-chars-or-more'),
        `${Buffer.from(JSON.stringify({ ...claims, exp: Date.now() + 3_600_000 })).toString('base64url')}.${signature}`,
        'not-a-token',
      ];
      const events = await eventCount();
      for (const bad of forged) {
        expect((await get(`/ack/${bad}`, {})).status, bad).toBe(403);
        const res = await post(`/ack/${bad}`);
        expect(res.status, bad).toBe(403);
        expect(await res.text()).toContain('Đường dẫn không hợp lệ');
      }
      expect(await eventCount()).toBe(events);
    });
  });
});

describe('the monitoring server without dashboard credentials', () => {
  let h: Harness;
  let server: RunningHttpServer;

  beforeAll(async () => {
    h = await createHarness('monitor-open');
    server = await startHttpServer(h.engine, 0);
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  it('listens on loopback only and asks for no password there', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  });

  it('shows Bull Board read-only', async () => {
    const res = await fetch(`${server.url}/queues/api/queues?activeQueue=timers&status=latest&page=1`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(['mail', 'timers']);
    expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it('turns acknowledgement links away when ACK_SECRET is unset', async () => {
    expect((await fetch(`${server.url}/ack/anything`, { method: 'POST' })).status).toBe(404);
  });

  it('turns workspace links away when ACK_SECRET is unset, with a page saying why, and makes none', async () => {
    const res = await fetch(`${server.url}/w/anything/tasks/T-1/report`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('chưa cấu hình ACK_SECRET');
    await expect(workspaceLinksFor(h.engine, 'giamdoc.stttt@example.gov.vn')).rejects.toThrow(/ACK_SECRET is not set/);
  });
});
