// Editors ask about half-typed text: no edit of a real network makes a service question throw or answer nonsense.
import test from 'ava';
import fc from 'fast-check';
import { highlightTokens, LanguageService } from '../../../compiler/services/index.js';
import { networkFiles, readText } from '../../helpers/files.js';

const sources = networkFiles().map(readText);
const pieces = ['conv(', 'kernel: ', ')', '{', '}', '"', '#', 'in.', ',', ':', 'repeat 2 {', 'residual {', '\n', '🙂', 'é', 'basic(', '[1, 2', 'let x = ', '..', 'freeze '];

/** A network with one edit: a slice cut out and a fragment put in its place. */
const edited = fc
  .record({ source: fc.integer({ min: 0, max: sources.length - 1 }), at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.integer({ min: 0, max: 40 }), insert: fc.array(fc.constantFrom(...pieces), { maxLength: 4 }) })
  .map(({ source, at, cut, insert }) => {
    const text = sources[source];
    const start = Math.floor(at * text.length);
    return text.slice(0, start) + insert.join('') + text.slice(start + cut);
  });

test('after any edit every question answers: offsets inside the text, answers well-formed', (t) => {
  const service = new LanguageService();
  t.notThrows(() => fc.assert(
    fc.property(edited, fc.double({ min: 0, max: 1, noNaN: true }), (text, where) => {
      service.setFile('e.net', text);
      const offset = Math.floor(where * text.length);
      const inText = (x: number) => Number.isInteger(x) && x >= 0 && x <= text.length;
      for (const d of service.diagnostics('e.net')) if (d.file === 'e.net' && !(inText(d.from) && inText(d.to) && d.from <= d.to)) return false;
      const list = service.completions('e.net', offset);
      if (!(inText(list.from) && list.from <= list.to && list.to === offset)) return false;
      const info = service.hover('e.net', offset);
      if (info && !(inText(info.from) && info.from <= offset && offset <= info.to && info.markdown.length > 0)) return false;
      if (!service.inlayHints('e.net').every((h) => inText(h.offset) && /^\[/.test(h.label))) return false;
      return highlightTokens(text).every((h) => inText(h.from) && inText(h.to) && h.from < h.to);
    }),
    { numRuns: 150, seed: 13 },
  ));
});

test('after any edit the navigation questions answer well-formed ranges, and never throw', (t) => {
  const service = new LanguageService({ readFile: () => undefined, listFiles: () => ['e.net', 'gone.net'] });
  t.notThrows(() => fc.assert(
    fc.property(edited, fc.double({ min: 0, max: 1, noNaN: true }), (text, where) => {
      service.setFile('e.net', text);
      const offset = Math.floor(where * text.length);
      const inText = (x: number) => Number.isInteger(x) && x >= 0 && x <= text.length;
      const ranges = [...service.definition('e.net', offset), ...service.references('e.net', offset, true)];
      if (!ranges.every((r) => r.file === 'e.net' && inText(r.from) && inText(r.to) && r.from <= r.to)) return false;
      const node = service.nodeAt('e.net', offset);
      if (node && !(inText(node.from) && node.from <= offset && offset <= node.to)) return false;
      const prepared = service.prepareRename('e.net', offset);
      if (prepared && !('error' in prepared) && text.slice(prepared.from, prepared.to) !== prepared.placeholder) return false;
      const renamed = service.rename('e.net', offset, 'fresh_name');
      if ('edits' in renamed && !renamed.edits.every((e) => inText(e.from) && inText(e.to) && e.newText === 'fresh_name')) return false;
      const tokens = service.semanticTokens('e.net');
      if (!tokens.every((tok, i) => inText(tok.from) && inText(tok.to) && tok.from < tok.to && (i === 0 || tokens[i - 1].to <= tok.from))) return false;
      const outline = (symbols: ReturnType<LanguageService['documentSymbols']>): boolean => symbols.every((s) => inText(s.from) && inText(s.to) && s.from <= s.selectionFrom && outline(s.children));
      if (!outline(service.documentSymbols('e.net'))) return false;
      return service.codeActions('e.net', 0, text.length).every((a) => a.edits.length > 0 && a.edits.every((e) => inText(e.from) && inText(e.to)));
    }),
    { numRuns: 100, seed: 14 },
  ));
});
