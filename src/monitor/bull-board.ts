import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { IServerAdapter } from '@bull-board/api/typings/app';
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
    // @bull-board/express 9.10.1 types against its own copy of @bull-board/api 9.10.1 (ours is 9.10.2); the adapter
    // needs nothing of the api at run time, only the declarations differ.
    serverAdapter: serverAdapter as unknown as IServerAdapter,
    options: { uiConfig: { boardTitle: 'Đề án 06 — hàng đợi', hideDocsLink: true, miscLinks: [{ text: 'Tổng quan', url: '/' }] } },
  });
  return serverAdapter.getRouter() as Router;
}
