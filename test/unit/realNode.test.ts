import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { findRealNode, needsRealNode } from '../../src/trainer/realNode';

test('a real Node.js for the trainer: the configured binary is run and its version checked', () => {
  const found = findRealNode(process.execPath);
  assert.ok('path' in found, JSON.stringify(found));
  assert.equal(found.version, process.versions.node);
  const missing = findRealNode(path.join(process.cwd(), 'no-such-node'));
  assert.ok('reason' in missing);
  assert.match(missing.reason, /no-such-node' did not run/);
  // Outside Electron the trainer keeps this process's Node whatever the backend.
  assert.equal(needsRealNode('webgpu'), false);
});
