/**
 * The PyTorch key layouts of the tutorial's AlexNet, and the checks that a state_dict is one of them: the seed's
 * model.py (c1, c3, c5, c6, c7, f9, f10, output) and the Sequential reference (features.N, classifier.N).
 * Shapes are PyTorch's: conv [out, in, kh, kw], linear [out, in].
 */
import { MAX_CLASSES } from '../../shared/checkpointChecks';
import { MIN_INPUT_SIZE, ModelVariant } from '../../shared/modelConfig';
import { TorchLayout } from '../../shared/torchImport';
import { TorchTensor } from './readStateDict';
import { refuse } from './torchErrors';

export type { TorchLayout };

export interface TorchLayer {
  /** The layer's name in the TF.js model. */
  tf: string;
  kind: 'conv' | 'dense';
  keys: Record<TorchLayout, string>;
  /** Weight shape for `classes` outputs and `flat` inputs to fc6. */
  shape(classes: number, flat: number): number[];
}

export const TORCH_LAYERS: readonly TorchLayer[] = [
  { tf: 'conv1', kind: 'conv', keys: { tutorial: 'c1', sequential: 'features.0' }, shape: () => [96, 3, 11, 11] },
  { tf: 'conv2', kind: 'conv', keys: { tutorial: 'c3', sequential: 'features.3' }, shape: () => [256, 96, 5, 5] },
  { tf: 'conv3', kind: 'conv', keys: { tutorial: 'c5', sequential: 'features.6' }, shape: () => [384, 256, 3, 3] },
  { tf: 'conv4', kind: 'conv', keys: { tutorial: 'c6', sequential: 'features.8' }, shape: () => [384, 384, 3, 3] },
  { tf: 'conv5', kind: 'conv', keys: { tutorial: 'c7', sequential: 'features.10' }, shape: () => [256, 384, 3, 3] },
  { tf: 'fc6', kind: 'dense', keys: { tutorial: 'f9', sequential: 'classifier.0' }, shape: (_, flat) => [4096, flat] },
  { tf: 'fc7', kind: 'dense', keys: { tutorial: 'f10', sequential: 'classifier.3' }, shape: () => [4096, 4096] },
  { tf: 'fc8', kind: 'dense', keys: { tutorial: 'output', sequential: 'classifier.6' }, shape: (classes) => [classes, 4096] },
];

/** The seed's forward() has no ReLU after f9 and f10; the Sequential reference has them. */
export const LAYOUT_VARIANT: Record<TorchLayout, ModelVariant> = { tutorial: 'tutorial', sequential: 'fixed' };

export const CONV5_CHANNELS = 256;

/** Side of the feature map after pool5 for a square input: conv1 11/4 pad 2, then three 3x3/2 pools. */
export function pool5Side(inputSize: number): number {
  const pool = (x: number) => Math.floor((x - 3) / 2) + 1;
  return pool(pool(pool(Math.floor((inputSize + 4 - 11) / 4) + 1)));
}

/** Input sizes (MIN_INPUT_SIZE to 1024) whose pool5 output flattens to `flat` features. */
export function inputSizesFor(flat: number): number[] {
  const sizes: number[] = [];
  for (let s = MIN_INPUT_SIZE; s <= 1024; s++) if (CONV5_CHANNELS * pool5Side(s) ** 2 === flat) sizes.push(s);
  return sizes;
}

export interface MatchedLayout {
  layout: TorchLayout;
  classes: number;
  /** fc6's in_features: 256 * side * side. */
  flat: number;
  inputSizes: number[];
}

const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;

function torchvisionHint(tensors: Map<string, TorchTensor>): string {
  const first = tensors.get('features.0.weight');
  return first?.shape[0] === 64 ? " (64 filters in conv1: this is torchvision's alexnet, a different network with 64/192/384/256/256 channels)" : '';
}

/** Recognises the layout and checks every tensor's presence, shape and dtype; refuses naming the first misfit. */
export function matchLayout(file: string, tensors: Map<string, TorchTensor>): MatchedLayout {
  const layout: TorchLayout | undefined = tensors.has('c1.weight') ? 'tutorial' : tensors.has('features.0.weight') ? 'sequential' : undefined;
  if (!layout) {
    const keys = [...tensors.keys()].slice(0, 6).join(', ');
    return refuse('layout-unknown', { file, keys }, `is not a state_dict of the tutorial's AlexNet: expected c1.weight (model.py) or features.0.weight (nn.Sequential), found ${keys}`);
  }
  const key = (i: number, what: 'weight' | 'bias') => `${TORCH_LAYERS[i].keys[layout]}.${what}`;
  const out = tensors.get(key(7, 'weight'));
  const f9 = tensors.get(key(5, 'weight'));
  const classes = out?.shape.length === 2 ? out.shape[0] : 0;
  const flat = f9?.shape.length === 2 ? f9.shape[1] : 0;
  const expected = new Set<string>();
  TORCH_LAYERS.forEach((layer, i) => {
    const w = layer.shape(classes, flat);
    for (const [what, shape] of [['weight', w], ['bias', [w[0]]]] as const) {
      const name = key(i, what);
      expected.add(name);
      const t = tensors.get(name);
      if (!t) refuse('tensor-missing', { file, tensor: name }, `has no ${name}: the tutorial's ${layer.tf} (${layer.kind}) needs it${torchvisionHint(tensors)}`);
      if (t.shape.join(',') !== shape.join(',')) {
        refuse('tensor-shape', { file, tensor: name, shape: shapeText(t.shape), expected: shapeText(shape) }, `${name} has shape ${shapeText(t.shape)} but the tutorial's ${layer.tf} needs ${shapeText(shape)}${torchvisionHint(tensors)}`);
      }
      if (t.values === null) refuse('tensor-dtype', { file, tensor: name, dtype: t.dtype }, `${name} holds ${t.dtype} values; weights must be float32, float16, bfloat16 or float64`);
    }
  });
  const extra = [...tensors.keys()].filter((k) => !expected.has(k));
  if (extra.length > 0) {
    refuse('tensor-extra', { file, tensor: extra[0] }, `has ${extra.join(', ')}, which the tutorial's AlexNet does not: a different network${torchvisionHint(tensors)}`);
  }
  if (classes < 1 || classes > MAX_CLASSES) refuse('classes-range', { file, classes }, `the output layer has ${classes} classes; expected 1 to ${MAX_CLASSES}`);
  const inputSizes = inputSizesFor(flat);
  if (inputSizes.length === 0) {
    refuse('input-size-none', { file, flat }, `${key(5, 'weight')} takes ${flat} inputs, which no input size gives (256 x side x side after pool5)`);
  }
  return { layout, classes, flat, inputSizes };
}

/** "223 to 254" style text for a run of sizes. */
export function sizesText(sizes: number[]): string {
  return sizes.length === 1 ? String(sizes[0]) : `${sizes[0]} to ${sizes[sizes.length - 1]}`;
}
