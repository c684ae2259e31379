import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface Goal {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly goal: number;
  readonly better: 'lower' | 'higher';
}

export interface BenchResult {
  readonly name: string;
  readonly database: string;
  readonly figures: Readonly<Record<string, number>>;
  readonly goals: readonly Goal[];
}

const met = (g: Goal) => (g.better === 'lower' ? g.value <= g.goal : g.value >= g.goal);

/** Prints a result as a table and writes bench/results/NAME.json. */
export async function report(result: BenchResult, out: (line: string) => void): Promise<void> {
  out(`\n${result.name} (${result.database})`);
  for (const [key, value] of Object.entries(result.figures)) out(`  ${key.padEnd(26)} ${value}`);
  for (const g of result.goals) {
    out(`  ${met(g) ? 'MET ' : 'MISS'} ${g.name}: ${g.value.toFixed(2)} ${g.unit} (goal ${g.better === 'lower' ? '≤' : '≥'} ${g.goal} ${g.unit})`);
  }
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const at = new Date().toISOString();
  await writeFile(`${dir}${result.name}.json`, `${JSON.stringify({ ...result, at, node: process.version, met: result.goals.every(met) }, null, 2)}\n`);
}
