import { backendChoicesText, isBackendChoice } from './shared/backendReport';
import { parse, UsageError } from './cli/args';
import { subcommands } from './cli/allSubcommands';
import { releaseDawn } from './engine/webgpu/dawn';

function mainHelp(): string {
  const width = Math.max(...subcommands.map((c) => c.name.length));
  return [
    'alexnet: train and use the AlexNet of the tutorial on class-folder image datasets (TensorFlow.js).',
    '',
    'Usage: alexnet <command> [options]',
    '',
    'Commands:',
    ...subcommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Common options:',
    `  --backend B   ${backendChoicesText()} (default: auto)`,
    '  --verbose     print the stack trace of an error',
    '  -h, --help    help for a command: alexnet <command> --help',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp() + '\n');
    return name ? 0 : 1;
  }
  const command = subcommands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command '${name}'. Commands: ${subcommands.map((c) => c.name).join(', ')}`);
  const { values, positionals } = parse(rest, {
    ...command.options,
    backend: { type: 'string' },
    verbose: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(command.help + '\n');
    return 0;
  }
  const backend = String(values.backend ?? process.env.ALEXNET_BACKEND ?? 'auto');
  if (!isBackendChoice(backend)) throw new UsageError(`--backend must be ${backendChoicesText()}, got '${backend}'`);
  return (await command.run({ positionals, values, backend })) ?? 0;
}

// `alexnet ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2))
  // Dawn (webgpu) keeps the event loop alive while navigator.gpu holds it: let the process end with the command.
  .finally(releaseDawn)
  .then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const verbose = process.argv.includes('--verbose');
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`alexnet: ${message}\n`);
    if (err instanceof UsageError) process.stderr.write("Run 'alexnet --help' for usage.\n");
    else if (verbose && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
