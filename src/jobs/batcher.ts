// A micro-batcher: the jobs a worker runs concurrently hand in their keys and
// wait; whatever arrived while the previous batch was busy goes out as the
// next batch. Under light load a batch is one job (no added wait: the flush is
// on the next tick); under heavy load batches grow by themselves, up to `max`.
// Each caller gets its own result or its own error. With `lingerMs`, a batch
// waits that long for company (unless it is full): for work off the reply
// path, where fewer and larger batches matter more than a few milliseconds.
export type BatchRun<K, R> = (keys: readonly K[]) => Promise<(R | Error)[]>;

interface Waiter<K, R> {
  key: K;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

export class MicroBatcher<K, R> {
  private queue: Waiter<K, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: BatchRun<K, R>,
    private readonly opts: { max: number; parallel: number; lingerMs?: number },
  ) {}

  submit(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ key, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.opts.parallel || this.queue.length === 0) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      void this.flush();
    };
    // The next turn of the event loop: jobs started in this one join the batch.
    if (this.opts.lingerMs && this.queue.length < this.opts.max) setTimeout(go, this.opts.lingerMs);
    else setImmediate(go);
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.opts.parallel || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.opts.max);
    this.inFlight++;
    try {
      const results = await this.run(batch.map((w) => w.key));
      batch.forEach((w, i) => {
        const r = results[i];
        if (r === undefined) w.reject(new Error('batch returned no result for this key'));
        else if (r instanceof Error) w.reject(r);
        else w.resolve(r);
      });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      for (const w of batch) w.reject(e);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
