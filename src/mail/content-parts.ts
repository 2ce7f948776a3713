/** The pieces an email's content is made of, shared by the modules that decide its sentences. */

/** A run of text, emphasised or not. */
export type Segment = string | { strong: string };
export type Tone = 'info' | 'warning' | 'danger' | 'critical' | 'success';
export interface Fact {
  label: string;
  value: string;
  strong?: boolean;
}
