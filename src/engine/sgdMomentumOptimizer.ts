import * as tf from '@tensorflow/tfjs-core';

/** Kernel a backend may provide to do a whole parameter update in one pass (the wasm backend does). */
export const SGD_MOMENTUM_UPDATE = 'AlexnetSgdMomentumUpdate';

export interface SgdMomentumUpdateAttrs {
  learningRate: number;
  momentum: number;
  weightDecay: number;
}

interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

interface Accumulator {
  originalName: string;
  variable: tf.Variable;
}

/**
 * SGD with momentum and PyTorch's weight decay: g = grad + weightDecay * w; buf = momentum * buf + g;
 * w = w - lr * buf (tf.train.momentum's update plus the decay). Written as six element-wise ops this makes five
 * temporaries the size of each weight matrix (150 MB each for fc6) per step; a backend with the
 * SGD_MOMENTUM_UPDATE kernel does it in one pass, other backends run the same ops as before. The state is
 * saved and restored exactly as tf.MomentumOptimizer's (iterations, then `<variable>/momentum` per variable).
 */
export class SgdMomentumOptimizer extends tf.MomentumOptimizer {
  private state: Accumulator[] = [];
  private momentumValue: number;

  constructor(learningRate: number, momentum: number, private readonly weightDecay: number) {
    super(learningRate, momentum);
    this.momentumValue = momentum;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const list = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] }));
    list.forEach(({ name, tensor: gradient }, i) => {
      const value = tf.engine().registeredVariables[name];
      if (this.state[i] == null) {
        this.state[i] = { originalName: `${name}/momentum`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      }
      if (gradient == null) return;
      const accumulation = this.state[i].variable;
      tf.tidy(() => {
        const [newValue, newAccumulation] = this.update(value, accumulation, gradient);
        accumulation.assign(newAccumulation);
        value.assign(newValue);
      });
    });
    this.incrementIterations();
  }

  private update(value: tf.Tensor, accumulation: tf.Tensor, gradient: tf.Tensor): [tf.Tensor, tf.Tensor] {
    const attrs: SgdMomentumUpdateAttrs = { learningRate: this.learningRate, momentum: this.momentumValue, weightDecay: this.weightDecay };
    if (value.dtype === 'float32' && tf.getKernel(SGD_MOMENTUM_UPDATE, tf.getBackend())) {
      const [v, a] = tf.engine().runKernel(SGD_MOMENTUM_UPDATE, { value, accumulation, gradient }, { ...attrs }) as tf.Tensor[];
      return [v, a];
    }
    const g = this.weightDecay > 0 ? tf.add(gradient, tf.mul(value, this.weightDecay)) : gradient;
    const newAccumulation = tf.add(tf.mul(this.momentumValue, accumulation), g);
    return [tf.add(tf.mul(-this.learningRate, newAccumulation), value), newAccumulation];
  }

  override setMomentum(momentum: number): void {
    super.setMomentum(momentum);
    this.momentumValue = momentum;
  }

  override async getWeights(): Promise<NamedTensor[]> {
    return [await this.saveIterations()].concat(this.state.map((v) => ({ name: v.originalName, tensor: v.variable })));
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    tf.dispose(this.state.map((v) => v.variable));
    this.state = rest.map((v) => ({ originalName: v.name, variable: v.tensor.variable(false) }));
  }

  override dispose(): void {
    super.dispose();
    // tf.MomentumOptimizer.dispose() forgets SGDOptimizer's learning-rate scalar.
    this.c.dispose();
    tf.dispose(this.state.map((v) => v.variable));
    this.state = [];
  }
}
