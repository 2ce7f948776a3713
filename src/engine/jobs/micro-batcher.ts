/** Collects single items into batches (up to `maxSize`, or what arrived within `maxWaitMs`) for one bulk call. */
export interface MicroBatcher<I, O> {
  submit(item: I): Promise<O>;
}

/**
 * Creates a batcher: each `submit` resolves with its own result once the batch it joined has been handled by
 * `handle`, which returns one result per item in order; if `handle` throws, every item of that batch rejects.
 */
export function createMicroBatcher<I, O>(handle: (items: I[]) => Promise<O[]>, options: { maxSize: number; maxWaitMs: number }): MicroBatcher<I, O> {
  let pending: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    handle(batch.map((b) => b.item)).then(
      (results) => batch.forEach((b, i) => b.resolve(results[i] as O)),
      (error: unknown) => batch.forEach((b) => b.reject(error)),
    );
  };
  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        if (pending.length >= options.maxSize) flush();
        else timer ??= setTimeout(flush, options.maxWaitMs);
      });
    },
  };
}
