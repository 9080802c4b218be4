import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { batches } from './batches';
import { Sample } from './datasetScan';
import { ImageCache } from './imageCache';

export interface Evaluation {
  loss: number;
  accuracy: number;
  count: number;
  /** confusion[true][predicted]. */
  confusion: number[][];
  perClassAcc: number[];
  /** Each scored image: its position in `samples`, the predicted class index and that class's probability. */
  predictions: { sample: number; predicted: number; probability: number }[];
}

export function emptyConfusion(n: number): number[][] {
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}

/** Overall and per-class accuracy (0 for a class with no images) of a confusion[true][predicted] matrix. */
export function accuracies(confusion: number[][]): { accuracy: number; perClassAcc: number[] } {
  let correct = 0;
  let count = 0;
  const perClassAcc = confusion.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    correct += row[i];
    count += total;
    return total === 0 ? 0 : row[i] / total;
  });
  return { accuracy: count ? correct / count : 0, perClassAcc };
}

/** Mean cross-entropy, accuracy and confusion matrix of `model` on `samples`, without dropout. */
export async function evaluate(
  model: tfl.LayersModel,
  samples: Sample[],
  cache: ImageCache,
  inputSize: number,
  batchSize: number,
  numClasses: number,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<Evaluation> {
  const confusion = emptyConfusion(numClasses);
  let lossSum = 0;
  let count = 0;
  const predictions: Evaluation['predictions'] = [];
  const order = samples.map((_, i) => i);
  for await (const batch of batches(samples, order, batchSize, cache, inputSize, Math.random)) {
    const { loss, predicted, probability } = tf.tidy(() => {
      const x = tf.tensor4d(batch.pixels, [batch.size, inputSize, inputSize, 3]);
      const labels = tf.tensor1d(batch.labels, 'int32');
      const logits = model.apply(x, { training: false }) as tf.Tensor2D;
      const ce = tf.losses.softmaxCrossEntropy(tf.oneHot(labels, numClasses), logits, undefined, undefined, tf.Reduction.SUM);
      return { loss: ce, predicted: tf.argMax(logits, 1), probability: tf.max(tf.softmax(logits), 1) };
    });
    const [lossValue, predictedValues, probabilities] = await Promise.all([loss.data(), predicted.data(), probability.data()]);
    tf.dispose([loss, predicted, probability]);
    lossSum += lossValue[0];
    batch.labels.forEach((label, k) => {
      confusion[label][predictedValues[k]]++;
      predictions.push({ sample: batch.indices[k], predicted: predictedValues[k], probability: probabilities[k] });
    });
    count += batch.size;
    progress(batch.end, samples.length);
  }
  return { loss: count ? lossSum / count : 0, count, confusion, ...accuracies(confusion), predictions };
}
