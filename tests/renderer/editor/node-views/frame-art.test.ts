import { describe, expect, it } from 'vitest';
import { columnRulesImage, frameDepth, frameImage, ruleDepth, ruleImage } from '../../../../renderer/editor/node-views/frame-art';

function svgOf(css: string): string {
  const m = /^url\("data:image\/svg\+xml,(.*)"\)$/.exec(css);
  if (!m) throw new Error(`not an SVG url: ${css.slice(0, 40)}`);
  return decodeURIComponent(m[1]!);
}

function rings(svg: string): number[][] {
  return [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"[^>]*stroke-width="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
}

describe('frameImage', () => {
  it('draws a double border as two rings of the weight, one weight apart, inside the box', () => {
    const svg = svgOf(frameImage('double', 300, 200, 2, 'rgb(0 0 0)'));
    expect(svg).toContain('width="300" height="200"');
    // [x of the stroke centre, width, height, stroke width]
    expect(rings(svg)).toEqual([
      [1, 298, 198, 2],
      [5, 290, 190, 2],
    ]);
    expect(frameDepth('double', 2)).toBe(6);
  });

  it('draws 文武线 thick outside and a third of it inside', () => {
    expect(rings(svgOf(frameImage('thick-thin', 300, 200, 3, 'red')))).toEqual([
      [1.5, 297, 197, 3],
      [5, 290, 190, 1],
    ]);
    expect(rings(svgOf(frameImage('thin-thick', 300, 200, 3, 'red'))).map((r) => r[3])).toEqual([1, 3]);
  });

  it('spaces dots and dashes evenly so the pattern closes at the corners', () => {
    const dots = svgOf(frameImage('dots', 300, 200, 1, 'red'));
    const step = Number(/stroke-dasharray="0 ([\d.]+)"/.exec(dots)![1]);
    const perimeter = 2 * (300 + 200 - 4);
    const n = perimeter / step;
    expect(Math.abs(n - Math.round(n))).toBeLessThan(0.01);
    expect(dots).toContain('stroke-linecap="round"');
    const dashed = svgOf(frameImage('dashed', 300, 200, 1, 'red'));
    const [on, off] = /stroke-dasharray="([\d.]+) ([\d.]+)"/.exec(dashed)!.slice(1).map(Number);
    const periods = (2 * (300 + 200 - 2)) / (on! + off!);
    expect(Math.abs(periods - Math.round(periods))).toBeLessThan(0.01);
  });

  it('draws a wave as one closed path in the colour given', () => {
    const svg = svgOf(frameImage('wave', 300, 200, 2, 'rgb(230 0 18)'));
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain('stroke="rgb(230 0 18)"');
    expect(svg).toMatch(/Z"/);
  });
});

describe('ruleImage and columnRulesImage', () => {
  it('draws a horizontal double rule as two lines across a strip of three weights', () => {
    const svg = svgOf(ruleImage('double', 400, 1, 'black', false));
    expect(ruleDepth('double', 1)).toBe(3);
    expect(svg).toContain('width="400" height="3"');
    expect([...svg.matchAll(/<line x1="0" y1="([\d.]+)" x2="400" y2="[\d.]+" stroke="black" stroke-width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([
      [0.5, 1],
      [2.5, 1],
    ]);
  });

  it('draws a vertical thick-thin rule down its length', () => {
    const svg = svgOf(ruleImage('thick-thin', 500, 3, 'black', true));
    expect(svg).toContain(`width="${ruleDepth('thick-thin', 3)}" height="500"`);
    expect(svg.match(/<line /g)).toHaveLength(2);
  });

  it('puts one rule of the weight centred on each gap', () => {
    const svg = svgOf(columnRulesImage([100, 200], 300, 50, 0.667, 'black'));
    const centres = [...svg.matchAll(/<rect x="([\d.]+)" y="0" width="([\d.]+)" height="50"/g)].map((m) => Number(m[1]) + Number(m[2]) / 2);
    expect(centres).toHaveLength(2);
    expect(centres[0]).toBeCloseTo(100, 2);
    expect(centres[1]).toBeCloseTo(200, 2);
  });
});
