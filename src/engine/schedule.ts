/** PyTorch's StepLR: lr * gamma^floor((epoch - 1) / stepSize) for 1-based epochs. */
export function stepLr(baseLr: number, epoch: number, stepSize: number, gamma: number): number {
  return baseLr * Math.pow(gamma, Math.floor((epoch - 1) / stepSize));
}
