import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const REALM = 'da06';

// Hashing both sides first gives equal lengths, so the comparison time says nothing about the secret's length.
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Express middleware asking for HTTP basic auth with `user` and `password` (timing-safe comparison). */
export function basicAuth(user: string, password: string): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header);
    if (match?.[1]) {
      const decoded = Buffer.from(match[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) {
        const userOk = sameSecret(decoded.slice(0, colon), user);
        const passwordOk = sameSecret(decoded.slice(colon + 1), password);
        if (userOk && passwordOk) {
          next();
          return;
        }
      }
    }
    res
      .status(401)
      .set('WWW-Authenticate', `Basic realm="${REALM}", charset="UTF-8"`)
      .type('text/plain; charset=utf-8')
      .send('Cần đăng nhập: đặt tên và mật khẩu DASHBOARD_USER / DASHBOARD_PASSWORD của máy chủ.\n');
  };
}
