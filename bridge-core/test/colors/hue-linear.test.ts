import {
  OUTLOOK_PRESETS,
  REFERENCE_CHROMA,
  hueLinearizedLab,
  okLabToLinearRgb,
  parseColor,
  rgbToLab,
  rgbToOkLab,
  srgbToLinear,
  type Lab,
} from '../../src/colors/index.js';

const hue = (l: { a: number; b: number }): number => ((Math.atan2(l.b, l.a) * 180) / Math.PI + 360) % 360;
const chroma = (l: { a: number; b: number }): number => Math.hypot(l.a, l.b);
const rgb = (c: string) => parseColor(c);

describe('OKLab (Ottosson 2020 reference values)', () => {
  it.each([
    ['#FFFFFF', 1.0, 0.0, 0.0],
    ['#FF0000', 0.62796, 0.22486, 0.12585],
    ['#00FF00', 0.86644, -0.23389, 0.1795],
    ['#0000FF', 0.45201, -0.03246, -0.31153],
  ])('%s', (c, L, a, b) => {
    const ok = rgbToOkLab(rgb(c));
    expect(ok.L).toBeCloseTo(L, 4);
    expect(ok.a).toBeCloseTo(a, 4);
    expect(ok.b).toBeCloseTo(b, 4);
  });

  it('round-trips through linear sRGB', () => {
    for (const c of ['#0082C9', '#FFA500', '#5C3FA3']) {
      const p = rgb(c);
      const [r, g, b] = okLabToLinearRgb(rgbToOkLab(p));
      expect(r).toBeCloseTo(srgbToLinear(p.r), 6);
      expect(g).toBeCloseTo(srgbToLinear(p.g), 6);
      expect(b).toBeCloseTo(srgbToLinear(p.b), 6);
    }
  });
});

describe('hue-linearized CIELAB', () => {
  it('leaves greys and pale colors exactly CIELAB', () => {
    for (const c of ['#000000', '#FFFFFF', '#808080', '#AAAAAA', '#DAD9DC', '#F5F5F0']) {
      expect(hueLinearizedLab(rgb(c))).toEqual(rgbToLab(rgb(c)));
    }
  });

  it('keeps L* and C*, moves only the hue angle', () => {
    for (const c of ['#0000FF', '#FF0000', '#FFA500', '#0082C9', '#63DA38', '#800080']) {
      const plain = rgbToLab(rgb(c));
      const lin = hueLinearizedLab(rgb(c));
      expect(lin.L).toBe(plain.L);
      expect(chroma(lin)).toBeCloseTo(chroma(plain), 9);
    }
  });

  it('straightens the blue: #0000FF and navy get a DarkBlue hue, not a DarkPurple one', () => {
    const darkBlue = hueLinearizedLab(rgb('#2858A5'));
    const darkPurple = hueLinearizedLab(rgb('#5C3FA3'));
    for (const c of ['#0000FF', '#000080', '#0000CD']) {
      const plain = hue(rgbToLab(rgb(c)));
      const h = hue(hueLinearizedLab(rgb(c)));
      expect(plain).toBeGreaterThan(300); // CIELAB: ~306°, purple
      expect(Math.abs(h - hue(darkBlue))).toBeLessThan(Math.abs(h - hue(darkPurple)));
    }
  });

  it('moves the presets little: under 4° of hue except DarkBlue (12°), DarkYellow and DarkPurple (7°)', () => {
    const shifts = OUTLOOK_PRESETS.map((p) => {
      const d = Math.abs(hue(hueLinearizedLab(p.rgb)) - hue(rgbToLab(p.rgb)));
      return [p.name, Math.min(d, 360 - d)] as const;
    });
    for (const [name, d] of shifts) {
      const bound = name === 'DarkBlue' ? 12 : name === 'DarkYellow' || name === 'DarkPurple' ? 7.5 : 4;
      expect(d).toBeLessThan(bound);
    }
  });

  it('is continuous at the reference chroma (no jump for colors just above it)', () => {
    // walk from grey to vivid blue; consecutive steps never jump in hue by more than a few degrees
    let prev: Lab | null = null;
    for (let i = 8; i <= 255; i += 8) {
      const lab = hueLinearizedLab({ r: 128 - i / 2, g: 128 - i / 2, b: Math.min(255, 128 + i) });
      if (prev !== null && chroma(prev) > 5) {
        const d = Math.abs(hue(lab) - hue(prev));
        expect(Math.min(d, 360 - d)).toBeLessThan(5);
      }
      prev = lab;
    }
    expect(REFERENCE_CHROMA).toBeGreaterThan(0);
  });
});
