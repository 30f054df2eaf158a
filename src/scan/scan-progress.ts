/** How far a drill-down scan has come: entries counted, and the bytes they add up to. */
export interface ScanProgress {
  items: number;
  bytes: number;
}
