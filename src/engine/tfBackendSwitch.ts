/** Switching tfjs to a registered backend, and the first line of what a failed start said: for every backend. */
import * as tf from '@tensorflow/tfjs-core';
import { Message, message } from '../shared/messages';

/** An error's first line: what a backend's start said, without its details. */
export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/** Makes `tfName` the active tfjs backend; why not, as a message, when it fails to initialise. */
export async function setTfBackend(tfName: string): Promise<Message | undefined> {
  try {
    if (!(await tf.setBackend(tfName))) return message('backend.setFailed', tfName);
    await tf.ready();
    return undefined;
  } catch (err) {
    return message('backend.initFailed', errorText(err));
  }
}
