import * as tfl from '@tensorflow/tfjs-layers';
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
 * conv3 384 -> conv4 384 -> conv5 256 -> pool -> 6x6x256 -> fc6 4096 -> fc7 4096 -> fc8 classes (logits).
 * Dropout layers are only active when the model is called with training = true (fit / trainOnBatch).
 * The 'tutorial' variant leaves out the ReLU after fc6 and fc7, as the seed's forward() does.
 */
export function buildAlexNet(config: ModelConfig): tfl.Sequential {
  validateModelConfig(config);
  const { inputSize, numClasses, lrn, dropout } = config;
  const model = tfl.sequential({ name: 'alexnet' });
  const conv = (name: string, filters: number, kernel: number, strides: number, padding: 'same' | 'valid', index: number, biasOne: boolean) =>
    tfl.layers.conv2d({ name, filters, kernelSize: kernel, strides, padding, activation: 'relu', ...initializers(config, index, biasOne) });
  const denseActivation = config.variant === 'tutorial' ? 'linear' : 'relu';
  const pool = (name: string) => tfl.layers.maxPooling2d({ name, poolSize: 3, strides: 2, padding: 'valid' });

  model.add(tfl.layers.zeroPadding2d({ name: 'pad1', padding: 2, inputShape: [inputSize, inputSize, 3] }));
  model.add(conv('conv1', 96, 11, 4, 'valid', 1, false));
  if (lrn) model.add(new LocalResponseNormalization({ name: 'lrn1' }));
  model.add(pool('pool1'));
  model.add(conv('conv2', 256, 5, 1, 'same', 2, true));
  if (lrn) model.add(new LocalResponseNormalization({ name: 'lrn2' }));
  model.add(pool('pool2'));
  model.add(conv('conv3', 384, 3, 1, 'same', 3, false));
  model.add(conv('conv4', 384, 3, 1, 'same', 4, true));
  model.add(conv('conv5', 256, 3, 1, 'same', 5, true));
  model.add(pool('pool5'));
  model.add(tfl.layers.flatten({ name: 'flatten' }));
  model.add(tfl.layers.dense({ name: 'fc6', units: 4096, activation: denseActivation, ...initializers(config, 6, true) }));
  model.add(tfl.layers.dropout({ name: 'drop6', rate: dropout }));
  model.add(tfl.layers.dense({ name: 'fc7', units: 4096, activation: denseActivation, ...initializers(config, 7, true) }));
  model.add(tfl.layers.dropout({ name: 'drop7', rate: dropout }));
  model.add(tfl.layers.dense({ name: 'fc8', units: numClasses, ...initializers(config, 8, false) }));
  return model;
}
