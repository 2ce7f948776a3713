/** The colours of each tone of notice: a band, a soft background, strong text and a border. */
import type { Tone } from './content-parts.js';

export interface ToneColors {
  band: string;
  soft: string;
  strong: string;
  border: string;
}

/** Colours chosen for contrast (WCAG AA for text on `soft`), readable on phones in daylight. */
export const TONE_COLORS: Record<Tone, ToneColors> = {
  info: { band: '#1d4ed8', soft: '#eff6ff', strong: '#1e3a8a', border: '#bfdbfe' },
  warning: { band: '#b45309', soft: '#fffbeb', strong: '#92400e', border: '#fde68a' },
  danger: { band: '#b91c1c', soft: '#fef2f2', strong: '#991b1b', border: '#fecaca' },
  critical: { band: '#7f1d1d', soft: '#fef2f2', strong: '#7f1d1d', border: '#fca5a5' },
  success: { band: '#15803d', soft: '#f0fdf4', strong: '#166534', border: '#bbf7d0' },
};
