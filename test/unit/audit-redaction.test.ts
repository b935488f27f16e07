import { describe, expect, it } from 'vitest';
import { REDACTED, redactVariables } from '../../src/modules/audit/audit-entry.ts';

describe('variables in audit entries', () => {
  it('keeps paging, ids and filter enums and redacts everything else, shape kept', () => {
    expect(redactVariables({ first: 10, after: 'c1', input: { name: 'Volga Precision', marking: 'AMBER', aliases: [{ name: 'x' }] } })).toEqual({
      first: 10,
      after: 'c1',
      input: { name: REDACTED, marking: 'AMBER', aliases: [{ name: REDACTED }] },
    });
  });

  it('survives a hostile request nesting its variables a hundred thousand levels deep', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? { a: deep } : [deep];
    const redacted = JSON.stringify(redactVariables({ input: deep }));
    expect(redacted.length).toBeLessThan(200);
    expect(redacted).toContain(REDACTED);
  });
});
