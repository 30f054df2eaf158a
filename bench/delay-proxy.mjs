// ssh's ProxyCommand for a link with latency: `node delay-proxy.mjs PORT MS` joins stdin/stdout
// to 127.0.0.1:PORT, passing each chunk on MS milliseconds after it came (each way).
import { closeSync } from 'node:fs';
import { connect } from 'node:net';

// Not holding ssh's stderr: a program waiting for ssh's output to end would wait for this too.
closeSync(2);
const [port, ms] = process.argv.slice(2).map(Number);
const socket = connect(port, '127.0.0.1');
const later = (action) => (...args) => setTimeout(() => action(...args), ms);
process.stdin.on('data', later((chunk) => socket.write(chunk)));
// Either side ending ends the link: ssh has gone, or the server closed.
process.stdin.on('end', later(() => process.exit(0)));
socket.on('data', later((chunk) => process.stdout.write(chunk)));
socket.on('close', later(() => process.exit(0)));
socket.on('error', () => process.exit(255));
