// The binding cache: kept while nothing it read changed, renewed when the file or an import it resolved through does.
import test from 'ava';
import { memoryService, offsetOf } from './service_helpers.js';

test('definition follows an edit of the imported file that moves the block, without touching the importer', (t) => {
  const blocks = 'block basic(c) {\n  conv(c, kernel: 3)\n}\n';
  const net = 'import "blocks.net"\nnetwork N {\n  input [1, 8, 8]\n  basic(4)\n}\n';
  const service = memoryService({ '/w/blocks.net': blocks, '/w/net.net': net }, '/w/net.net', '/w/blocks.net');
  const at = offsetOf(net, 'basic(4)');
  t.is(service.definition('/w/net.net', at)[0].from, offsetOf(blocks, 'basic'));
  const moved = `# moved down\n\n${blocks}`;
  service.setFile('/w/blocks.net', moved);
  t.is(service.definition('/w/net.net', at)[0].from, offsetOf(moved, 'basic'));
  // Renamed away: the call no longer resolves.
  service.setFile('/w/blocks.net', blocks.replace('basic', 'other'));
  t.deepEqual(service.definition('/w/net.net', at), []);
  t.false(service.nodeAt('/w/net.net', at)!.resolved);
});

test("the file's own edit rebinds it; asking twice without an edit gives the same answers", (t) => {
  const source = 'network N(w = 2) {\n  input [1, 8, 8]\n  conv(w, kernel: 3)\n}\n';
  const service = memoryService({ 'n.net': source }, 'n.net');
  const first = service.semanticTokens('n.net');
  t.deepEqual(service.semanticTokens('n.net'), first);
  const edited = source.replace('conv(w', 'conv(ww');
  service.setFile('n.net', edited);
  const token = service.semanticTokens('n.net').find((tok) => edited.slice(tok.from, tok.to) === 'ww');
  t.is(token?.type, 'variable', 'an unknown name is no longer the parameter');
});
