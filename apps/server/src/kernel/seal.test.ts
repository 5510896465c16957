import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealContent, verifySeal } from './seal.ts';

describe('seal', () => {
  const content = { rows: [{ id: 'a', amount: 206_000_000 }], year: '2026-2027' };

  it('hashes the canonical text, whatever order the keys were built in', () => {
    const seal = sealContent(content);
    expect(seal.json).toBe('{"rows":[{"amount":206000000,"id":"a"}],"year":"2026-2027"}');
    expect(seal.hash).toBe(createHash('sha256').update(seal.json, 'utf8').digest('hex'));
    expect(sealContent({ year: '2026-2027', rows: [{ amount: 206_000_000, id: 'a' }] })).toEqual(
      seal,
    );
  });

  it('verifies the live content and names what differs', () => {
    const seal = sealContent(content);
    expect(verifySeal(seal, content)).toEqual({ status: 'intact', details: [], differences: [] });
    const changed = verifySeal(seal, { ...content, rows: [{ id: 'a', amount: 388_000_000 }] });
    expect(changed.status).toBe('tampered');
    expect(changed.differences).toEqual(['rows[0].amount']);
  });

  it('reports a snapshot edited together with its content', () => {
    const seal = sealContent(content);
    const forged = { ...seal, json: seal.json.replace('206000000', '1') };
    const result = verifySeal(forged, content);
    expect(result.status).toBe('tampered');
    expect(result.details[0]).toContain('không khớp mã băm');
  });
});
