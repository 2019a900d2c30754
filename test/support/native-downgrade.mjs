// Run with NODE_EXTRA_CA_CERTS set to the test certificate: an https server on
// 127.0.0.1 redirects to a plain http one with each redirect status, and this
// prints, as JSON, what the platform fetch ended at and which headers arrived.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTLSServer } from 'node:https';

const tls = { key: readFileSync(new URL('../fixtures/tls/key.pem', import.meta.url)), cert: readFileSync(new URL('../fixtures/tls/cert.pem', import.meta.url)) };
const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

let arrived;
const plain = createServer((req, res) => { arrived = req.headers; res.end('ok'); });
const plainPort = await listen(plain);
const secure = createTLSServer(tls, (req, res) => { res.writeHead(Number(req.url.slice(1)), { location: `http://127.0.0.1:${plainPort}/final` }); res.end(); });
const securePort = await listen(secure);

const seen = [];
for (const status of [301, 302, 303, 307, 308]) {
  arrived = {};
  const response = await fetch(`https://127.0.0.1:${securePort}/${status}`, { headers: { authorization: 'Bearer sk-native', 'x-api-key': 'sk-native' }, redirect: 'follow' });
  await response.text();
  seen.push({ status: response.status, redirected: response.redirected, url: response.url, authorization: arrived.authorization ?? null, apiKey: arrived['x-api-key'] ?? null });
}
process.stdout.write(JSON.stringify(seen));
plain.closeAllConnections();
secure.closeAllConnections();
plain.close();
secure.close();
