/**
 * Work a platform edge does after it has acknowledged a delivery (Slack wants a 2xx within 3 s;
 * storing, looking people up and drafting may take longer). Each task's failure is the task's own
 * business: `run` never rejects. Shutdown waits for `idle()` before closing the database, and
 * tests await it instead of sleeping.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  /** Runs the task now and tracks it until it settles; resolves when it has (errors are swallowed — log inside the task). */
  run(task: () => Promise<void>): Promise<void> {
    const running = task().catch(() => undefined);
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running));
    return running;
  }

  /** How many tasks are still running. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves once every task started so far (and any they started meanwhile) has settled. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
