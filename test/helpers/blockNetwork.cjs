// Preloaded with `node --require` in tests: every attempt to reach the network is refused and recorded in the
// file named by ALEXNET_NETWORK_LOG, so a test can assert that a command made none.
const fs = require('fs');
const net = require('net');
const dns = require('dns');
const http = require('http');
const https = require('https');

const log = process.env.ALEXNET_NETWORK_LOG;
function refuse(what) {
  if (log) fs.appendFileSync(log, `${process.pid} ${what}\n`);
  throw new Error(`network access blocked in this test: ${what}`);
}
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const opts = args[0];
  // IPC with the parent process and local Unix sockets are not the network.
  if (typeof opts === 'string' || (opts && typeof opts === 'object' && typeof opts.path === 'string')) return originalConnect.apply(this, args);
  return refuse(`net connect ${JSON.stringify(opts)}`);
};
dns.lookup = (host) => refuse(`dns lookup ${host}`);
dns.promises.lookup = async (host) => refuse(`dns lookup ${host}`);
http.request = (url) => refuse(`http request ${String(url && url.href ? url.href : JSON.stringify(url))}`);
https.request = (url) => refuse(`https request ${String(url && url.href ? url.href : JSON.stringify(url))}`);
http.get = http.request;
https.get = https.request;
globalThis.fetch = async (url) => refuse(`fetch ${String(url)}`);
