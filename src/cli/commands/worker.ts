import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openEngine } from '../../engine/engine-deps.js';
import { digestMaintenance } from '../../engine/digest.js';
import { startWorker } from '../../engine/worker.js';
import { createLogger } from '../../logger.js';
import { waitForStopSignal } from '../wait-for-stop-signal.js';

/** `da06 worker`: runs the timer, mail and maintenance workers until SIGINT/SIGTERM, then drains and exits 0. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run the timer, mail and maintenance workers until SIGINT/SIGTERM')
    .option('--concurrency <n>', 'timer jobs in hand at once (fired in batches of half as many)', '64')
    .action(async (options: { concurrency: string }) => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL, 'stdout');
      const engine = await openEngine(config, logger, { poolSize: 20 });
      const worker = startWorker(engine, { timerConcurrency: Number(options.concurrency), maintenance: [digestMaintenance] });
      logger.info({ queuePrefix: config.QUEUE_PREFIX, mail: config.SMTP_URL ? 'smtp' : config.MAIL_OUTBOX_DIR }, 'worker started');
      await waitForStopSignal(logger, 'worker stopping: finishing the jobs in hand');
      await worker.close();
      await engine.close();
      logger.info('worker stopped');
    });
}
