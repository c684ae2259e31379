import type { Activity } from '../src/core/activity.js';

/** A deterministic pseudo-random stream, so every run benchmarks the same firm and day. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const TIMEZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London'];
const TOPICS = ['deposition', 'discovery', 'settlement', 'expert report', 'pricing', 'motion to compel', 'lease', 'trademark', 'claim construction', 'privilege log'];

/** A firm file with `lawyers` timekeepers, `clients` clients and two or three matters each. */
export function syntheticFirm(lawyers: number, clients: number): Record<string, unknown> {
  const users = Array.from({ length: lawyers }, (_, i) => ({
    email: `lawyer${i}@bigfirm.example`,
    name: `Lawyer Number${i}`,
    timekeeperId: `TK${i}`,
    classification: i % 5 === 0 ? 'PARTNR' : 'ASSOC',
    roles: ['lawyer'],
    rate: i % 5 === 0 ? '650.00' : '395.00',
    timezone: TIMEZONES[i % TIMEZONES.length],
  }));
  const clientRows = Array.from({ length: clients }, (_, c) => ({ code: `C${c}`, name: `Client ${c} Inc`, domains: [`client${c}.example`], aliases: [`client${c}`] }));
  const matters = clientRows.flatMap((client, c) =>
    Array.from({ length: 2 + (c % 2) }, (_, m) => ({ code: `C${c}-${m + 1}`, client: client.code, name: `Client ${c} ${TOPICS[(c + m) % TOPICS.length]}`, keywords: [TOPICS[(c + m) % TOPICS.length], `project${c}x${m}`] })),
  );
  return { firm: { name: 'Bench & Partners LLP', timezone: 'America/New_York' }, users, clients: clientRows, matters };
}

/**
 * About `perLawyer` activities for every lawyer on one day: meetings, emails (some during
 * meetings), document edits in sessions, Slack messages and calls, with client participants.
 */
export function syntheticDay(date: string, lawyers: number, clients: number, perLawyer: number, seed = 42): Activity[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out: Activity[] = [];
  const base = Date.parse(`${date}T13:00:00Z`);
  for (let l = 0; l < lawyers; l++) {
    const user = `lawyer${l}@bigfirm.example`;
    for (let n = 0; n < perLawyer; n++) {
      const c = Math.floor(random() * clients);
      const m = Math.floor(random() * 3);
      const start = new Date(base + Math.floor(random() * 600) * 60_000);
      const roll = random();
      const source = roll < 0.15 ? 'calendar' : roll < 0.65 ? 'email' : roll < 0.9 ? 'document' : roll < 0.97 ? 'slack' : 'call';
      const minutes = source === 'calendar' ? pick([30, 45, 60, 90]) : source === 'call' ? pick([10, 20, 35]) : 0;
      const topic = random() < 0.5 ? `project${c}x${m}` : pick(TOPICS);
      out.push({
        id: `bench:${l}:${n}`,
        source,
        user,
        start,
        end: new Date(start.getTime() + minutes * 60_000),
        title: source === 'document' ? `Client${c}_${topic.replace(/ /g, '_')}_v${1 + (n % 3)}.docx` : `Client ${c} — ${topic}`,
        participants: source === 'document' || source === 'slack' ? [] : [`contact${n % 7}@client${c}.example`, ...(random() < 0.3 ? [`lawyer${(l + 1) % lawyers}@bigfirm.example`] : [])],
        ref: null,
        meta: source === 'document' ? { documentId: `doc-${l}-${c}-${m}` } : source === 'slack' ? { channel: `CH${c}` } : {},
      });
    }
  }
  return out;
}
