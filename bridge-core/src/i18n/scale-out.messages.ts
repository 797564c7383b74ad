/** Keys and parameters of the scale-out sentences (the bridge server shutting down, its job queue); words in scale-out.en.ts, scale-out.fr.ts. */
export interface ScaleOutMessageParams {
  'scale-out.shutting-down': Record<string, never>;
}
