import { randomBytes } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { EngineDeps } from '../engine/engine-deps.js';
import { currentHolder, type WorkspaceHolder } from '../engine/links/workspace-posts.js';
import { verifyWorkspaceToken, type WorkspaceClaims } from '../engine/links/workspace-token.js';
import { html } from './html.js';
import { eventLabel, stateLabel } from './monitor-labels.js';
import { sendPage } from './send-page.js';
import { csrfMatches, workspaceCsrf } from './workspace-csrf.js';
import { loadWorkspace } from './workspace-data.js';
import type { PostedForm } from './workspace-form-view.js';
import { isWorkspaceAction, WORKSPACE_ACTIONS } from './workspace-forms.js';
import { workspaceMessagePage, workspacePage, type WorkspaceNotice } from './workspace-page.js';
import { postWorkspaceAction, type PostOutcome, type WorkspaceTarget } from './workspace-post.js';

const REFUSED =
  'Đường dẫn không hợp lệ, đã hết hạn, hoặc đồng chí không còn đảm nhiệm vị trí mà đường dẫn được cấp; không có gì được ghi nhận. ' +
  'Vui lòng dùng đường dẫn trong thư mới nhất, hoặc đề nghị quản trị viên cấp đường dẫn mới (`da06 link`).';
const CODE = /^[A-Za-z0-9._-]{1,64}$/;
const HOUR_MS = 3_600_000;

interface Locals {
  token: string;
  claims: WorkspaceClaims;
  holder: WorkspaceHolder;
  home: string;
}

const localsOf = (res: Response): Locals => res.locals as Locals;

/**
 * `/w/:token`: the workspace of one official. GET reads only; each form POSTs (urlencoded, at most 16 KB) with the
 * hidden `csrf` bound to the link and a `nonce`, and is checked in this order: the link's signature and expiry, the
 * `Origin` (when sent) against PUBLIC_URL, the content type, the size, the csrf, that the official still holds the
 * post, the post's forms in the last hour (WORKSPACE_POSTS_PER_HOUR), then the task and the fields. The signed
 * link is the credential: no basic auth in front of it.
 */
export function workspaceRouter(deps: EngineDeps, secret: string): Router {
  const router = Router();
  const publicUrl = new URL(deps.config.PUBLIC_URL);
  const basePath = publicUrl.pathname.replace(/\/$/, '');

  router.use('/w', (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'same-origin' });
    next();
  });

  const refuse = (res: Response, status: number, title: string, text: string, home: string | null = null) => sendPage(res, status, workspaceMessagePage(title, text, home));

  const signedLink = (req: Request, res: Response, next: NextFunction) => {
    const token = String(req.params.token);
    const check = verifyWorkspaceToken(token, secret, deps.now());
    if (!check.ok) {
      deps.logger.warn({ reason: check.reason }, 'workspace link refused');
      return refuse(res, 403, 'Đường dẫn không hợp lệ', REFUSED);
    }
    Object.assign(res.locals, { token, claims: check.claims, home: `${basePath}/w/${token}` });
    next();
  };
  const holdsPost = async (_req: Request, res: Response, next: NextFunction) => {
    const holder = await currentHolder(deps.prisma, localsOf(res).claims, deps.now());
    if (!holder) {
      deps.logger.warn({ official: localsOf(res).claims.official, unit: localsOf(res).claims.unit }, 'workspace link of a post no longer held');
      return refuse(res, 403, 'Đường dẫn không còn hiệu lực', REFUSED);
    }
    res.locals.holder = holder;
    next();
  };
  const sameOrigin = (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get('origin');
    if (origin !== undefined && origin !== publicUrl.origin) {
      deps.logger.warn({ origin }, 'workspace form from another origin refused');
      return refuse(res, 403, 'Yêu cầu bị từ chối', 'Biểu mẫu không được gửi từ trang của hệ thống nên không có gì được ghi nhận.');
    }
    next();
  };
  const formOnly = (req: Request, res: Response, next: NextFunction) => {
    if (req.is('application/x-www-form-urlencoded') !== 'application/x-www-form-urlencoded') {
      return refuse(res, 415, 'Định dạng không được hỗ trợ', 'Chỉ nhận biểu mẫu gửi từ trang không gian làm việc (application/x-www-form-urlencoded); không có gì được ghi nhận.');
    }
    next();
  };
  const parseForm = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 });
  const bodyRefused = (error: Error & { type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.too.large' || error.type === 'parameters.too.many') {
      return refuse(res, 413, 'Nội dung quá lớn', 'Biểu mẫu gửi lên vượt quá 16 KB; không có gì được ghi nhận. Mỗi trường ghi tối đa 2.000 ký tự.');
    }
    if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
      return refuse(res, 415, 'Định dạng không được hỗ trợ', 'Biểu mẫu phải được mã hóa UTF-8; không có gì được ghi nhận.');
    }
    if (error.type === 'request.aborted' || error.type === 'request.size.invalid' || error.type === 'entity.parse.failed') {
      return refuse(res, 400, 'Yêu cầu không hợp lệ', 'Không đọc được biểu mẫu gửi lên; không có gì được ghi nhận.');
    }
    next(error);
  };
  const csrf = (req: Request, res: Response, next: NextFunction) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!csrfMatches(body.csrf, localsOf(res).token, secret)) {
      deps.logger.warn({ unit: localsOf(res).claims.unit }, 'workspace form without a valid csrf refused');
      return refuse(res, 403, 'Yêu cầu bị từ chối', 'Biểu mẫu thiếu mã xác thực của trang hoặc mã không đúng; không có gì được ghi nhận. Vui lòng mở lại đường dẫn trong thư và gửi lại.');
    }
    next();
  };
  const guards = [signedLink, sameOrigin, formOnly, parseForm, bodyRefused, csrf, holdsPost];

  const frame = (res: Response, posted: PostedForm | null) => ({
    home: localsOf(res).home,
    csrf: workspaceCsrf(localsOf(res).token, secret),
    nonce: () => randomBytes(18).toString('base64url'),
    posted,
  });
  const render = async (res: Response, status: number, notice: WorkspaceNotice, posted: PostedForm | null) => {
    const { holder, claims } = localsOf(res);
    sendPage(res, status, workspacePage(await loadWorkspace(deps, holder), frame(res, posted), notice, claims.exp));
  };

  router.get('/w/:token', signedLink, holdsPost, async (req, res) => {
    const done = typeof req.query.done === 'string' && isWorkspaceAction(req.query.done) ? req.query.done : null;
    const task = typeof req.query.task === 'string' && CODE.test(req.query.task) ? req.query.task : null;
    await render(res, 200, done ? { kind: 'done', action: done, task } : null, null);
  });

  /** What a person typed into the form at `path`, to show it again: every field but the csrf. */
  const postedForm = (body: Record<string, unknown>, path: string, problems: PostedForm['problems']): PostedForm => ({
    target: path,
    values: Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'csrf')),
    problems,
    nonce: String(body.nonce),
  });
  const formPath = (req: Request) => (req.params.id === undefined ? `tasks/${String(req.params.code)}/${String(req.params.action)}` : `obstacles/${String(req.params.id)}/resolve`);

  // One post (an official of a unit) sends at most WORKSPACE_POSTS_PER_HOUR forms an hour, counted in this process,
  // so a leaked link or a script in a loop cannot fill the audit trail. The page comes back with what was typed.
  const limit = deps.config.WORKSPACE_POSTS_PER_HOUR;
  const postsPerHour = rateLimit({
    windowMs: HOUR_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => `${localsOf(res).claims.unit}:${localsOf(res).claims.official}`,
    handler: (req, res) => {
      const { claims } = localsOf(res);
      deps.logger.warn({ official: claims.official, unit: claims.unit, limit }, 'workspace form refused: too many in an hour');
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryMinutes = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + HOUR_MS) - Date.now()) / 60_000));
      void render(res, 429, { kind: 'tooMany', limit, retryMinutes }, postedForm(req.body as Record<string, unknown>, formPath(req), [])).catch((error: unknown) => {
        deps.logger.error({ err: (error as Error).message }, 'the workspace page could not be shown');
        if (!res.headersSent) refuse(res, 429, 'Chưa ghi nhận được', `Đường dẫn này đã gửi đủ ${limit} lần trong một giờ qua; vui lòng gửi lại sau khoảng ${retryMinutes} phút.`);
      });
    },
  });

  const answer = async (req: Request, res: Response, target: WorkspaceTarget, path: string) => {
    const { holder, home } = localsOf(res);
    const body = req.body as Record<string, unknown>;
    const outcome: PostOutcome = await postWorkspaceAction(deps, holder, target, body);
    switch (outcome.kind) {
      case 'recorded':
        res.redirect(303, `${home}?done=${outcome.action}&task=${encodeURIComponent(outcome.task)}#task-${encodeURIComponent(outcome.task)}`);
        return;
      case 'notFound':
        return refuse(res, 404, 'Không tìm thấy', 'Không tìm thấy nhiệm vụ hoặc vướng mắc này trong các việc của đơn vị; không có gì được ghi nhận.', home);
      case 'forbidden':
        return refuse(res, 403, 'Không thực hiện được', `${outcome.text} Không có gì được ghi nhận.`, home);
      case 'badForm':
        return refuse(res, 400, 'Biểu mẫu không hợp lệ', 'Biểu mẫu thiếu mã gửi (nonce) hoặc mã không hợp lệ; không có gì được ghi nhận. Vui lòng tải lại trang rồi gửi lại.', home);
      case 'invalid':
        await render(res, 422, { kind: 'problems', problems: outcome.problems }, postedForm(body, path, outcome.problems));
        return;
      case 'notAccepted': {
        const accepts = outcome.accepted.length ? outcome.accepted.map((t) => eventLabel(t)).join('; ') : 'không nhận thao tác nào';
        const text =
          outcome.reason ??
          html`Nhiệm vụ ${outcome.task} hiện ở trạng thái «${stateLabel(outcome.state)}» nên không nhận thao tác «${WORKSPACE_ACTIONS[outcome.action].label}»; không có gì được ghi nhận. Nhiệm vụ hiện nhận: ${accepts}.`;
        sendPage(res, 409, workspaceMessagePage('Không thực hiện được', text, home));
        return;
      }
    }
  };

  router.post('/w/:token/tasks/:code/:action', ...guards, postsPerHour, async (req: Request, res: Response) => {
    const code = String(req.params.code);
    const action = String(req.params.action);
    if (!isWorkspaceAction(action) || action === 'resolve-obstacle') {
      return refuse(res, 404, 'Không tìm thấy', 'Thao tác này không có trong không gian làm việc; không có gì được ghi nhận.', localsOf(res).home);
    }
    await answer(req, res, { kind: 'task', code, action }, formPath(req));
  });

  router.post('/w/:token/obstacles/:id/resolve', ...guards, postsPerHour, async (req: Request, res: Response) => {
    await answer(req, res, { kind: 'obstacle', id: String(req.params.id) }, formPath(req));
  });

  return router;
}
