/**
 * Export a checkpoint for use elsewhere: the TF.js model (model.json + its weight files) and a metadata.json
 * with the labels in index order, the input size and the normalisation. Plain file copies: no tfjs needed.
 */
import * as fs from 'fs/promises';
import * as path from 'path';
import { CheckpointMeta } from '../shared/checkpointMeta';

interface ModelJson {
  weightsManifest?: { paths: string[] }[];
}

export interface ExportMetadata {
  modelName: 'AlexNet';
  labels: string[];
  classToIdx: Record<string, number>;
  imageSize: number;
  normalisation: CheckpointMeta['normalisation'];
  epoch: number;
  testAccuracy: number;
  exportedFrom: string;
  exportedAt: string;
}

/** Copies the checkpoint into a new folder inside destParent and returns that folder. */
export async function exportCheckpoint(checkpointDir: string, destParent: string, name: string): Promise<string> {
  const meta = JSON.parse(await fs.readFile(path.join(checkpointDir, 'meta.json'), 'utf8')) as CheckpointMeta;
  const modelText = await fs.readFile(path.join(checkpointDir, 'model.json'), 'utf8');
  const model = JSON.parse(modelText) as ModelJson;
  const weightFiles = (model.weightsManifest ?? []).flatMap((group) => group.paths);
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
