// Rename: every occurrence of a block, network, parameter, let or label in every file of the universe — or a
// reason why not (a built-in name, a keyword, a name that is not an identifier, or one that would collide).
import { allTokens, Identifier, netLexer } from '../../grammar/tokens.js';
import { functions } from '../functions.js';
import { layerRegistry } from '../ops/registry.js';
import type { Workspace } from './analysis.js';
import { findDefinition } from './analysis.js';
import { type Universe, occurrencesOf } from './navigation.js';
import { definitionKey, type Occurrence, keyParts, occurrenceAt, sep } from './occurrences.js';
import type { PrepareRenameResult, RenameResult, TextEditAt } from './types.js';

/** The language's keywords, read from the lexer (a keyword is a token that yields to Identifier when longer). */
export const keywords: ReadonlySet<string> = new Set(allTokens.filter((t) => t.LONGER_ALT === Identifier).map((t) => (t.PATTERN as RegExp).source));

const renamable = new Set(['network', 'block', 'parameter', 'let', 'label']);

/** Why the word at a position cannot be renamed, for what the binder knows about it. */
function refusal(o: Occurrence): string | undefined {
  switch (o.kind) {
    case 'layer':
      return `'${o.name}' is a built-in layer; only blocks, networks, parameters, lets and labels can be renamed`;
    case 'function':
      return `'${o.name}' is a built-in function`;
    case 'field':
      return `'${o.name}' is a field of the incoming shape 'in'`;
    case 'directive':
      return `'${o.name}' starts a training directive`;
    case 'import':
      return 'this is an import path: rename the file, then edit the path';
    case 'argument':
      if (o.key && keyParts(o.key).kind === 'param') return undefined;
      return o.key ? `'${o.name}' is an argument of a built-in ${keyParts(o.key).kind === 'attr' ? 'layer' : 'directive'}` : `'${o.name}' is not a parameter of what is called here`;
    default:
      if (!o.key) return o.kind === 'label' ? 'a label template (layer{i}) cannot be renamed' : `'${o.name}' is not defined, so there is nothing to rename`;
      return renamable.has(o.kind) ? undefined : `'${o.name}' cannot be renamed`;
  }
}

/** For a position on no name: what the lexer says is there. */
function tokenRefusal(text: string, offset: number): string | undefined {
  const token = netLexer.tokenize(text).tokens.find((t) => t.startOffset <= offset && offset <= t.startOffset + t.image.length);
  if (!token) return undefined;
  const type = token.tokenType.name;
  if (keywords.has(token.image)) return `'${token.image}' is a keyword`;
  if (type === 'Integer' || type === 'Float') return 'a number cannot be renamed';
  if (type === 'StringLiteral') return 'a string cannot be renamed';
  return undefined;
}

export function prepareRename(u: Universe, path: string, offset: number): PrepareRenameResult | undefined {
  const occurrences = u.occurrences(path);
  const text = u.text(path);
  if (!occurrences || text === undefined) return text === undefined ? undefined : { error: 'the file has syntax errors; fix them to rename' };
  const at = occurrenceAt(occurrences, offset);
  if (!at) {
    const why = tokenRefusal(text, offset);
    return why ? { error: why } : undefined;
  }
  const why = refusal(at);
  return why ? { error: why } : { from: at.from, to: at.to, placeholder: at.name };
}

/** Names the compiler gives unlabelled things (`conv1`, `branch2`, `add1`): a label reusing one is NET2010. */
const automaticName = (name: string) => {
  const m = /^([A-Za-z_]+?)(\d+)$/.exec(name);
  return (m !== null && (layerRegistry.has(m[1]) || ['branch', 'concat', 'add', 'scale'].includes(m[1]))) || name === 'shortcut';
};

/** Why `name` is no valid new name, whatever it renames. */
function invalidName(name: string, kind: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `'${name}' is not a name: names start with a letter or '_' and hold letters, digits and '_'`;
  if (keywords.has(name)) return `'${name}' is a keyword`;
  if (layerRegistry.has(name)) return `'${name}' is a built-in layer`;
  if (functions.has(name) && (kind === 'parameter' || kind === 'let')) return `'${name}' is a built-in function`;
  if (kind === 'label' && automaticName(name)) return `'${name}' is a name netc gives unlabelled layers and scopes`;
  return undefined;
}

export function rename(u: Universe, ws: Workspace, path: string, offset: number, newName: string): RenameResult {
  const prepared = prepareRename(u, path, offset);
  if (!prepared) return { error: 'there is no name here to rename' };
  if ('error' in prepared) return prepared;
  const at = occurrenceAt(u.occurrences(path)!, offset)!;
  const key = at.key!;
  const kind = at.kind === 'argument' ? 'parameter' : at.kind;
  const invalid = invalidName(newName, kind);
  if (invalid) return { error: invalid };
  if (newName === at.name) return { edits: [] };
  const found = occurrencesOf(u, path, key);
  const collision = collides(u, ws, found, key, kind, newName);
  if (collision) return { error: collision };
  const edits: TextEditAt[] = found.map(({ file, o }) => ({ file, from: o.from, to: o.to, newText: newName }));
  return { edits };
}

/** Where the new name is taken already, in a scope the renamed thing is seen from. */
function collides(u: Universe, ws: Workspace, found: { file: string; o: Occurrence }[], key: string, kind: string, newName: string): string | undefined {
  if (kind === 'network' || kind === 'block') {
    for (const file of new Set(found.map((f) => f.file))) {
      const other = findDefinition(ws, file, newName);
      if (other) return `'${newName}' is already defined (a ${other.kind} in ${other.file}); networks and blocks share one namespace`;
    }
    return undefined;
  }
  // Definitions whose bodies see the thing renamed: where it is declared or used as a value.
  const scopes = new Set(found.filter(({ o }) => o.kind !== 'argument').flatMap(({ o }) => (o.inside ? [`${o.inside.file}\u0000${o.inside.name}`] : [])));
  // A network's parameter stays a parameter of the networks extending it: their own names count too.
  const { kind: keyKind, file } = keyParts(key);
  if (keyKind === 'param' && file) {
    const owner = definitionKey(file, key.split(sep)[2]);
    for (const f of u.files()) for (const o of u.occurrences(f) ?? []) if (o.kind === 'network' && !o.declaration && o.key === owner && o.inside) scopes.add(`${o.inside.file}\u0000${o.inside.name}`);
  }
  for (const file of new Set(found.map((f) => f.file))) {
    for (const o of u.occurrences(file) ?? []) {
      if (!o.inside || !scopes.has(`${o.inside.file}\u0000${o.inside.name}`) || o.name !== newName || o.key === key) continue;
      const values = kind === 'parameter' || kind === 'let';
      if (values && o.declaration && (o.kind === 'parameter' || o.kind === 'let')) return `'${newName}' is already a ${o.kind === 'let' ? 'let or repeat variable' : 'parameter'} of ${o.inside.name}`;
      if (values && !o.declaration && (o.kind === 'parameter' || o.kind === 'let')) return `'${newName}' already means another value in ${o.inside.name}`;
      if (kind === 'label' && o.kind === 'label') return `'${newName}' is already a label in ${o.inside.name}`;
    }
  }
  return undefined;
}
