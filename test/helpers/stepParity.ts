import assert from 'node:assert/strict';

/**
 * Asserts each variable's update on a backend is within `limit` of the cpu update, relative to the largest cpu
 * update of that variable (float32 sums in a different order over a whole network). Returns one line per variable.
 */
export function assertUpdatesMatch(names: string[], actual: Float32Array[], expected: Float32Array[], limit = 1e-3): string[] {
  const errors: string[] = [];
  for (let v = 0; v < expected.length; v++) {
    let diff = 0;
    let scale = 1e-12;
    for (let i = 0; i < expected[v].length; i++) {
      diff = Math.max(diff, Math.abs(actual[v][i] - expected[v][i]));
      scale = Math.max(scale, Math.abs(expected[v][i]));
    }
    errors.push(`${names[v]} ${(diff / scale).toExponential(1)}`);
    assert.ok(diff / scale < limit, `${names[v]}: update differs by ${diff / scale} relative`);
  }
  return errors;
}
