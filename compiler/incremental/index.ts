// Incremental re-checking for the language service: the same answers as check(), faster after small edits.
export { IncrementalChecker } from './incremental_check.js';
export { reparse, type ParsedFile, type ReparseKind } from './incremental_parse.js';
export { textChange, type TextChange } from './text_change.js';
