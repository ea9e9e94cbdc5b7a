import { KeyedMutex } from './keyed-mutex';

function gate(): { open: () => void; passed: Promise<void> } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { open, passed };
}

describe('KeyedMutex', () => {
  it('runs work on one key one at a time, in arrival order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const first = gate();
    const a = mutex.run('k', async () => {
      log.push('a starts');
      await first.passed;
      log.push('a ends');
    });
    const b = mutex.run('k', async () => void log.push('b'));
    const c = mutex.run('k', async () => void log.push('c'));
    await Promise.resolve();
    expect(log).toEqual(['a starts']);
    first.open();
    await Promise.all([a, b, c]);
    expect(log).toEqual(['a starts', 'a ends', 'b', 'c']);
    expect(mutex.size).toBe(0);
  });

  it('does not hold up other keys', async () => {
    const mutex = new KeyedMutex();
    const held = gate();
    const slow = mutex.run('a', () => held.passed);
    await expect(mutex.run('b', async () => 'b done')).resolves.toBe('b done');
    held.open();
    await slow;
  });

  it('releases the key when the work throws', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('k', async () => 'next')).resolves.toBe('next');
    expect(mutex.size).toBe(0);
  });

  it('holds several keys at once without deadlocking callers that name them in another order', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    await Promise.all([
      mutex.runAll(['x', 'y', 'x'], async () => void order.push('xy')),
      mutex.runAll(['y', 'x'], async () => void order.push('yx')),
      mutex.run('y', async () => void order.push('y')),
    ]);
    expect(order.sort()).toEqual(['xy', 'y', 'yx']);
    expect(mutex.size).toBe(0);
  });
});
