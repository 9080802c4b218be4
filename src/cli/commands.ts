import { backendCommand, backendHelp, backendOptions } from './backendCommand';
import { benchCommand, benchHelp, benchOptions } from './benchCommand';
import { Command } from './command';
import { layersCommand, layersHelp, layersOptions } from './layersCommand';

export const commands: Command[] = [
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
