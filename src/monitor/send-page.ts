import type { Response } from 'express';

// Our pages run no script and load nothing from elsewhere; the policy makes an escaping slip inert.
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Sends a server-rendered page with a strict Content-Security-Policy. */
export function sendPage(res: Response, status: number, page: string): void {
  res.status(status).set({ 'Content-Security-Policy': PAGE_POLICY, 'X-Content-Type-Options': 'nosniff' }).type('html').send(page);
}
