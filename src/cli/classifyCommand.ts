import { selectBackend } from '../engine/backend';
import { classify } from '../engine/classify';
import { BackendChoice } from '../shared/backendReport';
import { percent } from '../shared/format';
import { intOption, Options, UsageError } from './args';
import { progressOutput } from './progressOutput';

export const classifyOptions: Options = { 'top-k': { type: 'string' }, json: { type: 'boolean' }, summary: { type: 'boolean' } };

export const classifyHelp = `alexnet classify <checkpointDir> <image|folder>... [--top-k 5] [--summary] [--json]
  Top-k classes with probabilities for each image. <checkpointDir> is a checkpoint folder (best/, last/) or a run
  folder (its best/ is used). A folder laid out as the checkpoint's classes (folder/<class>/*) is also scored:
  accuracy and confusion matrix. Files that cannot be decoded are listed with the reason.
  --summary   for class folders, print only the accuracy and confusion matrix (and files that failed)
  --json      print {checkpoint, classes, files: [{file, trueClass, predicted, probability, top}], evaluation}
  Progress: a line on a terminal; with --json, {"event":"progress","phase":"classify","done":N,"total":M} lines on
  stderr (at most two a second), the result alone on stdout.`;

export async function classifyCommand(positionals: string[], values: Record<string, unknown>, backend: BackendChoice): Promise<number> {
  const [checkpoint, ...inputs] = positionals;
  if (!checkpoint || inputs.length === 0) throw new UsageError('classify needs a checkpoint folder and at least one image or folder');
  await selectBackend(backend);
  const progress = progressOutput(Boolean(values.json));
  const result = await classify(checkpoint, inputs, intOption(values['top-k'], 'top-k') ?? 5, { onProgress: progress.sink });
  progress.clear();
  if (values.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
  } else {
    const summary = Boolean(values.summary) && result.evaluation !== undefined;
    for (const f of result.files) {
      if (f.error) process.stdout.write(`${f.file}: error: ${f.error}\n`);
      else if (!summary) process.stdout.write(`${f.file}: ${f.top.map((t) => `${t.class} ${percent(t.probability)}`).join(', ')}\n`);
    }
    if (result.evaluation) {
      const e = result.evaluation;
      process.stdout.write(`accuracy: ${percent(e.accuracy)} on ${e.count} images\nconfusion (rows: true class, columns: predicted):\n`);
      const w = Math.max(...result.classes.map((c) => c.length), ...e.confusion.flat().map((n) => String(n).length)) + 1;
      process.stdout.write(`${''.padStart(w)}${result.classes.map((c) => c.padStart(w)).join('')}\n`);
      e.confusion.forEach((row, i) => process.stdout.write(`${result.classes[i].padStart(w)}${row.map((n) => String(n).padStart(w)).join('')}\n`));
    }
  }
  return result.files.some((f) => f.error) ? 1 : 0;
}
