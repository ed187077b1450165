import { describe, expect, it } from 'vitest';
import { describeActor, parseActor, personActor, personActorPrefix, tokenActor } from './actor.js';

const zhang = { id: 'u1', name: '张三', email: 'zhang@example.com' };

describe('actor strings', () => {
  it('a person round-trips with their address, and their prefix filters them', () => {
    const a = personActor(zhang, '203.0.113.7');
    expect(parseActor(a)).toEqual({ kind: 'person', person: zhang, address: '203.0.113.7' });
    expect(a.startsWith(personActorPrefix('u1'))).toBe(true);
    expect(a.startsWith(personActorPrefix('u'))).toBe(false);
    expect(describeActor(a)).toBe('张三 <zhang@example.com>');
  });

  it('a token names its creator; an old token actor is its name', () => {
    const t = tokenActor({ id: 't1', name: 'ci' }, zhang, null);
    expect(parseActor(t)).toEqual({
      kind: 'token',
      token: { id: 't1', name: 'ci' },
      createdBy: { id: 'u1', name: '张三' },
      address: null,
    });
    expect(describeActor(t, 'en')).toBe('token “ci” (created by 张三)');
    expect(describeActor(tokenActor({ id: 't2', name: 'ops' }, null, null))).toBe('令牌“ops”');
    expect(parseActor('token:web sign-in')).toMatchObject({
      token: { id: null, name: 'web sign-in' },
    });
  });

  it('other forms, and malformed JSON, are kept as written', () => {
    expect(parseActor('cli:alice')).toEqual({ kind: 'cli', name: 'alice' });
    expect(describeActor('cli:alice')).toBe('cli:alice');
    expect(parseActor('person:{oops')).toEqual({ kind: 'person', name: '{oops' });
    expect(parseActor('person:["u1"]')).toEqual({ kind: 'person', name: '["u1"]' });
  });
});
