import * as tfl from '@tensorflow/tfjs-layers';
import { alexnetLayers } from '../shared/alexnetLayers';
import { ModelConfig, validateModelConfig } from '../shared/modelConfig';
import { LocalResponseNormalization } from './lrnLayer';

type Initializer = ReturnType<typeof tfl.initializers.zeros>;

/** Per-layer initialisers; each layer gets its own seed so that a seeded model is reproducible. */
function initializers(config: ModelConfig, layerIndex: number, paperBiasOne: boolean) {
  const seed = config.seed === undefined ? undefined : config.seed * 101 + layerIndex;
  if (config.init === 'paper') {
    return {
      kernelInitializer: tfl.initializers.randomNormal({ mean: 0, stddev: 0.01, seed }),
      biasInitializer: (paperBiasOne ? tfl.initializers.ones() : tfl.initializers.zeros()) as Initializer,
    };
  }
  return {
    kernelInitializer: tfl.initializers.glorotUniform({ seed }),
    biasInitializer: tfl.initializers.zeros() as Initializer,
  };
}

/**
 * The tutorial's AlexNet: 224x224x3 -> conv1 96@11x11/4 (pad 2) -> pool -> conv2 256@5x5 -> pool ->
 * conv3 384 -> conv4 384 -> conv5 256 -> pool -> 6x6x256 -> fc6 4096 -> fc7 4096 -> fc8 classes (logits),
 * built from shared/alexnetLayers.ts. Dropout layers are only active when the model is called with
 * training = true (fit / trainOnBatch). The 'tutorial' variant leaves out the ReLU after fc6 and fc7, as the
 * seed's forward() does.
 */
export function buildAlexNet(config: ModelConfig): tfl.Sequential {
  validateModelConfig(config);
  const { inputSize, numClasses, lrn, dropout } = config;
  const model = tfl.sequential({ name: 'alexnet' });
  let inputShape: [number, number, number] | undefined = [inputSize, inputSize, 3];
  // Only the first layer declares the input shape.
  const first = () => {
    const shape = inputShape;
    inputShape = undefined;
    return shape ? { inputShape: shape } : {};
  };
  for (const layer of alexnetLayers(lrn)) {
    switch (layer.kind) {
      case 'conv': {
        const explicitPad = layer.padding !== 'same';
        if (layer.padding !== 'same') model.add(tfl.layers.zeroPadding2d({ name: layer.padding.padName, padding: layer.padding.pixels, ...first() }));
        model.add(
          tfl.layers.conv2d({
            name: layer.name,
            filters: layer.filters,
            kernelSize: layer.kernel,
            strides: layer.stride,
            padding: explicitPad ? 'valid' : 'same',
            activation: 'relu',
            ...initializers(config, layer.init.index, layer.init.paperBiasOne),
            ...first(),
          }),
        );
        break;
      }
      case 'lrn':
        model.add(new LocalResponseNormalization({ name: layer.name }));
        break;
      case 'pool':
        model.add(tfl.layers.maxPooling2d({ name: layer.name, poolSize: layer.size, strides: layer.stride, padding: 'valid', ...first() }));
        break;
      case 'flatten':
        model.add(tfl.layers.flatten({ name: layer.name }));
        break;
      case 'dense':
        model.add(
          tfl.layers.dense({
            name: layer.name,
            units: layer.units === 'classes' ? numClasses : layer.units,
            ...(layer.relu ? { activation: config.variant === 'tutorial' ? ('linear' as const) : ('relu' as const) } : {}),
            ...initializers(config, layer.init.index, layer.init.paperBiasOne),
          }),
        );
        if (layer.dropoutName) model.add(tfl.layers.dropout({ name: layer.dropoutName, rate: dropout }));
        break;
    }
  }
  return model;
}
