import * as fs from 'fs/promises';
import * as path from 'path';
import { parseJsonFile } from '../../shared/checkpointChecks';
import { CheckpointPredictions, FilePrediction } from '../../shared/inspect';
import { PREDICTIONS_FILE } from '../../shared/runLayout';
import { Sample } from '../datasetScan';
import { Evaluation } from '../evaluate';

// predictions.json sits beside meta.json in best/ and last/, written with the checkpoint, so it always describes
// that checkpoint's epoch.
const PREDICTIONS_LIMIT = 64 * 1024 * 1024;

/** Rows [file relative to root, true class index, predicted class index, probability]: about 40 bytes an image. */
type Row = [string, number, number, number];

interface PredictionsJson {
  format: 'alexnet-trainer-predictions';
  version: 1;
  epoch: number;
  root: string;
  classes: string[];
  files: Row[];
}

/** predictions.json text for one evaluation of the test split. */
export function predictionsJson(epoch: number, root: string, classes: string[], samples: Sample[], evaluation: Evaluation): string {
  const files: Row[] = evaluation.predictions.map((p) => {
    const s = samples[p.sample];
    return [path.relative(root, s.file).split(path.sep).join('/'), s.label, p.predicted, Number(p.probability.toFixed(6))];
  });
  const json: PredictionsJson = { format: 'alexnet-trainer-predictions', version: 1, epoch, root, classes, files };
  return JSON.stringify(json);
}

function fail(file: string, what: string): never {
  throw new Error(`${file}: ${what}`);
}

/** Reads and checks a checkpoint's predictions.json (untrusted: paths must stay inside the dataset root). */
export async function readPredictions(checkpointDir: string): Promise<CheckpointPredictions | undefined> {
  const file = path.join(checkpointDir, PREDICTIONS_FILE);
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.size > PREDICTIONS_LIMIT) fail(file, `${stat.size} bytes is over the ${PREDICTIONS_LIMIT}-byte limit`);
  const json = parseJsonFile(await fs.readFile(file, 'utf8'), file) as Partial<PredictionsJson>;
  if (json.format !== 'alexnet-trainer-predictions' || json.version !== 1) fail(file, 'not an alexnet-trainer predictions file (format/version)');
  if (!Number.isInteger(json.epoch) || typeof json.root !== 'string' || !path.isAbsolute(json.root)) fail(file, '"epoch" and an absolute "root" are required');
  const classes = json.classes;
  if (!Array.isArray(classes) || !classes.every((c) => typeof c === 'string')) fail(file, '"classes" must be an array of names');
  if (!Array.isArray(json.files)) fail(file, '"files" must be an array');
  const root = json.root;
  const isClass = (i: unknown): i is number => Number.isInteger(i) && (i as number) >= 0 && (i as number) < classes.length;
  const files: FilePrediction[] = json.files.map((row, n) => {
    const [rel, t, p, prob] = Array.isArray(row) ? row : [];
    const ok = typeof rel === 'string' && !path.isAbsolute(rel) && !rel.split(/[\\/]/).includes('..') && isClass(t) && isClass(p) && typeof prob === 'number' && prob >= 0 && prob <= 1;
    if (!ok) fail(file, `row ${n + 1} is not [relative file, true class, predicted class, probability]`);
    return { file: path.join(root, rel), trueClass: classes[t], predicted: classes[p], probability: prob };
  });
  return { epoch: json.epoch as number, classes, files };
}
