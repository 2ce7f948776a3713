import type { Logger } from '../logger.js';

/** Resolves on the first SIGINT or SIGTERM, after logging `message` with the signal's name. */
export function waitForStopSignal(logger: Logger, message: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, message);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
