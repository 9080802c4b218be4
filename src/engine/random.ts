/** A seeded random source whose state can be saved, so a stopped epoch resumes with the same augmentation. */
export interface Random {
  (): number;
  /** The generator's state: rng(state()) continues exactly where this one is. */
  state(): number;
}

/** mulberry32: a small, fast, seedable PRNG, so shuffles and splits are reproducible. */
export function rng(seed: number): Random {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Random;
  next.state = () => a;
  return next;
}

/** A seeded Fisher-Yates permutation of 0..n-1. */
export function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const next = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
