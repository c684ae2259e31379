import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import {
  CALLBACK_IDS, FORM_FIELDS, SLACK_LIMITS, addTimeModal, editEntryModal, loadingModal, parseAddTimeSubmission, parseEditSubmission,
  parseWriteDownSubmission, showAllModal, writeDownModal, type SlackStateValues,
} from '../../../../src/bots/cards/index.js';
import { aDailyReviewView, aPreBillMatterView, anEntryView, someMatters, testUuid } from '../../../support/builders-views.js';

const input = (view: types.ModalView, field: string) => view.blocks.find((b): b is types.InputBlock => b.type === 'input' && b.block_id === field);

describe('editEntryModal', () => {
  const entry = anEntryView({ version: 7, maxNarrativeLength: 320, matter: { code: 'GLOBEX-001', name: 'Globex patent' } });
  const view = aDailyReviewView({}, { recentMatters: someMatters(3) });
  const modal = editEntryModal(entry, view);

  it('carries only the ids in private_metadata', () => {
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual({ ownerId: 42, date: '2026-03-02', entryId: entry.id, version: 7 });
    expect(modal.callback_id).toBe(CALLBACK_IDS.editEntry);
  });

  it('limits the multiline narrative to the client maximum and fills every field', () => {
    expect(input(modal, FORM_FIELDS.narrative)?.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 320, initial_value: entry.narrative });
    expect(input(modal, FORM_FIELDS.hours)?.element).toMatchObject({ initial_value: '1.5' });
    expect(input(modal, FORM_FIELDS.taskCode)?.element).toMatchObject({ initial_value: 'L120' });
    expect(input(modal, FORM_FIELDS.activityCode)?.element).toMatchObject({ initial_value: 'A103' });
  });

  it('offers the recent matters and keeps the current one selected', () => {
    const select = input(modal, FORM_FIELDS.matter)?.element as types.StaticSelect;
    expect(select.options?.map((o) => o.value)).toEqual(['GLOBEX-001', 'ACME-001', 'ACME-002', 'ACME-003']);
    expect(select.initial_option?.value).toBe('GLOBEX-001');
  });

  it('falls back to a typed matter code when there are no recent matters', () => {
    const m = editEntryModal(anEntryView({ matter: null }), aDailyReviewView({}, { recentMatters: [] }));
    expect(input(m, FORM_FIELDS.matter)?.element.type).toBe('plain_text_input');
  });

  it('round-trips a submission into an edit action', () => {
    const values: SlackStateValues = {
      [FORM_FIELDS.narrative]: { [FORM_FIELDS.narrative]: { value: ' Revised narrative ' } },
      [FORM_FIELDS.hours]: { [FORM_FIELDS.hours]: { value: '1h30m' } },
      [FORM_FIELDS.matter]: { [FORM_FIELDS.matter]: { selected_option: { value: 'ACME-002' } } },
      [FORM_FIELDS.taskCode]: { [FORM_FIELDS.taskCode]: { value: null } },
      [FORM_FIELDS.activityCode]: { [FORM_FIELDS.activityCode]: { value: 'A104' } },
    };
    expect(parseEditSubmission(modal.private_metadata ?? '', values)).toEqual({
      verb: 'edit', ownerId: 42, date: '2026-03-02', entryId: entry.id, version: 7,
      edit: { narrative: 'Revised narrative', hours: '1h30m', matter: 'ACME-002', activityCode: 'A104' },
    });
  });

  it.each([
    ['not JSON', 'x'],
    ['missing the version', JSON.stringify({ ownerId: 42, date: '2026-03-02', entryId: testUuid(1) })],
    ['an extra field', JSON.stringify({ ownerId: 42, date: '2026-03-02', entryId: testUuid(1), version: 1, hours: '2' })],
  ])('refuses metadata that is %s', (_what, meta) => {
    expect(parseEditSubmission(meta, {})).toBeNull();
  });
});

describe('other modals', () => {
  it('the loading view is a modal that needs nothing from the database', () => {
    expect(loadingModal()).toMatchObject({ type: 'modal', callback_id: CALLBACK_IDS.loading });
  });

  it.each([[0, 0], [5, 5], [60, 60], [100, 100]])('"Show all" of %i pending and %i done stays within 100 blocks', (pending, done) => {
    const modal = showAllModal(aDailyReviewView({ pending, done }));
    expect(modal.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.modalBlocks);
    expect(modal.title.text.length).toBeLessThanOrEqual(SLACK_LIMITS.modalTitle);
    const last = JSON.stringify(modal.blocks.at(-1));
    if (pending + done > 98) expect(last).toContain('more');
  });

  it('the Add time form round-trips', () => {
    const modal = addTimeModal(aDailyReviewView());
    const values: SlackStateValues = {
      [FORM_FIELDS.hours]: { [FORM_FIELDS.hours]: { value: '0.5' } },
      [FORM_FIELDS.matter]: { [FORM_FIELDS.matter]: { selected_option: { value: 'ACME-003' } } },
      [FORM_FIELDS.narrative]: { [FORM_FIELDS.narrative]: { value: 'Call with client' } },
    };
    expect(parseAddTimeSubmission(modal.private_metadata ?? '', values)).toEqual({ ownerId: 42, date: '2026-03-02', hours: '0.5', matter: 'ACME-003', narrative: 'Call with client' });
    expect(parseAddTimeSubmission(modal.private_metadata ?? '', {})).toBeNull();
  });

  it('the Write down form round-trips, and needs both amount and reason', () => {
    const modal = writeDownModal({ invoiceId: testUuid(500) });
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual({ invoiceId: testUuid(500) });
    const values: SlackStateValues = {
      [FORM_FIELDS.amount]: { [FORM_FIELDS.amount]: { value: '-120.00' } },
      [FORM_FIELDS.reason]: { [FORM_FIELDS.reason]: { value: 'duplicate research' } },
    };
    expect(parseWriteDownSubmission(modal.private_metadata ?? '', values)).toEqual({ verb: 'write_down', invoiceId: testUuid(500), amount: '-120.00', reason: 'duplicate research' });
    expect(parseWriteDownSubmission(modal.private_metadata ?? '', { [FORM_FIELDS.amount]: values[FORM_FIELDS.amount]! })).toBeNull();
  });

  it.each([
    ['without a response_url', undefined, { invoiceId: testUuid(501) }],
    ['with the click\'s response_url', 'https://hooks.slack.com/actions/T0/1/abc', { invoiceId: testUuid(501), responseUrl: 'https://hooks.slack.com/actions/T0/1/abc' }],
    ['with a response_url too long for private_metadata', `https://hooks.slack.com/${'x'.repeat(3000)}`, { invoiceId: testUuid(501) }],
  ])('the Write down form opens from the button alone, %s: ids only in its metadata', (_name, responseUrl, metadata) => {
    const modal = writeDownModal({ invoiceId: testUuid(501) }, responseUrl);
    expect(modal.callback_id).toBe(CALLBACK_IDS.writeDown);
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual(metadata);
    expect(modal.private_metadata?.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(modal.blocks)).toMatch(/Write down or up this pre-bill/);
    expect(JSON.stringify(modal.blocks)).not.toMatch(/\$|\bh\b|total/);
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([FORM_FIELDS.amount, FORM_FIELDS.reason]);
  });

  it('the Write down form shows a label only when one is given', () => {
    const m = aPreBillMatterView();
    const modal = writeDownModal({ invoiceId: m.invoiceId, label: `${m.matter.code} — total ${m.total}` });
    expect(JSON.stringify(modal.blocks)).toContain(m.matter.code);
  });
});
