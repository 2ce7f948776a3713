import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { EngineDeps } from '../engine/engine-deps.js';
import { loadUnitHistory } from '../engine/read/unit-history.js';
import { InputError } from '../errors.js';
import { ackRouter } from './ack-routes.js';
import { ackErrorPage } from './ack-page.js';
import { basicAuth } from './basic-auth.js';
import { bullBoardRouter } from './bull-board.js';
import { healthCheck } from './health-check.js';
import { html } from './html.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { loadOverview } from './overview-data.js';
import { overviewPage } from './overview-page.js';
import { pageLayout } from './page-layout.js';
import { sendPage } from './send-page.js';
import { loadTaskPage } from './task-page-data.js';
import { taskPage } from './task-page.js';
import { unitPage } from './unit-page.js';
import { workspaceMessagePage } from './workspace-page.js';
import { workspaceRouter } from './workspace-routes.js';

/** True when DASHBOARD_USER and DASHBOARD_PASSWORD are set: the server asks for them and may listen everywhere. */
export function hasDashboardCredentials(deps: EngineDeps): boolean {
  return Boolean(deps.config.DASHBOARD_USER && deps.config.DASHBOARD_PASSWORD);
}

/**
 * The monitoring app: `/healthz`, `/ack/:token` and `/w/:token` open to all (the token is the credential), everything
 * else behind basic auth when credentials are configured. Without credentials the server listens on
 * loopback only and Bull Board is read-only: whoever reaches it is on the operator's machine but
 * unauthenticated, so it may look at jobs but not retry, promote or remove them.
 */
export function createHttpServer(deps: EngineDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const { DASHBOARD_USER: user, DASHBOARD_PASSWORD: password, ACK_SECRET: ackSecret } = deps.config;
  const authenticated = hasDashboardCredentials(deps);

  app.get('/healthz', async (_req, res) => {
    const report = await healthCheck(deps);
    res.status(report.ok ? 200 : 503).set('Cache-Control', 'no-store').json(report);
  });

  if (ackSecret) app.use(ackRouter(deps, ackSecret));
  else {
    app.all('/ack/{*rest}', (_req, res) =>
      sendPage(res, 404, ackErrorPage('Chưa bật tiếp nhận qua đường dẫn', 'Máy chủ này chưa cấu hình ACK_SECRET nên không nhận xác nhận qua đường dẫn. Vui lòng dùng lệnh `da06 ack` hoặc liên hệ cơ quan thường trực.')),
    );
  }

  if (ackSecret) app.use(workspaceRouter(deps, ackSecret));
  else {
    app.all('/w/{*rest}', (_req, res) =>
      sendPage(res, 404, workspaceMessagePage('Chưa bật không gian làm việc', 'Máy chủ này chưa cấu hình ACK_SECRET nên không mở không gian làm việc qua đường dẫn. Vui lòng liên hệ cơ quan thường trực Đề án 06 của tỉnh.', null)),
    );
  }

  if (authenticated && user && password) app.use(basicAuth(user, password));

  app.use('/queues', bullBoardRouter(deps.queues, '/queues', !authenticated));

  const metrics = createMetricsRegistry(deps);
  app.get('/metrics', async (_req, res) => {
    const body = await metrics.metrics();
    res.set('Content-Type', metrics.contentType).set('Cache-Control', 'no-store').send(body);
  });

  app.get('/', async (_req, res) => {
    sendPage(res, 200, overviewPage(await loadOverview(deps)));
  });

  app.get('/tasks/:code', async (req, res) => {
    const data = await loadTaskPage(deps, req.params.code);
    if (!data) {
      sendPage(res, 404, pageLayout('Không tìm thấy', html`<h1>Không tìm thấy nhiệm vụ ${req.params.code}</h1><p><a href="/">← Tổng quan</a></p>`));
      return;
    }
    sendPage(res, 200, taskPage(data));
  });

  app.get('/units/:code', async (req, res) => {
    const code = req.params.code;
    // loadUnitHistory reads the unit first and says when there is none (its only InputError).
    const unit = await loadUnitHistory(deps, code).catch((error: unknown) => {
      if (error instanceof InputError) return null;
      throw error;
    });
    if (!unit) {
      sendPage(res, 404, pageLayout('Không tìm thấy', html`<h1>Không tìm thấy đơn vị ${code}</h1><p><a href="/">← Tổng quan</a></p>`));
      return;
    }
    sendPage(res, 200, unitPage(unit));
  });

  app.use((_req: Request, res: Response) => {
    sendPage(res, 404, pageLayout('Không tìm thấy', html`<h1>Không tìm thấy trang</h1><p><a href="/">← Tổng quan</a></p>`));
  });
  // Express 5 forwards rejected promises of async handlers here.
  app.use((error: Error, req: Request, res: Response, _next: NextFunction) => {
    deps.logger.error({ err: error.message, stack: error.stack, path: req.path }, 'request failed');
    if (res.headersSent) return;
    sendPage(res, 500, pageLayout('Lỗi máy chủ', html`<h1>Đã có lỗi</h1><p>Máy chủ chưa trả lời được yêu cầu này. Chi tiết nằm trong nhật ký của <code>da06 serve</code>.</p>`));
  });
  return app;
}

/** A listening monitoring server. */
export interface RunningHttpServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the monitoring server on `port` (0: any free port): on loopback only unless dashboard credentials are set. */
export async function startHttpServer(deps: EngineDeps, port: number): Promise<RunningHttpServer> {
  const app = createHttpServer(deps);
  const host = hasDashboardCredentials(deps) ? '0.0.0.0' : '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
