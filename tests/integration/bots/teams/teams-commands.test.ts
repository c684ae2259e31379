import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../../../src/bots/cards/action-ids.js';
import { ADD_TIME_INPUTS } from '../../../../src/bots/cards/teams-inputs.js';
import { listEntries } from '../../../../src/db/repositories/time-entry.repository.js';
import { NOW as MARCH_BILLED, seedApprovedMarch } from '../../../support/billing-harness.js';
import { cardAction, startTeamsHarness, teamsActivity, type TeamsHarness } from '../../../support/teams-harness.js';
import { databaseKinds, useTestDatabase } from '../../../support/test-database.js';
import { DAY, DAY_NOW, executeIn, linkTeams, realCore, seedTeamsDay, snapshot, summaryCard, userId, click, type InvokeBody, type Person, sayInTeams } from './teams-real-state.js';

describe.each(databaseKinds())('Teams commands with the real core and renderer on %s', (kind) => {
  const t = useTestDatabase(kind);
  const db = () => t.current.db;
  let h: TeamsHarness;
  let clock = DAY_NOW;
  /** What Tally answered in the person's 1:1 chat to a typed message. */
  const say = (person: Person, text: string) => sayInTeams(h, person, text);
  const invoke = async (activity: Record<string, unknown>) => (await h.signedPost(activity)).body as InvokeBody;
  beforeAll(async () => {
    h = await startTeamsHarness({ db: db(), core: realCore(db()), now: () => clock });
  });
  afterAll(async () => h.close());
  beforeEach(() => {
    clock = DAY_NOW;
  });

  describe('with March approved', () => {
    beforeEach(async () => {
      await seedApprovedMarch(db());
      await linkTeams(db());
      clock = MARCH_BILLED;
    });

    it('gives billing staff the pre-bill card for "invoice acme march"', async () => {
      const reply = await say('dana', 'invoice acme march');
      const [attachment] = reply.attachments as { contentType: string; content: unknown }[];
      expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(attachment?.content)).toContain('Acme Corp — March 2026 — pre-bill');
      expect(executeIn(attachment?.content, ACTION_IDS.finalize)).toBeDefined();
    });

    it('offers choices for an ambiguous client whose click runs the invoice command and answers the pre-bill card', async () => {
      const reply = await say('dana', 'invoice corp march');
      const content = (reply.attachments as { content: unknown }[])[0]?.content;
      const choice = executeIn(content, ACTION_IDS.choose);
      expect(choice.data.value).toMatch(/^invoice [A-Z]+ march$/);
      const body = await invoke(click(h, 'dana', choice));
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(body.value)).toMatch(/ — March 2026 — pre-bill/);
    });
  });

  describe('on 2 March', () => {
    beforeEach(async () => {
      await seedTeamsDay(db());
    });

    it('adds time from the card\'s Add time form as a draft of the clicker', async () => {
      const add = executeIn(await summaryCard(h, 'robert'), ACTION_IDS.addTime);
      const body = await invoke(click(h, 'robert', add, { [ADD_TIME_INPUTS.hours]: 1.5, [ADD_TIME_INPUTS.matter]: 'ACME-002', [ADD_TIME_INPUTS.narrative]: 'Drafted supply agreement' }));
      expect(body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/^Added 1\.5 h to ACME-002/) });
      const added = (await listEntries(db(), { userId: await userId(db(), 'robert'), from: DAY, to: DAY })).filter((e) => e.narrative === 'Drafted supply agreement');
      expect(added).toMatchObject([{ billedMinutes: 90, status: 'draft', origin: 'manual' }]);
    });

    it('refuses an invoke from someone Tally does not know, changing nothing', async () => {
      const before = await snapshot(db());
      const body = await invoke(teamsActivity(h, '0a11ce00-0000-4000-8000-00000000ffff', cardAction(ACTION_IDS.approveAll, { action: { verb: 'approve_all', ownerId: await userId(db(), 'robert'), date: DAY } })));
      expect(body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/does not know your account/) });
      expect(await snapshot(db())).toEqual(before);
    });
  });
});
