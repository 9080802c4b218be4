/**
 * Export a checkpoint for use elsewhere: the TF.js model (model.json + its weight files) and a metadata.json
 * with the labels in index order, the input size and the normalisation. Plain file copies: no tfjs needed.
 */
import * as fs from 'fs/promises';
import * as path from 'path';
import { checkMeta, checkWeightFileName, parseJsonFile } from '../shared/checkpointChecks';
import { CheckpointMeta } from '../shared/checkpointMeta';

interface ModelJson {
  weightsManifest?: { paths?: unknown[] }[];
}

export interface ExportMetadata {
  modelName: 'AlexNet';
  labels: string[];
  classToIdx: Record<string, number>;
  imageSize: number;
  normalisation: CheckpointMeta['normalisation'];
  epoch: number;
  /** Null when the checkpoint was saved mid-epoch and never evaluated. */
  testAccuracy: number | null;
  exportedFrom: string;
  exportedAt: string;
}

/** Copies the checkpoint into a new folder inside destParent and returns that folder. */
export async function exportCheckpoint(checkpointDir: string, destParent: string, name: string): Promise<string> {
  const metaFile = path.join(checkpointDir, 'meta.json');
  const modelFile = path.join(checkpointDir, 'model.json');
  const meta = checkMeta(parseJsonFile(await fs.readFile(metaFile, 'utf8'), metaFile), metaFile);
  const modelText = await fs.readFile(modelFile, 'utf8');
  const model = parseJsonFile(modelText, modelFile) as ModelJson;
  // A hostile model.json could name '../..' paths: copying them would read and write outside both folders.
  const manifest = Array.isArray(model.weightsManifest) ? model.weightsManifest : [];
  const weightFiles = manifest.flatMap((group) => (Array.isArray(group.paths) ? group.paths : [])).map((p) => checkWeightFileName(p, modelFile));
  if (weightFiles.length === 0) throw new Error(`${modelFile}: names no weight files`);
  let dest = path.join(destParent, name);
  for (let i = 2; await fs.stat(dest).then(() => true, () => false); i++) dest = path.join(destParent, `${name}-${i}`);
  await fs.mkdir(dest, { recursive: true });
  await fs.writeFile(path.join(dest, 'model.json'), modelText);
  for (const file of weightFiles) {
    const src = path.join(checkpointDir, file);
    await fs.copyFile(src, path.join(dest, file)).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`cannot copy weight file ${src}: ${err.code ?? err.message}`);
    });
  }
  const metadata: ExportMetadata = {
    modelName: 'AlexNet',
    labels: meta.classes,
    classToIdx: meta.classToIdx,
    imageSize: meta.inputSize,
    normalisation: meta.normalisation,
    epoch: meta.epoch,
    testAccuracy: meta.metrics.testAcc,
    exportedFrom: checkpointDir,
    exportedAt: new Date().toISOString(),
  };
  await fs.writeFile(path.join(dest, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n');
  return dest;
}
