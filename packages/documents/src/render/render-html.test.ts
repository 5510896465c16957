import { describe, expect, it } from 'vitest';
import { sampleBieu2Plan, syntheticPlan } from '../testing/sample-plans.ts';
import { buildPlanDocument } from './plan-document.ts';
import { PRINT_SCRIPT, renderHtml } from './render-html.ts';

describe('renderHtml (print view)', () => {
  it('lays the parts out on portrait and landscape pages with the masthead and signer', () => {
    const html = renderHtml(buildPlanDocument(sampleBieu2Plan()));
    expect(html.match(/class="part part--(\w+)"/g)).toEqual([
      'class="part part--portrait"',
      'class="part part--landscape"',
      'class="part part--portrait"',
    ]);
    expect(html).toContain('@page landscape { size: A4 landscape;');
    expect(html).toContain('<div class="draft">DỰ THẢO</div>');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('Hòa Bình, ngày 05 tháng 9 năm 2026');
    expect(html).toContain('(Ký, ghi rõ họ tên, đóng dấu)');
    expect(html).toContain('<thead>');
    expect(html).toContain(`<script>${PRINT_SCRIPT}</script>`);
  });

  it('escapes what users typed and keeps their line breaks', () => {
    const plan = syntheticPlan('A', 1);
    if (plan.rows[0]) plan.rows[0].tasks = '<script>alert(1)</script>\nDòng 2 & "ngoặc"';
    const html = renderHtml(buildPlanDocument(plan));
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;<br>Dòng 2 &amp; &quot;ngoặc&quot;',
    );
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('merges cells as the model says (layout B)', () => {
    const plan = syntheticPlan('B', 6);
    const html = renderHtml(buildPlanDocument(plan));
    expect(html).toMatch(/<td rowspan="\d+" class="center">1<\/td>/);
  });
});
