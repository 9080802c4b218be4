/** The trainer's inspection requests (TrainerApi's featureMaps, filters, explain, predictions). */
import { PANEL_MAP_SIDE } from '../../shared/inspect';
import { ParamsOf, ResultOf } from '../../shared/trainerProtocol';
import { selectBackend } from '../backend';
import { inspectedCheckpoint } from './checkpointCache';
import { featureMaps } from './featureMaps';
import { conv1Filters } from './filters';
import { camView, gradCam } from './gradCam';
import { readPredictions } from './predictions';

export const inspectHandlers = {
  featureMaps: async (p: ParamsOf<'featureMaps'>): Promise<ResultOf<'featureMaps'>> => {
    await selectBackend(p.backend);
    const checkpoint = await inspectedCheckpoint(p.checkpoint);
    const maps = await featureMaps(checkpoint.model, checkpoint.meta.inputSize, p.image, { maxSide: p.maxSide ?? PANEL_MAP_SIDE });
    return { checkpoint: checkpoint.dir, classes: checkpoint.meta.classes, maps };
  },
  filters: async (p: ParamsOf<'filters'>): Promise<ResultOf<'filters'>> => {
    await selectBackend(p.backend);
    return conv1Filters(await inspectedCheckpoint(p.checkpoint));
  },
  explain: async (p: ParamsOf<'explain'>): Promise<ResultOf<'explain'>> => {
    await selectBackend(p.backend);
    return camView(await gradCam(await inspectedCheckpoint(p.checkpoint), p.image, p.className));
  },
  predictions: async (p: ParamsOf<'predictions'>): Promise<ResultOf<'predictions'>> => (await readPredictions(p.checkpoint)) ?? null,
};
