import * as l10n from '@vscode/l10n';
import { HostToPanel } from './panelProtocol';
import { MAX_PREDICTIONS, PanelState, batchStep, emptyTraining, epochEvaluation, thinBatches } from './panelState';

/** Applies one host update to a panel state; pure, used by the host and by the webview. */
export function applyHostMessage(state: PanelState, msg: HostToPanel): PanelState {
  switch (msg.type) {
    case 'snapshot':
      return msg.state;
    case 'trust':
      return { ...state, trusted: msg.trusted };
    case 'dataset':
      return { ...state, dataset: msg.summary };
    case 'backend':
      return { ...state, backend: msg.report };
    case 'layers':
      return { ...state, layers: msg.table };
    case 'runStarted': {
      const last = msg.history[msg.history.length - 1];
      return {
        ...state,
        training: {
          ...emptyTraining(),
          phase: 'starting',
          message: msg.history.length ? l10n.t('resuming after epoch {0}', last.epoch) : l10n.t('starting'),
          runDir: msg.runDir,
          datasetDir: msg.datasetDir,
          classes: msg.classes,
          epochs: msg.epochs,
        },
        epochs: msg.history,
        batches: [],
        evaluation: last ? epochEvaluation(last, msg.classes) : null,
      };
    }
    case 'batch': {
      const e = msg.event;
      const point = { step: batchStep(e), epoch: e.epoch, loss: e.batchLoss, at: e.epoch - 1 + e.batch / e.batches, runLoss: e.loss, runAcc: e.acc };
      return {
        ...state,
        training: {
          ...state.training,
          phase: state.training.phase === 'stopping' ? 'stopping' : 'training',
          message: l10n.t('epoch {0} of {1}, batch {2} of {3}', e.epoch, e.epochs, e.batch, e.batches),
          epochs: e.epochs,
          latest: e,
        },
        batches: thinBatches([...state.batches, point]),
      };
    }
    case 'epoch': {
      const e = msg.event;
      // A resumed run may repeat an epoch it had already logged; the new one replaces it.
      const epochs = [...state.epochs.filter((x) => x.epoch < e.epoch), e];
      return { ...state, epochs, evaluation: epochEvaluation(e, state.training.classes) };
    }
    case 'phase':
      return { ...state, training: { ...state.training, phase: msg.phase, message: msg.message } };
    case 'evaluation':
      return { ...state, evaluation: msg.evaluation };
    case 'predictions':
      return { ...state, predictions: [...msg.items, ...state.predictions].slice(0, MAX_PREDICTIONS) };
    case 'checkpoint':
      return { ...state, checkpoint: msg.path };
    case 'predictionCam':
      return { ...state, predictions: state.predictions.map((p) => (p.file === msg.file && p.at === msg.at ? { ...p, cam: msg.cam } : p)) };
    case 'inspect':
      return { ...state, inspect: msg.inspect };
    case 'gallery':
      return { ...state, gallery: msg.gallery };
    case 'compare':
      return { ...state, compare: msg.compare };
    case 'reveal':
      return state;
  }
}
