import { main } from './main.js';

// The `modelcheck` executable: run the command line, print as it goes, and set the exit code.
// Ctrl-C asks a running check to stop at its next slice, printing the counts so far (exit 130);
// a second Ctrl-C ends the process at once.
const interrupt = { aborted: false };
const onSigint = () => {
  if (interrupt.aborted) process.exit(130);
  interrupt.aborted = true;
};
process.on('SIGINT', onSigint);

const exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
  signal: interrupt,
});
process.off('SIGINT', onSigint);
process.exitCode = exitCode;
