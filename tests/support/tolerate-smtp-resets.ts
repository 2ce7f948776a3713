import { SMTPServer } from 'smtp-server';

/**
 * Makes the SMTP servers of this test file ignore a client that vanishes mid-session (ECONNRESET, EPIPE): a
 * worker killed with SIGKILL does exactly that. smtp-sink.ts registers no 'error' listener, so smtp-server's
 * re-emitted connection error would otherwise surface as an unhandled error and fail the run.
 */
export function tolerateSmtpClientResets(): void {
  const proto = SMTPServer.prototype as unknown as { _onError(this: SMTPServer, error: Error & { code?: string }): void };
  const original = proto._onError;
  proto._onError = function onError(error) {
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
    original.call(this, error);
  };
}
