/**
 * Cost of one image's feature maps at 224 px (issue 12): wall time of decode + one multi-output forward pass +
 * 8-bit compaction, and the bytes that cross to the panel, at full size and downsampled for transport.
 * Figures, not assertions: `npm run bench:inspect` (ALEXNET_BACKEND picks the backend; default auto).
 */
import * as path from 'path';
import { buildAlexNet } from '../../src/engine/alexnet';
import { selectBackend } from '../../src/engine/backend';
import { featureMaps } from '../../src/engine/inspect/featureMaps';
import { PANEL_MAP_SIDE } from '../../src/shared/inspect';
import { BackendChoice } from '../../src/shared/backendReport';
import { modelConfig } from '../../src/shared/modelConfig';
import { tmpDir, writeDigit } from '../helpers/tmp';

async function main(): Promise<void> {
  const report = await selectBackend((process.env.ALEXNET_BACKEND ?? 'auto') as BackendChoice);
  const image = path.join(tmpDir(), 'digit.png');
  await writeDigit(image, 5, 0);
  const model = buildAlexNet(modelConfig({ numClasses: 10, inputSize: 224, seed: 1 }));
  console.log(`backend ${report.backend} (${report.device}), input 224 px, 11 layers`);
  for (const maxSide of [Infinity, PANEL_MAP_SIDE]) {
    await featureMaps(model, 224, image, { maxSide }); // first pass compiles kernels
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const maps = await featureMaps(model, 224, image, { maxSide });
      times.push(performance.now() - t);
      bytes = JSON.stringify(maps).length;
    }
    times.sort((a, b) => a - b);
    const label = maxSide === Infinity ? 'full-size maps' : `maps at most ${maxSide} px a side`;
    console.log(`${label}: median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}), ${(bytes / 1024).toFixed(0)} KiB as JSON`);
  }
  model.dispose();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
