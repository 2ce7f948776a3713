import { loadConfig } from '../../config.js';
import { openEngine } from '../../engine/engine-deps.js';
import { ConfigError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { hasDashboardCredentials, startHttpServer } from '../../monitor/http-server.js';
import { waitForStopSignal } from '../wait-for-stop-signal.js';

/** `da06 serve`: the monitoring HTTP server until SIGINT/SIGTERM, then closes its connections. */
export async function runServe(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'stdout');
  const engine = await openEngine(config, logger);
  let server;
  try {
    server = await startHttpServer(engine, config.PORT);
  } catch (error) {
    await engine.close();
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'is already in use' : `cannot be opened (${(error as Error).message})`;
    throw new ConfigError(`PORT=${config.PORT}: the port ${reason}. Stop the other server or set PORT to a free port.`);
  }
  const authenticated = hasDashboardCredentials(engine);
  logger.info(
    { url: server.url, host: server.host, port: server.port, auth: authenticated ? 'basic' : 'none', ackLinks: Boolean(config.ACK_SECRET), queuePrefix: config.QUEUE_PREFIX },
    'serve started',
  );
  if (!authenticated) {
    logger.warn(
      { host: server.host },
      'DASHBOARD_USER and DASHBOARD_PASSWORD are not set: listening on loopback only, Bull Board read-only; set both to serve other machines',
    );
  }
  if (!config.ACK_SECRET) logger.info('ACK_SECRET is not set: /ack links are off and emails carry none');
  await waitForStopSignal(logger, 'serve stopping');
  await server.close();
  await engine.close();
  logger.info('serve stopped');
}
