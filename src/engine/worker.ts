/**
 * The trainer process: forked by the extension (child_process.fork of dist/trainer.js), it runs the engine and
 * speaks src/shared/trainerProtocol.ts over the IPC channel. Heavy work never runs in the extension host.
 */
import { TrainerMessage, TrainerRequest } from '../shared/trainerProtocol';
import { buildAlexNet } from './alexnet';
import { selectBackend } from './backend';
import { classify } from './classify';
import { checkDataset } from './datasetCheck';
import { DatasetError } from './datasetScan';
import { computeLayerTable } from './layerTable';
import { writeSampleDataset } from './sampleData';
import { runTraining } from './train';

function send(message: TrainerMessage): void {
  if (process.send && process.connected) process.send(message);
}

let training: { id: number; stop: boolean } | undefined;

async function handle(req: TrainerRequest): Promise<void> {
  switch (req.type) {
    case 'train': {
      if (training) throw new Error('a training run is already in progress in this trainer process');
      const run = { id: req.id, stop: false };
      training = run;
      try {
        await runTraining(req.config, {
          emit: (event) => send({ type: 'train', id: req.id, event }),
          log: (level, message) => send({ type: 'log', id: req.id, level, message }),
          dataset: (summary) => send({ type: 'dataset', id: req.id, summary }),
          backend: (report) => send({ type: 'backend', id: req.id, report }),
          layers: (table) => send({ type: 'layers', id: req.id, table }),
          stopRequested: () => run.stop,
        });
      } finally {
        training = undefined;
      }
      return;
    }
    case 'stop':
      if (training) training.stop = true;
      return;
    case 'classify': {
      await selectBackend(req.backend);
      send({ type: 'classified', id: req.id, result: await classify(req.checkpoint, req.paths, req.topK) });
      return;
    }
    case 'check':
      send({ type: 'dataset', id: req.id, summary: await checkDataset(req.datasetDir, { valFraction: req.valFraction, seed: req.seed }) });
      return;
    case 'layers': {
      // Shapes and counts only: the cpu backend builds the model without native code or kernels.
      await selectBackend(training ? 'auto' : 'cpu');
      const model = buildAlexNet({ numClasses: req.config.numClasses, inputSize: req.config.inputSize, lrn: req.config.lrn, init: 'glorot', dropout: 0.5 });
      try {
        send({ type: 'layers', id: req.id, table: computeLayerTable(model) });
      } finally {
        model.dispose();
      }
      return;
    }
    case 'backend':
      send({ type: 'backend', id: req.id, report: await selectBackend(req.backend) });
      return;
    case 'sampleData': {
      const r = await writeSampleDataset(req.dir, req.perClassTrain, req.perClassTest);
      send({ type: 'sampleData', id: req.id, dir: r.dir, classes: r.classes, train: r.train, test: r.test });
      return;
    }
  }
}

function isRequest(value: unknown): value is TrainerRequest {
  const v = value as { type?: unknown; id?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.type === 'string' && typeof v.id === 'number';
}

process.on('message', (raw: unknown) => {
  if (!isRequest(raw)) {
    send({ type: 'log', level: 'warn', message: `ignored a malformed request: ${JSON.stringify(raw).slice(0, 200)}` });
    return;
  }
  handle(raw).catch((err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    const file = err instanceof DatasetError ? err.file : undefined;
    send({ type: 'error', id: raw.id, message: e.message, file, stack: e.stack });
  });
});

// The extension host going away must not leave a trainer running on its own.
process.on('disconnect', () => process.exit(0));

send({ type: 'ready', pid: process.pid });
