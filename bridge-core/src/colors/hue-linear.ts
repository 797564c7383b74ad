/**
 * Hue-linearized CIELAB: the Lab the preset matching feeds to CIEDE2000.
 *
 * Why. CIELAB's hue angle is not constant along lines of constant *perceived* hue, worst in the blue
 * region: as a blue gets more saturated its CIELAB hue swings towards purple (Hung & Berns, "Determination
 * of constant hue loci for a CRT gamut...", Color Res. Appl. 20(5), 1995; the "blue turns purple"
 * defect of CIELAB gradients and gamut mapping). ΔE00 compensates partly (its RT rotation term) but not
 * enough for a saturated #0000FF or navy: their CIELAB hue (~306°) is that of Outlook's DarkPurple
 * 5C3FA3, not of DarkBlue 2858A5 (~284°), so plain ΔE00 says DarkPurple where every person says
 * DarkBlue.
 *
 * Standard remedy. Keep the color-difference metric and straighten the hue first: "hue-linearized
 * CIELAB" (Braun, Ebner & Fairchild, "Color gamut mapping in a hue-linearized CIELAB color space",
 * IS&T/SID CIC 6, 1998) moves every color along its constant-hue line to the hue angle of that line near
 * the neutral axis, where CIELAB hue is right, and leaves L* and C* alone. They took the constant-hue
 * lines from Hung & Berns' data through a lookup table; here they come from OKLab (Ottosson 2020), whose
 * hue is fitted to IPT's constant-hue data (Ebner & Fairchild 1998, built for hue linearity in the
 * blue), a closed form of two 3x3 matrices and a cube root, public domain, and the space CSS Color 4
 * uses for interpolation and gamut mapping for the same reason. IPT itself would do too; OKLab is the
 * smaller and better known of the two. CIECAM02-UCS was not chosen: much more machinery (viewing
 * conditions) and it keeps some of the blue hue shift.
 *
 * How. For a color with OKLab lightness L and hue h: the point of the same OKLab L and h at chroma
 * REFERENCE_CHROMA (the low-chroma end of its constant-hue line), converted to CIELAB, gives the
 * corrected CIELAB hue angle; the color keeps its own CIELAB L* and C*. Colors already at or below that
 * chroma are unchanged, so greys and pale colors are exactly CIELAB and the mapping is continuous.
 * Only the hue angle moves: 28° for #0000FF; among the presets 12° for DarkBlue, 7° for DarkYellow and
 * DarkPurple, under 4° for the others (a preset is compared with its own corrected Lab: distance 0).
 * The CIEDE2000 formula itself is untouched (still checked against Sharma's data).
 */
import { linearRgbToXyz, rgbToLab, srgbToLinear, xyzToLab, type Lab } from './ciede2000.js';
import type { Rgb } from './parse.js';

/** OKLab chroma of the reference point of a constant-hue line: near-neutral (vivid sRGB colors are 0.15-0.32). */
export const REFERENCE_CHROMA = 0.05;

export interface OkLab {
  readonly L: number;
  readonly a: number;
  readonly b: number;
}

/** Linear sRGB -> OKLab (Ottosson's reference matrices, D65). */
export function linearRgbToOkLab(r: number, g: number, b: number): OkLab {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return {
    L: 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    a: 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    b: 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  };
}

/** OKLab -> linear sRGB (out-of-gamut values are returned as they are: only used on the way to XYZ). */
export function okLabToLinearRgb({ L, a, b }: OkLab): [number, number, number] {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

export function rgbToOkLab(rgb: Rgb): OkLab {
  return linearRgbToOkLab(srgbToLinear(rgb.r), srgbToLinear(rgb.g), srgbToLinear(rgb.b));
}

/** CIELAB with the hue angle straightened along OKLab's constant-hue lines (see the file comment). */
export function hueLinearizedLab(rgb: Rgb): Lab {
  const lab = rgbToLab(rgb);
  const ok = rgbToOkLab(rgb);
  const okChroma = Math.hypot(ok.a, ok.b);
  const chroma = Math.hypot(lab.a, lab.b);
  if (okChroma <= REFERENCE_CHROMA || chroma === 0) return lab;
  const k = REFERENCE_CHROMA / okChroma;
  const [r, g, b] = okLabToLinearRgb({ L: ok.L, a: ok.a * k, b: ok.b * k });
  const ref = xyzToLab(linearRgbToXyz(r, g, b));
  const hue = Math.atan2(ref.b, ref.a);
  return { L: lab.L, a: chroma * Math.cos(hue), b: chroma * Math.sin(hue) };
}
