/**
 * Records the panel messages of a real session for the webview tests: the real trainer process
 * (dist/trainer.js) makes a small MNIST sample dataset, checks it, reports its backend and layer table, trains
 * two epochs and classifies test images; each result becomes the HostToPanel message the extension sends.
 *
 *   npm run build && node out/test/webview/recordFixture.js   # writes test/webview/fixtures/session.json
 */
import * as fs from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { TrainerClient } from '../../src/trainer/trainerClient';
import { HostToPanel } from '../../src/shared/panelProtocol';
import { DEFAULT_TRAIN_CONFIG } from '../../src/shared/trainConfig';
import { ROOT } from './panelPage';

/** Where the recorded paths point in the fixture, instead of a temporary folder. */
const WORKSPACE = '/workspace';

export interface SessionFixture {
  recordedAt: string;
  messages: HostToPanel[];
}

async function main(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'alexnet-fixture-'));
  const client = new TrainerClient({ script: path.join(ROOT, 'dist', 'trainer.js'), log: (l) => process.stderr.write(l + '\n') });
  const messages: HostToPanel[] = [];
  try {
    const sample = await client.request('sampleData', { dir: path.join(tmp, 'mnist-sample'), perClassTrain: 40, perClassTest: 10 });
    // One unreadable file, so the fixture exercises the skipped-files list.
    await fs.writeFile(path.join(sample.dir, 'train', sample.classes[3], 'broken.png'), 'not a png');
    const inputSize = 64;
    const epochs = 6;
    const outDir = path.join(tmp, '.alexnet', 'runs', '20261128-000000');
    // The order the extension sends them in: the run's scan, backend and layer table arrive before its batches.
    const done = await client.request(
      'train',
      { config: { ...DEFAULT_TRAIN_CONFIG, datasetDir: sample.dir, outDir, epochs, inputSize, batchSize: 16 } },
      {
        onEvent: (m) => {
          if (m.type === 'started') messages.push({ type: 'runStarted', ...m.run });
          else if (m.type === 'dataset') messages.push({ type: 'dataset', summary: m.summary });
          else if (m.type === 'backend') messages.push({ type: 'backend', report: m.report });
          else if (m.type === 'layers') messages.push({ type: 'layers', table: m.table });
          else if (m.type !== 'progress') messages.push(m); // progress counts go to the host's notification, not the panel
        },
      },
    );
    const backend = messages.find((m) => m.type === 'backend');
    const summary = messages.find((m) => m.type === 'dataset');
    if (backend?.type !== 'backend' || summary?.type !== 'dataset') throw new Error('the run sent no backend or dataset');
    messages.push({ type: 'phase', phase: done.stopped ? 'stopped' : 'done', message: `best test accuracy ${((done.best?.testAcc ?? 0) * 100).toFixed(2)}% at epoch ${done.best?.epoch}` });
    const checkpoint = done.best?.path ?? path.join(outDir, 'best');
    messages.push({ type: 'checkpoint', path: checkpoint });
    const files = summary.summary.classes.slice(0, 4).map((c) => path.join(sample.dir, 'test', c));
    const images = (await Promise.all(files.map(async (d) => path.join(d, (await fs.readdir(d)).sort()[0])))) as string[];
    const result = await client.request('classify', { checkpoint, paths: images, topK: 5, backend: backend.report.backend });
    const items = await Promise.all(
      result.files.map(async (f) => ({
        file: f.file,
        // The extension sends webview URIs; a test page has none, so the recorded images travel inline.
        thumbnail: `data:image/png;base64,${(await fs.readFile(f.file)).toString('base64')}`,
        checkpoint: result.checkpoint,
        top: f.top,
        error: f.error,
        trueClass: f.trueClass ?? path.basename(path.dirname(f.file)),
        at: '2026-11-28T00:10:00.000Z',
      })),
    );
    messages.push({ type: 'predictions', items: items.reverse() });
    const fixture: SessionFixture = { recordedAt: new Date().toISOString(), messages };
    const text = JSON.stringify(fixture, null, 1).split(tmp).join(WORKSPACE);
    const out = path.join(ROOT, 'test', 'webview', 'fixtures', 'session.json');
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, text + '\n');
    console.log(`wrote ${out}: ${messages.length} messages`);
  } finally {
    client.dispose();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exitCode = 1;
});
