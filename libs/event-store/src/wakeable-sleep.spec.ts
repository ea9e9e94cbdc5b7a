import { WakeableSleep } from './wakeable-sleep';

describe('WakeableSleep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves after its time when nothing wakes it', async () => {
    const idle = new WakeableSleep();
    let done = false;
    const slept = idle.sleep(1000).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);
  });

  it('ends at once on wake(), and a wake() with no wait under way changes nothing for the next one', async () => {
    const idle = new WakeableSleep();
    idle.wake();
    let done = false;
    const slept = idle.sleep(10_000).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    idle.wake();
    await slept;
    expect(done).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });
});
