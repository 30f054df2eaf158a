import prettyBytes from 'pretty-bytes';

/** Bytes in words for findings and reports: "3.1 MB". */
export function formatBytes(bytes: number): string {
  return prettyBytes(bytes, { maximumFractionDigits: 1 });
}
