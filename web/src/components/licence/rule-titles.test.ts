import { describe, expect, it } from 'vitest';
import { RULES } from '../../../../src/core/checks/registry';
import { REGISTER_RULES } from '../../../../src/core/trust/assess';
import { RULE_TITLES, ruleTitle } from './rule-titles';

/** Every rule whose findings the UI shows: the checks' and the register's. */
const CORE_RULES = [...RULES, ...REGISTER_RULES];

describe('rule titles', () => {
  it.each(CORE_RULES.map((r) => [r.id, r] as const))(
    'names %s as the core does, in both languages',
    (id, rule) => {
      expect(ruleTitle(id, 'zh')).toBe(rule.title);
      expect(ruleTitle(id, 'en')).toBe(rule.titleEn);
    },
  );

  it('has no title for a rule the core does not have', () => {
    expect(Object.keys(RULE_TITLES).sort()).toEqual(CORE_RULES.map((r) => r.id).sort());
  });

  it('shows an id it does not know as it is', () => {
    expect(ruleTitle('new-rule', 'zh')).toBe('new-rule');
  });
});
