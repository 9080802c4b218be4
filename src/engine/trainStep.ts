import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { SgdMomentumOptimizer } from './sgdMomentumOptimizer';

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
 * buf = momentum * buf + grad; w -= lr * buf (tf.train.momentum's update; SgdMomentumOptimizer adds the decay and
 * does it in one pass where the backend can).
 * Dropout is active (training = true). The caller owns and disposes the returned scalars.
 */
export class TrainStep {
  readonly optimizer: tf.MomentumOptimizer;
  private readonly variables: tf.Variable[];

  constructor(
    private readonly model: tfl.LayersModel,
    sgd: SgdConfig,
  ) {
    this.optimizer = new SgdMomentumOptimizer(sgd.lr, sgd.momentum, sgd.weightDecay);
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
      // The optimizer adds the weight decay (g + weightDecay * w) in its update.
      this.optimizer.applyGradients(this.variables.map((v) => ({ name: v.name, tensor: grads[v.name] })));
      tf.dispose(Object.values(grads));
      return value;
    });
    return { loss: result, correct: correct as tf.Scalar };
  }
}
