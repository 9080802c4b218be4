/**
 * 'fixed': ReLU after fc6 and fc7, as in the paper and the PyTorch reference; what training builds.
 * 'tutorial': the seed's model.py forward(), which has no ReLU after f9 and f10 (fc6, fc7); only checkpoints
 * imported from that model.py use it, so that they compute what the tutorial's network computes.
 */
export type ModelVariant = 'fixed' | 'tutorial';
export const MODEL_VARIANTS: readonly ModelVariant[] = ['fixed', 'tutorial'];

/** The AlexNet variant to build. Plain data: shared by the engine, the CLI, the extension and the webview. */
export interface ModelConfig {
  numClasses: number;
  /** Square input side in pixels. 224 as in the tutorial; 63 is the smallest that survives the three pools. */
  inputSize: number;
  /** Local response normalisation after conv1 and conv2, as in the paper. */
  lrn: boolean;
  /** 'glorot': Keras' default. 'paper': N(0, 0.01) weights, bias 1 in conv2, conv4, conv5 and the hidden dense layers. */
  init: 'glorot' | 'paper';
  /** Dropout rate on the two hidden dense layers; applied only while training. */
  dropout: number;
  /** Seed for weight initialisation; unset means random. */
  seed?: number;
  /** Unset means 'fixed'. */
  variant?: ModelVariant;
}

export const MIN_INPUT_SIZE = 63;

export const DEFAULT_MODEL_CONFIG: Omit<ModelConfig, 'numClasses'> = {
  inputSize: 224,
  lrn: false,
  init: 'glorot',
  dropout: 0.5,
};

export function modelConfig(partial: Partial<ModelConfig> & { numClasses: number }): ModelConfig {
  return { ...DEFAULT_MODEL_CONFIG, ...partial };
}

/** Throws a message a user can act on when the config cannot be built. */
export function validateModelConfig(config: ModelConfig): void {
  const { numClasses, inputSize, dropout } = config;
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new Error(`number of classes must be a positive integer, got ${numClasses}`);
  }
  if (!Number.isInteger(inputSize) || inputSize < MIN_INPUT_SIZE) {
    throw new Error(
      `input size ${inputSize} is too small for AlexNet: conv1 (11x11, stride 4, pad 2) and three 3x3/2 max-pools ` +
        `need at least ${MIN_INPUT_SIZE} px (the tutorial uses 224)`,
    );
  }
  if (!(dropout >= 0 && dropout < 1)) {
    throw new Error(`dropout must be in [0, 1), got ${dropout}`);
  }
}
