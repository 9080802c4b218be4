import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { checkDatasetCached, datasetSummary } from '../../src/engine/datasetSummaryCache';
import { tmpDir, writeSplit } from '../helpers/tmp';

test('a checked dataset is summarised again from the cache while unchanged, and re-counted without decoding when changed', async () => {
  const root = path.join(tmpDir(), '计算机 data');
  const cache = tmpDir();
  await writeSplit(root, 'train', ['开心 happy', 'sad'], 4);
  await writeSplit(root, 'test', ['开心 happy', 'sad'], 2, 100);
  fs.writeFileSync(path.join(root, 'train', 'sad', 'notes.png'), 'not pixels');

  const before = await datasetSummary(root, cache);
  assert.equal(before.decoded, undefined, 'nothing checked yet: listing counts');
  assert.deepEqual(before.counts.train, [5, 4], 'sad, then 开心 happy: code-point order');

  const checked = await checkDatasetCached(root, cache);
  assert.equal(checked.decoded, true);
  assert.deepEqual(checked.counts.train, [4, 4]);
  assert.deepEqual(await datasetSummary(root, cache), checked, 'unchanged: the check result, with its decode findings');

  // A new file changes the fingerprint: counted from the listing, so the undecodable notes.png counts again.
  await writeSplit(root, 'train', ['开心 happy'], 5);
  const changed = await datasetSummary(root, cache);
  assert.equal(changed.decoded, undefined);
  assert.deepEqual(changed.counts.train, [5, 5]);

  fs.writeFileSync(path.join(cache, 'datasets', fs.readdirSync(path.join(cache, 'datasets'))[0]), '{ damaged');
  assert.deepEqual((await datasetSummary(root, cache)).counts.train, [5, 5], 'a damaged cache entry is ignored');
});
