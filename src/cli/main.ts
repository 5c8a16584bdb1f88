/** The CLI's dispatcher: `s3-event-kit <command> …`. @internal @module */
import packageJson from '../../package.json' with { type: 'json' };
import { closest } from '../suggest.js';
import { generate, GENERATE_HELP } from './generate.js';
import { inspect, INSPECT_HELP } from './inspect.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { tail, TAIL_HELP } from './tail.js';

export const HELP = `Usage: s3-event-kit <command> [options]

Commands:
  inspect [file|-]                          what a payload is: its road, its events, what is wrong
  generate <eventName> --road <road> …      an exact AWS payload of an S3 event, for any road
  tail --queue-url <url> [--ack]            print the S3 events arriving on an SQS queue

Options:
  -h, --help      show this help
  -v, --version   print the version

Run "s3-event-kit <command> --help" for a command's options.
`;

/** The package's version, as \`s3-event-kit --version\` prints it. */
export const VERSION: string = packageJson.version;

const COMMANDS: Readonly<Record<string, { run: (args: readonly string[], io: CliIo) => Promise<number>; help: string }>> = {
  inspect: { run: inspect, help: INSPECT_HELP },
  generate: { run: generate, help: GENERATE_HELP },
  tail: { run: tail, help: TAIL_HELP },
};

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' && rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    io.stdout.write(topic?.help ?? HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const chosen = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  try {
    if (chosen === undefined) {
      const near = closest(command, Object.keys(COMMANDS));
      const hint = near === undefined ? `; commands are ${Object.keys(COMMANDS).join(', ')}` : `; did you mean "${near}"?`;
      throw new UsageError(`unknown command ${JSON.stringify(command)}${hint}`);
    }
    return await chosen.run(rest, io);
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS');
    if (!usage) throw error;
    const help = chosen === undefined ? 's3-event-kit --help' : `s3-event-kit ${command} --help`;
    io.stderr.write(`s3-event-kit: ${(error as Error).message}\nSee "${help}".\n`);
    return EXIT.usage;
  }
}
