import { describe, expect, it } from 'vitest';
import {
  countChanges,
  doubtfulBelow,
  draftFromLicence,
  emptyItem,
  evidenceForDraft,
  findEvidence,
  isDoubtful,
  licenceFromDraft,
  splitList,
  type Draft,
} from './draft';
import { SEED_RESULT } from './seed.fixture';
import { buildSourceText } from './source-lines';
import type { Evidence } from './review-api';

const parsed = SEED_RESULT.parse.licence;

describe('the review draft', () => {
  it('gives back exactly the parsed record when nothing was edited', () => {
    const initial = draftFromLicence(parsed);
    expect(licenceFromDraft(parsed, initial, initial)).toEqual(parsed);
    expect(countChanges(initial, initial)).toBe(0);
  });

  it('changes only the edited field, and an emptied field becomes null', () => {
    const initial = draftFromLicence(parsed);
    const draft: Draft = {
      ...initial,
      scalars: { ...initial.scalars, 'holder.name': '  新名称有限公司 ', expiresOn: '' },
    };
    const licence = licenceFromDraft(parsed, initial, draft);
    expect(licence.holder.name).toBe('新名称有限公司');
    expect(licence.expiresOn).toBeNull();
    expect(licence.issuedOn).toBe(parsed.issuedOn);
    expect(licence.services).toEqual(parsed.services);
    expect(countChanges(initial, draft)).toBe(2);
  });

  it('reads list fields from one line split on 、 or commas, domains lower-cased', () => {
    expect(splitList('coverage', '北京市、天津市，河北省')).toEqual(['北京市', '天津市', '河北省']);
    expect(splitList('domains', 'Example.com, www.example.cn  a.cn')).toEqual([
      'Example.com',
      'www.example.cn',
      'a.cn',
    ]);
    const initial = draftFromLicence(parsed);
    const [site] = initial.websites;
    if (site === undefined) throw new Error('the seed has a website');
    const draft: Draft = {
      ...initial,
      websites: [{ ...site, values: { ...site.values, domains: 'UpLiveApp.com、b.cn' } }],
    };
    expect(licenceFromDraft(parsed, initial, draft).websites[0]?.domains).toEqual([
      'upliveapp.com',
      'b.cn',
    ]);
  });

  it('counts added and removed items, and keeps an item’s evidence after another is removed', () => {
    const initial = draftFromLicence(parsed);
    const draft: Draft = {
      ...initial,
      services: [emptyItem('services'), ...initial.services],
      websites: [],
    };
    expect(countChanges(initial, draft)).toBe(2);
    const licence = licenceFromDraft(parsed, initial, draft);
    expect(licence.websites).toEqual([]);
    expect(licence.services[1]).toEqual(parsed.services[0]);
    expect(draft.services[1]?.origin).toBe(0);
  });

  it('finds a field’s evidence, else its parent’s', () => {
    const evidence = SEED_RESULT.parse.evidence;
    expect(findEvidence(evidence, 'holder.name')?.line).toBe(11);
    expect(findEvidence(evidence, 'services[0].excludes')?.line).toBe(15);
    expect(findEvidence(evidence, 'holder.creditCode')).toBeUndefined();
  });
});

describe('the source pane’s lines', () => {
  it('shows every line of the text the server read, numbered from 1', () => {
    const source = buildSourceText(SEED_RESULT.parse, SEED_RESULT.report, SEED_RESULT.text);
    expect(source).toMatchObject({ complete: true, lineCount: 170, leading: 170 });
    expect(source.lines[10]).toEqual({ no: 11, text: '公司名称：云智联网络科技（北京）有限公司' });
  });

  it('after a cut text, adds the evidence lines further on, in order', () => {
    const text = { lines: SEED_RESULT.text.lines.slice(0, 12), lineCount: 170, truncated: true };
    const source = buildSourceText(SEED_RESULT.parse, SEED_RESULT.report, text);
    expect(source.complete).toBe(false);
    expect(source.leading).toBe(12);
    const numbers = source.lines.map((l) => l.no);
    expect(numbers.slice(0, 14)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15]);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    expect(new Set(numbers).size).toBe(numbers.length);
    // a finding's own evidence beyond the cut is there too (validity-term rests on line 23)
    expect(source.lines.find((l) => l.no === 23)?.text).toBe('发证日期：2022年09月05日');
  });
});

describe('the evidence sent with a re-check', () => {
  it('follows the draft’s item order and leaves out the evidence of changed values', () => {
    const initial = draftFromLicence(parsed);
    const [site] = initial.websites;
    if (site === undefined) throw new Error('the seed has a website');
    const draft: Draft = {
      ...initial,
      scalars: { ...initial.scalars, expiresOn: '2027-09-05' },
      websites: [emptyItem('websites'), { ...site, values: { ...site.values, name: '主站' } }],
    };
    const evidence: Record<string, Evidence> = {
      ...SEED_RESULT.parse.evidence,
      expiresOn: {
        line: 25,
        text: '有效期至：2023年05月3日',
        confidence: 0.8,
        raw: '2023年05月3日',
      },
    };
    const sent = evidenceForDraft(evidence, initial, draft);
    expect(sent.expiresOn).toBeUndefined();
    expect(sent['websites[1].name']).toBeUndefined();
    expect(sent['websites[1].serverLocation']).toEqual(evidence['websites[0].serverLocation']);
    expect(sent['websites[1].domains']).toEqual(evidence['websites[0].domains']);
    expect(sent['websites[0].name']).toBeUndefined();
    expect(sent['holder.name']).toEqual(evidence['holder.name']);
  });
});

describe('which fields are marked doubtful', () => {
  const at = (...confidences: number[]) =>
    Object.fromEntries(
      confidences.map((confidence, i) => [`f${i}`, { line: i + 1, text: '', confidence }]),
    );

  it('marks repairs in a clean document, not its clean reads', () => {
    const below = doubtfulBelow(at(1, 1, 0.8));
    expect(isDoubtful({ line: 1, text: '', confidence: 1 }, below)).toBe(false);
    expect(isDoubtful({ line: 1, text: '', confidence: 0.9 }, below)).toBe(false);
    expect(isDoubtful({ line: 1, text: '', confidence: 0.8 }, below)).toBe(true);
    expect(isDoubtful({ line: 1, text: '', confidence: 1, corrected: false }, below)).toBe(true);
  });

  it('marks what reads below a good scan’s level, and every field of a poor scan', () => {
    expect(doubtfulBelow(at(0.88, 0.88, 0.8))).toBe(0.88);
    expect(doubtfulBelow(at(0.6, 0.5))).toBe(0.7);
    expect(doubtfulBelow({})).toBe(0.7);
  });
});
