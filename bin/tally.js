#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx tally` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv);
