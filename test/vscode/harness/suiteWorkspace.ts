import * as path from 'path';
import { writeDigitsDataset } from './dataset';
import { SUITE_DATASET, SUITE_SETTINGS } from './suiteDataset';
import { freshWorkspace } from './workspace';

/** A fresh workspace with the suite's digits dataset and fast-training settings; returns its folder. */
export async function prepareSuiteWorkspace(): Promise<string> {
  const ws = freshWorkspace('suite', SUITE_SETTINGS);
  await writeDigitsDataset(path.join(ws, SUITE_DATASET.folder), {
    digits: [...SUITE_DATASET.digits],
    trainPerClass: SUITE_DATASET.trainPerClass,
    testPerClass: SUITE_DATASET.testPerClass,
  });
  return ws;
}
