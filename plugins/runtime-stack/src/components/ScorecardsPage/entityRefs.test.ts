import { shortEntityName, toGroupRef } from './entityRefs';

describe('shortEntityName', () => {
  it('drops the kind and the default namespace', () => {
    expect(shortEntityName('group:default/team-payments')).toBe(
      'team-payments',
    );
    expect(shortEntityName('group:ops/team-sre')).toBe('ops/team-sre');
  });

  it('keeps what does not parse', () => {
    expect(shortEntityName('group:')).toBe('group:');
  });
});

describe('toGroupRef', () => {
  it('completes a team name into a Group ref', () => {
    expect(toGroupRef(' team-payments ')).toBe('group:default/team-payments');
    expect(toGroupRef('ops/team-sre')).toBe('group:ops/team-sre');
    expect(toGroupRef('group:default/team-a')).toBe('group:default/team-a');
  });

  it('leaves empty and unparseable text alone', () => {
    expect(toGroupRef('  ')).toBe('');
    expect(toGroupRef('group:')).toBe('group:');
  });
});
