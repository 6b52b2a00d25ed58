// lsp/uris: file:// URIs map to the paths the services use, other schemes stay URIs.
import test from 'ava';
import { pathToUri, uriToPath } from '../../lsp/uris.js';

test('URIs: file:// becomes a path (escapes decoded), other schemes stay the URI; malformed ones are refused', (t) => {
  t.is(uriToPath('file:///home/me/my%20nets/lenet.net'), '/home/me/my nets/lenet.net');
  t.is(uriToPath('untitled:Untitled-1'), 'untitled:Untitled-1');
  t.is(uriToPath('vscode-notebook-cell:/x.ipynb#1'), 'vscode-notebook-cell:/x.ipynb#1');
  for (const bad of ['', 'lenet.net', 'file://remote-host/x.net', 42 as unknown as string]) t.is(uriToPath(bad), undefined, String(bad));
  t.is(pathToUri('/home/me/my nets/lenet.net'), 'file:///home/me/my%20nets/lenet.net');
  t.is(pathToUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  t.is(uriToPath(pathToUri('/tmp/a#b/ü.net')), '/tmp/a#b/ü.net');
});
