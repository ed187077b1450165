import { describe, expect, it } from 'vitest';
import { REPORT_ITEMS } from '../../../../src/core/annual-report/items';
import { fieldLabel, PUBLIC_FIELD_LABELS, withheldLabel } from './public-field-labels';

const FIELDS = REPORT_ITEMS.flatMap((i) => i.fields);

describe('the labels of an annual report’s published fields', () => {
  it.each(FIELDS.map((f) => [f.key, f] as const))('names %s as the core does', (key, field) => {
    expect(fieldLabel(key, 'zh')).toBe(field.label);
    expect(fieldLabel(key, 'en')).toBe(field.labelEn);
    expect(withheldLabel(field.label, 'en')).toBe(field.labelEn);
  });

  it('has no label for a field the core does not have', () => {
    expect(Object.keys(PUBLIC_FIELD_LABELS).sort()).toEqual(FIELDS.map((f) => f.key).sort());
  });
});
