import * as fs from 'fs/promises';
import * as path from 'path';
import { selectBackend } from '../engine/backend';
import { loadCheckpoint } from '../engine/checkpoints';
import { decodeImage } from '../engine/imageDecode';
import { gradCam } from '../engine/inspect/gradCam';
import { BackendChoice } from '../shared/backendReport';
import { percent } from '../shared/format';
import { Options, UsageError } from './args';
import { writeGradCamPngs } from './inspectImages';

export const explainOptions: Options = { class: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } };

export const explainHelp = `alexnet explain <checkpointDir> <image> [--class NAME] [--out DIR] [--json]
  Grad-CAM at conv5: where in the image the network found evidence for a class. Writes
  <image name>-heatmap.png (viridis, yellow = strongest) and <image name>-overlay.png (the heat map over the
  image as the network saw it) into DIR (default: the current folder).
  --class NAME   the class to explain (default: the predicted class)
  --json         print {image, checkpoint, className, classIndex, probability, layer, camSize, inputSize,
                 heatmap: [H][W] in [0, 1] at the input size}; PNGs only when --out is given`;

export async function explainCommand(positionals: string[], values: Record<string, unknown>, backend: BackendChoice): Promise<number> {
  const [checkpointDir, image, ...extra] = positionals;
  if (!checkpointDir || !image || extra.length > 0) throw new UsageError('explain needs a checkpoint folder and one image');
  await selectBackend(backend);
  const checkpoint = await loadCheckpoint(checkpointDir);
  try {
    const result = await gradCam(checkpoint, path.resolve(image), typeof values.class === 'string' ? values.class : undefined);
    const writePngs = !values.json || typeof values.out === 'string';
    const outDir = path.resolve(typeof values.out === 'string' ? values.out : '.');
    const stem = path.parse(image).name;
    const files = writePngs ? { heatmap: path.join(outDir, `${stem}-heatmap.png`), overlay: path.join(outDir, `${stem}-overlay.png`) } : undefined;
    if (files) {
      await fs.mkdir(outDir, { recursive: true });
      await writeGradCamPngs(files.heatmap, files.overlay, await decodeImage(result.image, result.inputSize), result.heatmap);
    }
    if (values.json) {
      const heatmap = result.heatmap.map((row) => row.map((v) => Math.round(v * 1e4) / 1e4));
      const { cam: _low, ...rest } = result;
      process.stdout.write(JSON.stringify({ ...rest, checkpoint: checkpoint.dir, heatmap, ...files }) + '\n');
    } else {
      process.stdout.write(`${result.image}: ${result.className} (${percent(result.probability)}), Grad-CAM at ${result.layer} (${result.camSize}x${result.camSize})\n`);
      if (files) process.stdout.write(`${files.heatmap}\n${files.overlay}\n`);
    }
    return 0;
  } finally {
    checkpoint.model.dispose();
  }
}
