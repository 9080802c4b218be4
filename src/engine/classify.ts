import * as tf from '@tensorflow/tfjs-core';
import * as fs from 'fs/promises';
import * as path from 'path';
import { ClassifiedFile, ClassifyResult, Prediction } from '../shared/checkpointMeta';
import { writeNormalised } from './batches';
import { loadCheckpoint } from './checkpoints';
import { imagesUnder } from './datasetScan';
import { accuracies, emptyConfusion } from './evaluate';
import { codePointCompare, isHidden } from '../shared/imageFiles';
import { decodeImage, ImageDecodeError } from './imageDecode';
import { StepControl, throttled, throwIfCancelled } from './progress';

const BATCH = 32;

interface Input {
  file: string;
  trueClass?: string;
}

/** Images under a folder, walked as the dataset scanner does (sorted, hidden entries and link loops left out). */
async function listImages(dir: string): Promise<string[]> {
  return (await imagesUnder(dir, [])).map((f) => f.file);
}

/** A folder whose sub-folders are named as the checkpoint's classes is evaluated; any other folder is just listed. */
async function expand(p: string, classes: string[]): Promise<Input[]> {
  const stat = await fs.stat(p).catch(() => undefined);
  if (!stat) throw new Error(`${p} not found`);
  if (!stat.isDirectory()) return [{ file: p }];
  const subdirs = (await fs.readdir(p, { withFileTypes: true })).filter((e) => e.isDirectory() && !isHidden(e.name)).map((e) => e.name);
  const labelled = subdirs.length > 0 && subdirs.every((d) => classes.includes(d));
  if (!labelled) return (await listImages(p)).map((file) => ({ file }));
  const inputs: Input[] = [];
  for (const d of subdirs.sort(codePointCompare)) inputs.push(...(await listImages(path.join(p, d))).map((file) => ({ file, trueClass: d })));
  return inputs;
}

/** Top-k classes with softmax probabilities for each image; accuracy and confusion when the inputs are class folders. */
export async function classify(checkpoint: string, paths: string[], topK = 5, control: StepControl = {}): Promise<ClassifyResult> {
  const { dir, model, meta } = await loadCheckpoint(checkpoint);
  try {
    const inputs = (await Promise.all(paths.map((p) => expand(path.resolve(p), meta.classes)))).flat();
    const report = throttled(control.onProgress);
    report('classify', 0, inputs.length);
    const k = Math.max(1, Math.min(topK, meta.classes.length));
    const size = meta.inputSize;
    const files: ClassifiedFile[] = [];
    for (let start = 0; start < inputs.length; start += BATCH) {
      throwIfCancelled(control.signal);
      const chunk = inputs.slice(start, start + BATCH);
      const decoded = await Promise.all(
        chunk.map((input) =>
          decodeImage(input.file, size).then(
            (pixels) => ({ input, pixels }),
            (err: unknown) => ({ input, error: err instanceof ImageDecodeError ? err.reason : String(err), errorMessage: err instanceof ImageDecodeError ? err.coded : undefined }),
          ),
        ),
      );
      const ok = decoded.filter((d): d is { input: Input; pixels: Uint8Array } => 'pixels' in d);
      const probs = new Map<Input, Float32Array>();
      if (ok.length > 0) {
        const per = size * size * 3;
        const buf = new Float32Array(ok.length * per);
        ok.forEach((d, i) => writeNormalised(buf, i * per, d.pixels, size));
        const out = tf.tidy(() => tf.softmax(model.predict(tf.tensor4d(buf, [ok.length, size, size, 3])) as tf.Tensor2D));
        const values = (await out.data()) as Float32Array;
        out.dispose();
        const n = meta.classes.length;
        ok.forEach((d, i) => probs.set(d.input, values.subarray(i * n, (i + 1) * n)));
      }
      for (const d of decoded) {
        const p = probs.get(d.input);
        if (!p) {
          files.push({ file: d.input.file, top: [], error: 'error' in d ? d.error : 'not decoded', errorMessage: 'error' in d ? d.errorMessage : undefined, trueClass: d.input.trueClass });
          continue;
        }
        const top: Prediction[] = Array.from(p, (probability, index) => ({ class: meta.classes[index], index, probability }))
          .sort((a, b) => b.probability - a.probability)
          .slice(0, k);
        files.push({ file: d.input.file, top, trueClass: d.input.trueClass, predicted: top[0].class, probability: top[0].probability });
      }
      report('classify', files.length, inputs.length);
    }
    const result: ClassifyResult = { checkpoint: dir, datasetDir: meta.config.datasetDir, classes: meta.classes, files };
    const labelled = files.filter((f) => f.trueClass !== undefined && f.top.length > 0);
    if (labelled.length > 0 && labelled.length === files.filter((f) => f.top.length > 0).length) {
      const confusion = emptyConfusion(meta.classes.length);
      for (const f of labelled) confusion[meta.classes.indexOf(f.trueClass as string)][f.top[0].index]++;
      result.evaluation = { ...accuracies(confusion), confusion, count: labelled.length };
    }
    return result;
  } finally {
    model.dispose();
  }
}
