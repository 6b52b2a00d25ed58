// The one changed range between two versions of a text: their common prefix and suffix left out.

export interface TextChange {
  /** First offset that differs (the same in both texts). */
  start: number;
  /** End of the replaced range in the old text, and of its replacement in the new text. */
  oldEnd: number;
  newEnd: number;
  /** newText.length − oldText.length: how far everything after the change moved. */
  delta: number;
}

export function textChange(oldText: string, newText: string): TextChange {
  const limit = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < limit && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < limit - start && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix, delta: newText.length - oldText.length };
}
