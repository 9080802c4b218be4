/**
 * The PyTorch key layouts of the tutorial's AlexNet, and the checks that a state_dict is one of them: the seed's
 * model.py (c1, c3, c5, c6, c7, f9, f10, output) and the Sequential reference (features.N, classifier.N).
 * Shapes are PyTorch's: conv [out, in, kh, kw], linear [out, in].
 */
import { MAX_CLASSES } from '../../shared/checkpointChecks';
import { message } from '../../shared/messages';
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

/**
 * torchvision's alexnet has the Sequential layout's keys but 64 filters in conv1; features.0.weight is the layout's
 * first tensor checked, so it is refused there, by the shape message that says which network it is.
 */
function isTorchvisionAlexNet(tensors: Map<string, TorchTensor>): boolean {
  return tensors.get('features.0.weight')?.shape[0] === 64;
}

/** Recognises the layout and checks every tensor's presence, shape and dtype; refuses naming the first misfit. */
export function matchLayout(file: string, tensors: Map<string, TorchTensor>): MatchedLayout {
  const layout: TorchLayout | undefined = tensors.has('c1.weight') ? 'tutorial' : tensors.has('features.0.weight') ? 'sequential' : undefined;
  if (!layout) {
    const keys = [...tensors.keys()].slice(0, 6).join(', ');
    return refuse(message('torch.layoutUnknown', file, keys));
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
      if (!t) refuse(message(layer.kind === 'conv' ? 'torch.tensorMissingConv' : 'torch.tensorMissingDense', file, name, layer.tf));
      if (t.shape.join(',') !== shape.join(',')) {
        const code = isTorchvisionAlexNet(tensors) ? 'torch.tensorShapeTorchvision' : 'torch.tensorShape';
        refuse(message(code, file, name, shapeText(t.shape), layer.tf, shapeText(shape)));
      }
      if (t.values === null) refuse(message('torch.tensorDtype', file, name, t.dtype));
    }
  });
  const extra = [...tensors.keys()].filter((k) => !expected.has(k));
  if (extra.length > 0) {
    refuse(message('torch.tensorExtra', file, extra.join(', ')));
  }
  if (classes < 1 || classes > MAX_CLASSES) refuse(message('torch.classesRange', file, classes, MAX_CLASSES));
  const inputSizes = inputSizesFor(flat);
  if (inputSizes.length === 0) {
    refuse(message('torch.inputSizeNone', file, key(5, 'weight'), flat));
  }
  return { layout, classes, flat, inputSizes };
}
