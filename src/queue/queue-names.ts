/** The queues of one da06 installation (each under the installation's `QUEUE_PREFIX`). */
export const QUEUE_NAMES = {
  timers: 'timers',
  mail: 'mail',
  maintenance: 'maintenance',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];
