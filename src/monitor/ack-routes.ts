import { Router, type Response } from 'express';
import { holdsAckPost } from '../engine/links/ack-holder.js';
import { verifyAckToken, type AckClaims } from '../engine/links/ack-token.js';
import type { EngineDeps } from '../engine/engine-deps.js';
import { ackConfirmPage, ackErrorPage, ackResultPage, type AckTaskView } from './ack-page.js';
import { acknowledgeByLink } from './acknowledge-by-link.js';
import { sendPage } from './send-page.js';
import { taskContextOf } from './task-context-of.js';
import { PROVINCE_ROW } from '../db/province-row.js';
import { DEFAULT_TIME_ZONE } from '../domain/time-zone.js';

const REFUSED_TEXT =
  'Đường dẫn tiếp nhận không hợp lệ hoặc đã hết hạn nên không có gì được ghi nhận. Vui lòng dùng đường dẫn trong thư mới nhất, ' +
  'hoặc liên hệ cơ quan thường trực Đề án 06 để được hỗ trợ.';

async function loadAckTask(deps: EngineDeps, code: string): Promise<AckTaskView | null> {
  const [task, province] = await Promise.all([
    deps.prisma.task.findUnique({ where: { code }, include: { unit: { select: { name: true } } } }),
    deps.prisma.province.findUnique({ where: PROVINCE_ROW, select: { timeZone: true } }),
  ]);
  if (!task) return null;
  return {
    code: task.code,
    title: task.title,
    unitName: task.unit.name,
    state: task.state,
    statusClass: task.statusClass,
    escalationLevel: task.escalationLevel,
    deadline: task.deadline?.getTime() ?? null,
    acknowledgedBy: taskContextOf(task)?.escalation.acknowledgedBy ?? null,
    timeZone: province?.timeZone ?? DEFAULT_TIME_ZONE,
  };
}

/**
 * `/ack/:token`: GET shows what will be acknowledged and records nothing (mail scanners open links);
 * POST verifies the token again and records the acknowledgement. The signed token is the credential, and
 * the POST carries it in its own URL, so a forged cross-site form cannot act without already holding it.
 */
export function ackRouter(deps: EngineDeps, secret: string): Router {
  const router = Router();
  router.use('/ack', (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer' });
    next();
  });

  const verified = async (token: string, res: Response): Promise<AckClaims | null> => {
    const check = verifyAckToken(token, secret, deps.now());
    // A head whose term has ended, or whose unit no longer holds the task, acknowledges nothing.
    const reason = !check.ok ? check.reason : (await holdsAckPost(deps.prisma, check.claims, deps.now())) ? null : 'post no longer held';
    if (check.ok && reason === null) return check.claims;
    deps.logger.warn({ reason }, 'acknowledgement link refused');
    sendPage(res, 403, ackErrorPage('Đường dẫn không hợp lệ', REFUSED_TEXT));
    return null;
  };
  const missing = (res: Response, code: string) =>
    sendPage(res, 404, ackErrorPage('Không tìm thấy nhiệm vụ', `Nhiệm vụ ${code} không còn trong hệ thống; không có gì được ghi nhận.`));

  router.get('/ack/:token', async (req, res) => {
    const claims = await verified(req.params.token, res);
    if (!claims) return;
    const task = await loadAckTask(deps, claims.task);
    if (!task) return missing(res, claims.task);
    sendPage(res, 200, ackConfirmPage(task, claims.by));
  });

  router.post('/ack/:token', async (req, res) => {
    const claims = await verified(req.params.token, res);
    if (!claims) return;
    const outcome = await acknowledgeByLink(deps, claims);
    if (outcome.kind === 'notFound') return missing(res, claims.task);
    const task = await loadAckTask(deps, claims.task);
    if (!task) return missing(res, claims.task);
    if (outcome.kind === 'notAccepted') {
      sendPage(res, 409, ackResultPage(task, 'notAccepted', claims.by, null));
      return;
    }
    sendPage(res, 200, ackResultPage(task, outcome.kind, outcome.by, outcome.acknowledgedUntil));
  });
  return router;
}
