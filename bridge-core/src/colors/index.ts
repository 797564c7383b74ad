// Colors: calendar colors <-> Outlook category presets and Thunderbird colors (isomorphic, no deps).
export { CSS_COLOR_NAMES } from './css-names.js';
export {
  ColorParseError,
  hexByte,
  parseColor,
  rgbToHex,
  toCalendarColorValue,
  tryParseColor,
  type ParsedColor,
  type Rgb,
} from './parse.js';
export {
  OUTLOOK_PRESETS,
  PRESET_COUNT,
  PRESET_NONE,
  PRESET_NONE_HEX,
  getPreset,
  isPresetNumber,
  presetFromGraph,
  presetFromOfficeJs,
  presetFromString,
  presetName,
  presetToGraph,
  presetToOfficeJs,
  type OutlookPreset,
} from './presets.js';
export {
  deltaE2000,
  deltaE2000Rgb,
  linearRgbToXyz,
  rgbToLab,
  rgbToXyz,
  srgbToLinear,
  xyzToLab,
  type Lab,
} from './ciede2000.js';
export {
  REFERENCE_CHROMA,
  hueLinearizedLab,
  linearRgbToOkLab,
  okLabToLinearRgb,
  rgbToOkLab,
  type OkLab,
} from './hue-linear.js';
export {
  nearestCssColorName,
  nearestPreset,
  rankPresets,
  type NearestCssName,
  type NearestPreset,
  type RankedPreset,
  PRESET_MATCHING,
} from './nearest.js';
export {
  FALLBACK_CATEGORY_NAME,
  InMemoryCategoryMemory,
  categoryBaseName,
  categoryFor,
  clearCategoryOverride,
  sameCategoryName,
  setCategoryOverride,
  type CalendarRef,
  CategoryOverrideError,
  type CategoryAssignment,
  type CategoryForOptions,
  type CategoryMemory,
  type CategoryMemorySnapshot,
  type CategoryOverride,
  type RememberedCategory,
} from './category.js';
export { presetToCalendarColor } from './reverse.js';
export {
  eventCategoriesToOutlook,
  eventColorToPreset,
  normalizeCategoryList,
  outlookCategoriesToEvent,
  presetToEventColor,
} from './event-categories.js';
export {
  presetToThunderbirdColor,
  thunderbirdCategoryPrefName,
  thunderbirdCssName,
  toThunderbirdColor,
} from './thunderbird.js';
export { renderSwatchSheetSvg, type SwatchRow } from './swatch-svg.js';
