import { buildLayerTable } from '../engine/layerTable';
import { selectBackend } from '../engine/backend';
import { LayerTable } from '../shared/layerTable';
import { MODEL_VARIANTS, ModelVariant } from '../shared/modelConfig';
import { percent, shape, thousands } from '../shared/format';
import { intOption, Options, UsageError } from './args';

export const layersOptions: Options = {
  classes: { type: 'string' },
  'input-size': { type: 'string' },
  lrn: { type: 'boolean' },
  variant: { type: 'string' },
  json: { type: 'boolean' },
};

export const layersHelp = `alexnet layers [--classes N] [--input-size S] [--lrn] [--variant fixed|tutorial] [--json]
  The tutorial's layer table for this configuration, computed from the built model:
  kernel, stride, padding, output feature map, neurons, parameters, multiply-adds,
  share of parameters and the size formula floor((W - K + 2P)/S) + 1 per row.
  --classes N       output classes (default 1000, ImageNet)
  --input-size S    input side in pixels (default 224; at least 63)
  --lrn             add local response normalisation after conv1 and conv2
  --variant V       fixed: ReLU after fc6 and fc7 (default, what training builds); tutorial: the seed's
                    forward(), no ReLU after f9 and f10, as checkpoints imported from its model.py
  --json            print {inputSize, classes, layers: [...], totalParams, ...}`;

export function formatLayerTable(table: LayerTable): string {
  const header = ['Layer', 'Kernel', 'Stride/Pad', 'Output', 'Neurons', 'Params', 'MACs', 'Share', 'Size formula'];
  const rows = table.layers.map((r) => [
    `${r.name} (${r.type}${r.type === 'dense' && r.activation === 'linear' && r.name !== 'fc8' ? ', no ReLU' : ''})`,
    shape(r.kernel),
    r.stride === null ? '' : `${r.stride}/${r.padding}`,
    shape(r.output),
    thousands(r.neurons),
    thousands(r.params),
    thousands(r.macs),
    percent(r.paramShare),
    r.formula ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 4 && i <= 7 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const rule = '='.repeat(widths.reduce((a, w) => a + w + 2, -2));
  return [
    `AlexNet, input ${table.inputSize}x${table.inputSize}x3, ${table.classes} classes${table.lrn ? ', LRN' : ''}${table.variant === 'tutorial' ? ", the tutorial's forward() (no ReLU after fc6, fc7)" : ''}`,
    rule,
    line(header),
    rule.replace(/=/g, '-'),
    ...rows.map(line),
    rule,
    `Total params: ${thousands(table.totalParams)}`,
    `Dense layers: ${thousands(table.denseParams)} params (${percent(table.denseShare)} of all)`,
    `Neurons: ${thousands(table.totalNeurons)}   Multiply-adds per image: ${thousands(table.totalMacs)}`,
  ].join('\n');
}

export async function layersCommand(values: Record<string, unknown>): Promise<void> {
  // The table needs shapes and parameter counts only; the cpu backend builds it without native code.
  const variant = (values.variant ?? 'fixed') as ModelVariant;
  if (!MODEL_VARIANTS.includes(variant)) throw new UsageError(`--variant must be ${MODEL_VARIANTS.join(' or ')}, got '${variant}'`);
  await selectBackend('cpu');
  const table = buildLayerTable({
    numClasses: intOption(values.classes, 'classes') ?? 1000,
    inputSize: intOption(values['input-size'], 'input-size') ?? 224,
    lrn: Boolean(values.lrn),
    variant,
  });
  process.stdout.write(values.json ? JSON.stringify(table, null, 1) + '\n' : formatLayerTable(table) + '\n');
}
