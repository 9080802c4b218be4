import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * Local response normalisation (Krizhevsky et al. 2012, section 3.3): k=2, n=5, alpha=1e-4, beta=0.75.
 * tfjs-layers has no LRN layer, so this wraps tf.localResponseNormalization; registered so that a saved
 * model with LRN loads again.
 */
export class LocalResponseNormalization extends tfl.layers.Layer {
  static readonly className = 'LocalResponseNormalization';
  private readonly depthRadius = 2;
  private readonly bias = 2;
  private readonly alpha = 1e-4;
  private readonly beta = 0.75;

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    // tf's alpha is per element of the window; the paper's alpha is for the sum over n = 2r+1 channels.
    return tf.localResponseNormalization(
      x as tf.Tensor4D,
      this.depthRadius,
      this.bias,
      this.alpha / (2 * this.depthRadius + 1),
      this.beta,
    );
  }

  override getClassName(): string {
    return LocalResponseNormalization.className;
  }
}

tf.serialization.registerClass(LocalResponseNormalization);
