/**
 * The tutorial's AlexNet, layer by layer, as plain data: the one place its architecture is written down. The
 * engine builds the tfjs model from it (engine/alexnet.ts) and the layer table is computed from it without
 * building anything (shared/layerTableMath.ts), so the two cannot drift apart.
 */
export type AlexNetLayer =
  | {
      kind: 'conv';
      name: string;
      filters: number;
      kernel: number;
      stride: number;
      /** Pixels of zero padding on each side as a layer of its own (named `padName`), or 'same'. */
      padding: { pixels: number; padName: string } | 'same';
      /** Seed offset of the layer's initialiser and whether the paper's init gives it bias 1. */
      init: { index: number; paperBiasOne: boolean };
    }
  | { kind: 'lrn'; name: string }
  | { kind: 'pool'; name: string; size: number; stride: number }
  | { kind: 'flatten'; name: string }
  | { kind: 'dense'; name: string; units: number | 'classes'; relu: boolean; dropoutName?: string; init: { index: number; paperBiasOne: boolean } };

const pool = (name: string): AlexNetLayer => ({ kind: 'pool', name, size: 3, stride: 2 });

/** Forward order; LRN after conv1 and conv2 only when asked for (the paper has it, the tutorial does not). */
export function alexnetLayers(lrn: boolean): AlexNetLayer[] {
  const layers: (AlexNetLayer | false)[] = [
    { kind: 'conv', name: 'conv1', filters: 96, kernel: 11, stride: 4, padding: { pixels: 2, padName: 'pad1' }, init: { index: 1, paperBiasOne: false } },
    lrn && { kind: 'lrn', name: 'lrn1' },
    pool('pool1'),
    { kind: 'conv', name: 'conv2', filters: 256, kernel: 5, stride: 1, padding: 'same', init: { index: 2, paperBiasOne: true } },
    lrn && { kind: 'lrn', name: 'lrn2' },
    pool('pool2'),
    { kind: 'conv', name: 'conv3', filters: 384, kernel: 3, stride: 1, padding: 'same', init: { index: 3, paperBiasOne: false } },
    { kind: 'conv', name: 'conv4', filters: 384, kernel: 3, stride: 1, padding: 'same', init: { index: 4, paperBiasOne: true } },
    { kind: 'conv', name: 'conv5', filters: 256, kernel: 3, stride: 1, padding: 'same', init: { index: 5, paperBiasOne: true } },
    pool('pool5'),
    { kind: 'flatten', name: 'flatten' },
    { kind: 'dense', name: 'fc6', units: 4096, relu: true, dropoutName: 'drop6', init: { index: 6, paperBiasOne: true } },
    { kind: 'dense', name: 'fc7', units: 4096, relu: true, dropoutName: 'drop7', init: { index: 7, paperBiasOne: true } },
    { kind: 'dense', name: 'fc8', units: 'classes', relu: false, init: { index: 8, paperBiasOne: false } },
  ];
  return layers.filter((l): l is AlexNetLayer => l !== false);
}
