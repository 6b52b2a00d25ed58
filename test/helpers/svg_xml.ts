// Test helper: whether a string is a well-formed SVG document (tags nest and close, the root is <svg xmlns=…>),
// without an XML library: the renderers write plain elements, attributes and text, no CDATA or doctype.
export function svgProblem(text: string): string | undefined {
  const body = text.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '').trim();
  if (!/^<svg\b[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(body)) return 'the root is not <svg xmlns="http://www.w3.org/2000/svg">';
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) return `</${name}> closes nothing open`;
    } else if (!selfClose) stack.push(name);
  }
  if (stack.length > 0) return `unclosed <${stack.join('>, <')}>`;
  if (/<(?![/A-Za-z])/.test(body.replace(/<\/?[A-Za-z][^>]*>/g, ''))) return 'a stray "<" in text';
  return undefined;
}
