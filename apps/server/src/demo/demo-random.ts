/**
 * The demo's chance and ids: seeded generators (mulberry32), so the same size gives the same data
 * — the same ids, texts, marks and therefore the same seal hashes — on every run and engine.
 */

/** A generator of numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/**
 * UUIDs (version 4 layout, RFC 9562 variant) drawn from a seeded generator: valid wherever the API
 * checks a uuid, and the same sequence on every run.
 */
export function seededIds(seed: number): () => string {
  const next = seededRandom(seed);
  const word = () => Math.floor(next() * 4294967296);
  return () => {
    const a = hex8(word());
    const b = hex8(word());
    const c = hex8(word());
    const d = hex8(word());
    const version = `4${b.slice(5, 8)}`;
    const variant = ((parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16) + c.slice(1, 4);
    return `${a}-${b.slice(0, 4)}-${version}-${variant}-${c.slice(4, 8)}${d}`;
  };
}

/** A pick from a list with a generator. */
export function picker(random: () => number) {
  return <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('picker: empty list');
    return item;
  };
}
