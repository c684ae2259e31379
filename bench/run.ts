import { report, type BenchResult } from './bench-result.js';
import { benchCapture } from './capture.bench.js';
import { benchFanout } from './fanout.bench.js';
import { benchInteractive } from './interactive.bench.js';
import { benchInvoice } from './invoice.bench.js';
import { benchLlm } from './llm.bench.js';

/** Each benchmark runs its own baseline in the same process and run, so ratios compare like with like. */
const BENCHES: Readonly<Record<string, (options: { pglite: boolean }) => Promise<BenchResult>>> = {
  capture: benchCapture,
  invoice: benchInvoice,
  interactive: benchInteractive,
  fanout: benchFanout,
  llm: benchLlm,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pglite = args.includes('--pglite');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}\n`);
    process.exitCode = 1;
    return;
  }
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    const bench = BENCHES[name] as (typeof BENCHES)[string];
    await report(await bench({ pglite }), (line) => process.stdout.write(`${line}\n`));
  }
}

await main();
