// The CLI's TextReporter names the Node version in its first lines; in a browser `process` does
// not exist (the worker catches the ReferenceError, see worker/check-run.ts). Declared here so the
// shared CLI file type-checks without pulling Node's types into browser code.
declare const process: { readonly version: string; readonly platform: string; readonly arch: string };
