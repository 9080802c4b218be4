import { backendCommand, backendHelp, backendOptions } from './backendCommand';
import { benchCommand, benchHelp, benchOptions } from './benchCommand';
import { checkCommand, checkHelp, checkOptions } from './checkCommand';
import { classifyCommand, classifyHelp, classifyOptions } from './classifyCommand';
import { explainCommand, explainHelp, explainOptions } from './explainCommand';
import { featureMapsCommand, featureMapsHelp, featureMapsOptions } from './featureMapsCommand';
import { filtersCommand, filtersHelp, filtersOptions } from './filtersCommand';
import { exportCommand, exportHelp, exportOptions } from './exportCommand';
import { exportTorchCommand, exportTorchHelp, exportTorchOptions } from './exportTorchCommand';
import { importTorchCommand, importTorchHelp, importTorchOptions } from './importTorchCommand';
import { Subcommand } from './subcommand';
import { layersCommand, layersHelp, layersOptions } from './layersCommand';
import { sampleDataCommand, sampleDataHelp, sampleDataOptions } from './sampleDataCommand';
import { trainCommand, trainHelp, trainOptions } from './trainCommand';

/** Every `alexnet <name>` subcommand, in the order `alexnet --help` lists them. */
export const subcommands: Subcommand[] = [
  {
    name: 'train',
    summary: 'train AlexNet on a class-folder dataset; best/ and last/ checkpoints in a run folder',
    help: trainHelp,
    options: trainOptions,
    run: (ctx) => trainCommand(ctx.positionals, ctx.values, ctx.backend),
  },
  {
    name: 'classify',
    summary: 'top-k classes of images with a checkpoint; accuracy for a folder of class folders',
    help: classifyHelp,
    options: classifyOptions,
    run: (ctx) => classifyCommand(ctx.positionals, ctx.values, ctx.backend),
  },
  {
    name: 'feature-maps',
    summary: "each layer's activations for one image, as PNG grids (conv, pool and dense layers)",
    help: featureMapsHelp,
    options: featureMapsOptions,
    run: (ctx) => featureMapsCommand(ctx.positionals, ctx.values, ctx.backend),
  },
  {
    name: 'filters',
    summary: "conv1's 96 learned 11x11x3 kernels as RGB tiles, and as they were at initialisation",
    help: filtersHelp,
    options: filtersOptions,
    run: (ctx) => filtersCommand(ctx.positionals, ctx.values, ctx.backend),
  },
  {
    name: 'explain',
    summary: 'Grad-CAM heat map at conv5: where in an image the network found a class',
    help: explainHelp,
    options: explainOptions,
    run: (ctx) => explainCommand(ctx.positionals, ctx.values, ctx.backend),
  },
  {
    name: 'export',
    summary: 'export a checkpoint for TF.js clients: @teachablemachine/image loads and runs it as it is',
    help: exportHelp,
    options: exportOptions,
    run: (ctx) => exportCommand(ctx.positionals, ctx.values),
  },
  {
    name: 'import-torch',
    summary: "import a PyTorch state_dict (.pth) of the tutorial's AlexNet as a checkpoint",
    help: importTorchHelp,
    options: importTorchOptions,
    run: (ctx) => importTorchCommand(ctx.positionals, ctx.values, ctx.backend),
  },
  {
    name: 'export-torch',
    summary: "write a checkpoint as a PyTorch state_dict in the tutorial's model.py layout",
    help: exportTorchHelp,
    options: exportTorchOptions,
    run: (ctx) => exportTorchCommand(ctx.positionals, ctx.values, ctx.backend),
  },
  {
    name: 'check',
    summary: 'check a dataset: classes, counts per split, unreadable files, warnings',
    help: checkHelp,
    options: checkOptions,
    run: (ctx) => checkCommand(ctx.positionals, ctx.values),
  },
  {
    name: 'sample-data',
    summary: 'write the built-in sample dataset (MNIST digits as PNG class folders)',
    help: sampleDataHelp,
    options: sampleDataOptions,
    run: (ctx) => sampleDataCommand(ctx.positionals, ctx.values),
  },
  {
    name: 'layers',
    summary: "print the tutorial's layer table (shapes, neurons, parameters) for a configuration",
    help: layersHelp,
    options: layersOptions,
    run: (ctx) => layersCommand(ctx.values),
  },
  {
    name: 'backend',
    summary: 'report which TensorFlow.js backend runs and why faster ones are not used',
    help: backendHelp,
    options: backendOptions,
    run: (ctx) => backendCommand(ctx.values, ctx.backend),
  },
  {
    name: 'bench',
    summary: 'training and inference images per second of AlexNet on this machine',
    help: benchHelp,
    options: benchOptions,
    run: (ctx) => benchCommand(ctx.values, ctx.backend),
  },
];
