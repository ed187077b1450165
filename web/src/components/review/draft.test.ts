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
import { buildSourceText, splitSourceLines } from './source-lines';
import { readReport, type Evidence } from './review-api';

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
  it('shows the whole text file when its lines match the evidence', () => {
    const text = ['', '', '中华人民共和国', '增值电信业务经营许可证'].join('\r\n');
    expect(splitSourceLines(text).map((l) => l.no)).toEqual([1, 2, 3, 4]);
  });

  it('falls back to the evidence lines alone when there is no text or it does not match', () => {
    const report = readReport(SEED_RESULT.report);
    const partial = buildSourceText(SEED_RESULT.parse, report, null);
    expect(partial.complete).toBe(false);
    expect(partial.lines.map((l) => l.no).slice(0, 4)).toEqual([4, 6, 11, 13]);
    expect(buildSourceText(SEED_RESULT.parse, report, 'something else').complete).toBe(false);
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
