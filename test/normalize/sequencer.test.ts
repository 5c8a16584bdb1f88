/** compareSequencers: right-pad the shorter value with zeros, compare hex case-insensitively (UG-ECS). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSequencers } from 's3-event-kit';

describe('compareSequencers', () => {
  it('orders equal-length sequencers as hex numbers', () => {
    expect(compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E6')).toBe(-1);
    expect(compareSequencers('0055AED6DCD90281E6', '0055AED6DCD90281E5')).toBe(1);
    expect(compareSequencers('0065F349D4F05B5827', '0065F349D4F05B5827')).toBe(0);
    expect(compareSequencers('00000000000000000F', '0000000000000000A0')).toBe(-1);
  });

  it('ignores case', () => {
    expect(compareSequencers('617f08299329d189', '617F08299329D189')).toBe(0);
    expect(compareSequencers('00aa', '00AB')).toBe(-1);
    expect(compareSequencers('00AB', '00aa')).toBe(1);
  });

  it('right-pads the shorter value with zeros (current User Guide), unlike the retired left-pad rule', () => {
    expect(compareSequencers('0055AED6DCD9', '0055aed6dcd90000')).toBe(0);
    // Right padding: 'FF' reads as 'FF00', which is after '0FFF'. Left padding would say the opposite.
    expect(compareSequencers('FF', '0FFF')).toBe(1);
    expect(compareSequencers('0FFF', 'FF')).toBe(-1);
    expect(compareSequencers('1', '10')).toBe(0);
    expect(compareSequencers('1', '11')).toBe(-1);
  });

  it('treats the empty string as all zeros', () => {
    expect(compareSequencers('', '')).toBe(0);
    expect(compareSequencers('', '00')).toBe(0);
    expect(compareSequencers('', '01')).toBe(-1);
  });

  it('sorts a shuffled list of recorded sequencers into event order', () => {
    const ordered = ['0055AED6DCD90281E5', '0065F349D4F05B5827', '0066DA1CBF104C0D51', '006408CAD69598B05E'].sort();
    const shuffled = [ordered[2]!, ordered[0]!, ordered[3]!, ordered[1]!];
    expect(shuffled.sort(compareSequencers)).toEqual(ordered);
  });

  it('is antisymmetric, reflexive, and agrees with BigInt order for equal-length hex (property)', () => {
    const hex = fc.stringMatching(/^[0-9a-fA-F]{1,20}$/);
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        expect(compareSequencers(a, b)).toBe(-compareSequencers(b, a) || 0);
        expect(compareSequencers(a, a)).toBe(0);
        const length = Math.max(a.length, b.length);
        const x = BigInt(`0x${a.padEnd(length, '0')}`);
        const y = BigInt(`0x${b.padEnd(length, '0')}`);
        expect(compareSequencers(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
      }),
    );
  });
});
