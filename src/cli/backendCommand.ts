import { selectBackend } from '../engine/backend';
import { BackendChoice, describeBackend } from '../shared/backendReport';
import { Options } from './args';

export const backendOptions: Options = {
  backend: { type: 'string' },
  json: { type: 'boolean' },
};

export const backendHelp = `alexnet backend [--backend auto|tensorflow-gpu|tensorflow|wasm|cpu] [--json]
  Which TensorFlow.js backend runs here, on what device, and why each faster one is not used.`;

export async function backendCommand(values: Record<string, unknown>, backend: BackendChoice): Promise<void> {
  const report = await selectBackend(backend);
  process.stdout.write(values.json ? JSON.stringify(report, null, 1) + '\n' : describeBackend(report) + '\n');
}
