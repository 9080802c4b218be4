import { selectBackend } from '../engine/backend';
import { BACKENDS, BackendChoice, describeBackend } from '../shared/backendReport';
import { Options } from './args';

export const backendOptions: Options = {
  backend: { type: 'string' },
  json: { type: 'boolean' },
};

export const backendHelp = `alexnet backend [--backend auto|${BACKENDS.join('|')}] [--json]
  Which TensorFlow.js backend runs here, on what device (for webgpu: the adapter and its limits), and why each
  faster one is not used. A software WebGPU adapter (SwiftShader) is used only with --backend webgpu.`;

export async function backendCommand(values: Record<string, unknown>, backend: BackendChoice): Promise<void> {
  const report = await selectBackend(backend);
  process.stdout.write(values.json ? JSON.stringify(report, null, 1) + '\n' : describeBackend(report) + '\n');
}
