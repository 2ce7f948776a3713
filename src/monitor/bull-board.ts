import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Router } from 'express';
import type { EngineQueues } from '../engine/engine-deps.js';

/** Bull Board for every da06 queue, mounted at `basePath`; `readOnly` hides retry, clean, promote and remove. */
export function bullBoardRouter(queues: EngineQueues, basePath: string, readOnly: boolean): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  const options = { readOnlyMode: readOnly, allowRetries: !readOnly };
  createBullBoard({
    queues: [
      new BullMQAdapter(queues.timers, { ...options, description: 'Lịch đánh thức nhiệm vụ (nhắc việc, quá hạn, đôn đốc)' }),
      new BullMQAdapter(queues.mail, { ...options, description: 'Thư cần gửi (hộp thư đi)' }),
    ],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Đề án 06 — hàng đợi', hideDocsLink: true, miscLinks: [{ text: 'Tổng quan', url: '/' }] } },
  });
  return serverAdapter.getRouter() as Router;
}
