import { loadConfig } from '../../config.js';
import { InputError } from '../../errors.js';
import { reorganisationMaintenance } from '../../engine/write/apply-reorganisation.js';
import { openEngine } from '../../engine/engine-deps.js';
import { digestMaintenance } from '../../engine/jobs/digest.js';
import { startWorker } from '../../engine/jobs/worker.js';
import { createLogger } from '../../logger.js';
import { waitForStopSignal } from '../wait-for-stop-signal.js';

/** `da06 worker`: runs the timer, mail and maintenance workers until SIGINT/SIGTERM, then drains. */
export async function runWorker(options: { lanes: string }): Promise<void> {
  if (!/^[1-9][0-9]?$/.test(options.lanes)) throw new InputError(`--lanes must be a whole number from 1 to 99, got "${options.lanes}"`);
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'stdout');
  const engine = await openEngine(config, logger, { poolSize: 20 });
  const worker = startWorker(engine, { timerLanes: Number(options.lanes), maintenance: [reorganisationMaintenance, digestMaintenance] });
  logger.info({ queuePrefix: config.QUEUE_PREFIX, mail: config.SMTP_URL ? 'smtp' : config.MAIL_OUTBOX_DIR }, 'worker started');
  await waitForStopSignal(logger, 'worker stopping: finishing the jobs in hand');
  await worker.close();
  await engine.close();
  logger.info('worker stopped');
}
