/**
 * `alexnet export-torch`: a checkpoint's weights as a PyTorch state_dict, in the tutorial's model.py key layout
 * (or the Sequential one), that model.load_state_dict(torch.load(path), strict=True) accepts.
 */
import { message } from '../../shared/messages';
import { ModelVariant } from '../../shared/modelConfig';
import { loadCheckpoint } from '../checkpoints';
import { convToTorch, linearToTorch } from './torchConvert';
import { refuse } from './torchErrors';
import { CONV5_CHANNELS, LAYOUT_VARIANT, TORCH_LAYERS, TorchLayout } from './torchLayouts';
import { NamedTensor, writeStateDict } from './writeStateDict';

export interface TorchExportResult {
  file: string;
  checkpoint: string;
  layout: TorchLayout;
  variant: ModelVariant;
  /** Set when the layout's PyTorch network computes something other than the checkpoint's. */
  warning?: string;
}

export async function exportTorchCheckpoint(checkpoint: string, file: string, layout: TorchLayout = 'tutorial'): Promise<TorchExportResult> {
  const { dir, model, meta } = await loadCheckpoint(checkpoint);
  try {
    if (model.layers.some((l) => l.getClassName() === 'LocalResponseNormalization')) {
      refuse(message('torch.exportLrn', dir));
    }
    const tensors: NamedTensor[] = [];
    for (const layer of TORCH_LAYERS) {
      // getWeights() hands out the layer's own variables: read, not disposed.
      const [kernel, bias] = model.getLayer(layer.tf).getWeights();
      const values = (await kernel.data()) as Float32Array;
      const k = kernel.shape as number[];
      const weight =
        layer.kind === 'conv'
          ? { values: convToTorch(values, k), shape: [k[3], k[2], k[0], k[1]] }
          : { values: linearToTorch(values, k, layer.tf === 'fc6' ? CONV5_CHANNELS : undefined), shape: [k[1], k[0]] };
      tensors.push({ name: `${layer.keys[layout]}.weight`, ...weight });
      tensors.push({ name: `${layer.keys[layout]}.bias`, shape: bias.shape, values: (await bias.data()) as Float32Array });
    }
    await writeStateDict(file, tensors);
    const variant = meta.variant ?? 'fixed';
    const result: TorchExportResult = { file, checkpoint: dir, layout, variant };
    if (variant !== LAYOUT_VARIANT[layout]) {
      result.warning =
        variant === 'fixed'
          ? "this checkpoint's network has a ReLU after fc6 and fc7, which the tutorial's model.py forward() leaves out: add self.Relu after f9 and f10 there, or use --layout sequential with the reference's nn.Sequential"
          : "this checkpoint computes the tutorial's forward() (no ReLU after fc6 and fc7), which the Sequential reference does not: load it into the tutorial's model.py (--layout tutorial)";
    }
    return result;
  } finally {
    model.dispose();
  }
}
