/**
 * The in-host suite's dataset: a few well-separated MNIST digits, enough for a short AlexNet run (input 67 px) to
 * classify most held-out test images right. Shared by the runners (which write it) and the suite (which reads it).
 */
export const SUITE_DATASET = {
  folder: 'digits',
  digits: [0, 1, 7],
  trainPerClass: 60,
  testPerClass: 5,
} as const;

/** Settings for the suite workspace; more epochs than the UI test so the classification check is meaningful. */
export const SUITE_SETTINGS: Record<string, unknown> = {
  'alexnet.epochs': 3,
  'alexnet.inputSize': 67,
  'alexnet.batchSize': 16,
};
