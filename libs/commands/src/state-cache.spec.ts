import { StateCache } from './state-cache';

const entry = (version: number) => ({ state: { version }, version, position: String(version) });

describe('StateCache', () => {
  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new StateCache(2);
    cache.set('a', entry(1));
    cache.set('b', entry(1));
    cache.get('a');
    cache.set('c', entry(1));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(entry(1));
    expect(cache.get('c')).toEqual(entry(1));
  });

  it('replaces a stream’s entry and counts it as recently used', () => {
    const cache = new StateCache(2);
    cache.set('a', entry(1));
    cache.set('b', entry(1));
    cache.set('a', entry(2));
    cache.set('c', entry(1));
    expect(cache.get('a')).toEqual(entry(2));
    expect(cache.get('b')).toBeUndefined();
  });
});
