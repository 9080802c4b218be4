/**
 * Export a checkpoint for use elsewhere: src/shared/exportModel.ts writes a folder that
 * @teachablemachine/image and other TF.js clients load (model.json + weights + metadata.json). No tfjs needed.
 */
import { exportForClients } from '../shared/exportModel';

export type { ExportMetadata } from '../shared/exportModel';

/** Exports into a new folder inside destParent and returns that folder. */
export async function exportCheckpoint(checkpointDir: string, destParent: string, name: string): Promise<string> {
  return (await exportForClients(checkpointDir, destParent, name)).dir;
}
