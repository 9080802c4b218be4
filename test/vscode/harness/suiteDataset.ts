/**
 * The in-host suite's dataset: a few well-separated MNIST digits, enough for a short AlexNet run (input 67 px,
 * 4 epochs, about 80 s on two cores with the wasm backend) to classify most held-out test images right (90-97%
 * measured with the CLI). Shared by the runners (which write it) and the suite (which reads it).
 */
export const SUITE_DATASET = {
  folder: 'digits',
  digits: [0, 1, 7],
  trainPerClass: 120,
  testPerClass: 10,
} as const;

/** Settings for the suite workspace; more epochs than the UI test so the classification check is meaningful. */
export const SUITE_SETTINGS: Record<string, unknown> = {
  'alexnet.epochs': 4,
  'alexnet.inputSize': 67,
  'alexnet.batchSize': 16,
  // Mirrored digits are other shapes (a flipped 7 is no 7): the suite trains without flips.
  'alexnet.augmentation': { hflip: false, vflip: false, randomCrop: false },
};
