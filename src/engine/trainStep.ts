import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export interface SgdConfig {
  lr: number;
  momentum: number;
  weightDecay: number;
}

export interface StepResult {
  /** Mean softmax cross-entropy of the batch (scalar). */
  loss: tf.Scalar;
  /** Number of correct top-1 predictions in the batch (int32 scalar). */
  correct: tf.Scalar;
}

/**
 * One SGD step with PyTorch's semantics: grad += weightDecay * w for every parameter, then
 * buf = momentum * buf + grad; w -= lr * buf (tf.train.momentum computes the same update).
 * Dropout is active (training = true). The caller owns and disposes the returned scalars.
 */
export class TrainStep {
  readonly optimizer: tf.MomentumOptimizer;
  private readonly variables: tf.Variable[];

  constructor(
    private readonly model: tfl.LayersModel,
    private readonly sgd: SgdConfig,
  ) {
    this.optimizer = tf.train.momentum(sgd.lr, sgd.momentum);
    // LayerVariable.read() is the tf.Variable the optimizer updates; the order fixes the optimizer-state order.
    this.variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  }

  setLearningRate(lr: number): void {
    this.optimizer.setLearningRate(lr);
  }

  run(x: tf.Tensor4D, labels: tf.Tensor1D): StepResult {
    let correct: tf.Scalar | undefined;
    const result = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const logits = this.model.apply(x, { training: true }) as tf.Tensor2D;
        correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'int32')) as tf.Scalar);
        const oneHot = tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1]);
        return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
      }, this.variables);
      // Decay one gradient at a time, freeing the raw gradient and the product as soon as they are used: with
      // all of them alive at once a 62M-parameter step holds about 750 MB more at its peak.
      const decayed: { name: string; tensor: tf.Tensor }[] = this.variables.map((v) => {
        const grad = grads[v.name];
        if (!(this.sgd.weightDecay > 0)) return { name: v.name, tensor: grad };
        const tensor = tf.tidy(() => tf.add(grad, tf.mul(v, this.sgd.weightDecay)));
        grad.dispose();
        return { name: v.name, tensor };
      });
      this.optimizer.applyGradients(decayed);
      tf.dispose(decayed.map((d) => d.tensor));
      return value;
    });
    return { loss: result, correct: correct as tf.Scalar };
  }
}
