/** The idle wait of a polling loop, which a wake-up (a poke, a stop) ends early. */
export class WakeableSleep {
  private wakeUp: (() => void) | null = null;

  /** Resolves after `ms`, or at the next `wake()`, whichever comes first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** Ends the wait under way, if any. */
  wake(): void {
    this.wakeUp?.();
  }
}
