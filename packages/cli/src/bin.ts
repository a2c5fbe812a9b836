import { run } from './main.js';

// The `modelcheck` executable: run the command line, print, and set the exit code.
const result = run(process.argv.slice(2), process.stderr.isTTY === true);
if (result.stdout.length > 0) process.stdout.write(`${result.stdout.join('\n')}\n`);
if (result.stderr.length > 0) process.stderr.write(`${result.stderr.join('\n')}\n`);
process.exitCode = result.exitCode;
