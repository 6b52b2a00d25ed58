// A strict little XML reader for tests: throws on anything not well-formed, returns the element tree.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), children's excluded. */
  text: string;
}

const name = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const entity = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const decode = (s: string) => s.replace(entity, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[e] ?? String.fromCodePoint(Number(e.slice(2, -1).replace(/^x/, '0x'))));

function checkText(text: string, at: number): string {
  if (text.replace(entity, '').includes('&')) throw new Error(`bare & near offset ${at}`);
  if (text.includes('>') && text.includes(']]>')) throw new Error(`]]> in text near ${at}`);
  return decode(text);
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  /** Matches a sticky pattern at i and moves past it. */
  const skip = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(source);
    if (m) i = re.lastIndex;
    return m;
  };
  skip(/<\?xml[^?]*\?>\s*/y);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = new RegExp(`<(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
  const close = new RegExp(`</(${name})\\s*>`, 'y');
  const attr = new RegExp(`(${name})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
  while (i < source.length) {
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    if (source[i] === '<' && source[i + 1] === '/') {
      const m = skip(close);
      if (!m) throw new Error(`bad end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw new Error(`</${m[1]}> closes <${open?.name}> at ${i}`);
      continue;
    }
    if (source[i] === '<') {
      const m = skip(tag);
      if (!m) throw new Error(`bad start tag at ${i}: ${source.slice(i, i + 60)}`);
      const attrs: Record<string, string> = {};
      for (const a of m[2].matchAll(attr)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]} on <${m[1]}>`);
        attrs[a[1]] = checkText(a[2] ?? a[3], i);
      }
      const element: XmlElement = { name: m[1], attrs, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) throw new Error('two root elements');
      else root = element;
      if (m[3] !== '/') stack.push(element);
      continue;
    }
    const next = source.indexOf('<', i);
    const text = source.slice(i, next < 0 ? source.length : next);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root at ${i}`);
    if (stack.length > 0) stack[stack.length - 1].text += checkText(text, i);
    i = next < 0 ? source.length : next;
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element of the tree, depth first. */
export const allElements = (e: XmlElement): XmlElement[] => [e, ...e.children.flatMap(allElements)];
/** Every element whose class attribute lists `cls`. */
export const byClass = (e: XmlElement, cls: string) => allElements(e).filter((x) => (x.attrs.class ?? '').split(/\s+/).includes(cls));
