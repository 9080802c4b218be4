import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAlexNet } from '../../src/engine/alexnet';
import { computeLayerTable } from '../../src/engine/layerTable';
import { selectBackend } from '../../src/engine/backend';
import { layerTableFor } from '../../src/shared/layerTableMath';
import { modelConfig } from '../../src/shared/modelConfig';

test('layer table at 224 px, 1000 classes equals the tutorial', async () => {
  await selectBackend('cpu');
  const model = buildAlexNet(modelConfig({ numClasses: 1000 }));
  const table = computeLayerTable(model);
  model.dispose();
  assert.deepEqual(
    table.layers.map((r) => r.params),
    [34944, 0, 614656, 0, 885120, 1327488, 884992, 0, 37752832, 16781312, 4097000],
  );
  assert.deepEqual(
    table.layers.map((r) => r.neurons),
    [290400, 69984, 186624, 43264, 64896, 64896, 43264, 9216, 4096, 4096, 1000],
  );
  assert.equal(table.totalParams, 62378344);
  assert.deepEqual(table.layers[0].output, [55, 55, 96]);
  assert.deepEqual(table.layers[7].output, [6, 6, 256]);
  assert.deepEqual(table.layers[8].output, [4096]);
  assert.equal(table.layers[0].formula, 'floor((224 - 11 + 2*2)/4) + 1 = 55');
  assert.deepEqual(table.layers[0].kernel, [11, 11, 3, 96]);
  assert.ok(table.denseShare > 0.9 && table.denseShare < 0.95);
});

test('layer table at 64 px, 7 classes matches PyTorch (21,609,863 params)', async () => {
  await selectBackend('cpu');
  const model = buildAlexNet(modelConfig({ numClasses: 7, inputSize: 64 }));
  const table = computeLayerTable(model);
  model.dispose();
  assert.equal(table.totalParams, 21609863);
  assert.deepEqual(table.layers[7].output, [1, 1, 256]);
});

test('an input below 63 px gets a clear error; 63 builds', async () => {
  await selectBackend('cpu');
  assert.throws(() => buildAlexNet(modelConfig({ numClasses: 2, inputSize: 62 })), /input size 62 is too small.*at least 63/);
  const model = buildAlexNet(modelConfig({ numClasses: 2, inputSize: 63 }));
  assert.deepEqual(model.outputs[0].shape, [null, 2]);
  model.dispose();
});

test('LRN adds two layers without parameters', async () => {
  await selectBackend('cpu');
  const model = buildAlexNet(modelConfig({ numClasses: 10, inputSize: 96, lrn: true }));
  const plain = buildAlexNet(modelConfig({ numClasses: 10, inputSize: 96 }));
  assert.ok(model.layers.some((l) => l.name === 'lrn1') && model.layers.some((l) => l.name === 'lrn2'));
  assert.equal(model.countParams(), plain.countParams());
  assert.equal(computeLayerTable(model).lrn, true);
  model.dispose();
  plain.dispose();
});

test('the layer table worked out without a model equals the one read off the built model, at several sizes', async () => {
  await selectBackend('cpu');
  for (const [inputSize, numClasses, lrn] of [
    [63, 2, false],
    [64, 7, false],
    [67, 10, true],
    [96, 3, false],
    [224, 1000, false],
    [227, 7, true],
  ] as const) {
    const model = buildAlexNet(modelConfig({ numClasses, inputSize, lrn }));
    try {
      assert.deepEqual(layerTableFor({ numClasses, inputSize, lrn }), computeLayerTable(model), `${inputSize} px, ${numClasses} classes, lrn ${lrn}`);
    } finally {
      model.dispose();
    }
  }
  const tutorial = buildAlexNet(modelConfig({ numClasses: 7, inputSize: 64, variant: 'tutorial' }));
  try {
    assert.deepEqual(layerTableFor({ numClasses: 7, inputSize: 64, lrn: false, variant: 'tutorial' }), computeLayerTable(tutorial), 'tutorial variant');
  } finally {
    tutorial.dispose();
  }
  assert.throws(() => layerTableFor({ numClasses: 2, inputSize: 62, lrn: false }), /at least 63/);
});

test('the model keeps the layer names saved checkpoints refer to', async () => {
  await selectBackend('cpu');
  const model = buildAlexNet(modelConfig({ numClasses: 5, inputSize: 64, lrn: true }));
  assert.deepEqual(
    model.layers.map((l) => l.name),
    ['pad1', 'conv1', 'lrn1', 'pool1', 'conv2', 'lrn2', 'pool2', 'conv3', 'conv4', 'conv5', 'pool5', 'flatten', 'fc6', 'drop6', 'fc7', 'drop7', 'fc8'],
  );
  model.dispose();
});

test("the tutorial variant (imported model.py checkpoints) shows fc6 and fc7 without ReLU; training's network keeps them", async () => {
  await selectBackend('cpu');
  const tutorial = buildAlexNet(modelConfig({ numClasses: 7, inputSize: 63, variant: 'tutorial' }));
  const fixed = buildAlexNet(modelConfig({ numClasses: 7, inputSize: 63 }));
  const a = computeLayerTable(tutorial);
  const b = computeLayerTable(fixed);
  tutorial.dispose();
  fixed.dispose();
  assert.equal(a.variant, 'tutorial');
  assert.equal(b.variant, 'fixed');
  const act = (t: typeof a, name: string) => t.layers.find((r) => r.name === name)?.activation;
  assert.deepEqual(['conv1', 'fc6', 'fc7', 'fc8'].map((n) => act(a, n)), ['relu', 'linear', 'linear', 'linear']);
  assert.deepEqual(['conv1', 'fc6', 'fc7', 'fc8'].map((n) => act(b, n)), ['relu', 'relu', 'relu', 'linear']);
  assert.equal(a.totalParams, b.totalParams);
});
